package com.switchboard.integration.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed attempt is tried again: after the n-th failure, the n-th backoff (the last one
 * repeats) stretched by up to a fifth at random; after {@code maxAttempts} attempts, never.
 */
public final class RetrySchedule {
  private final int maxAttempts;
  private final List<Duration> backoffs;
  private final DoubleSupplier random;

  public RetrySchedule(int maxAttempts, List<Duration> backoffs, DoubleSupplier random) {
    if (maxAttempts < 1 || backoffs.isEmpty()) {
      throw new IllegalArgumentException("at least one attempt and one backoff");
    }
    this.maxAttempts = maxAttempts;
    this.backoffs = List.copyOf(backoffs);
    this.random = random;
  }

  /** The next attempt after attempt number {@code attempt} (1-based) failed at {@code at}. */
  public Optional<Instant> next(int attempt, Instant at) {
    if (attempt >= maxAttempts) {
      return Optional.empty();
    }
    Duration base = backoffs.get(Math.min(attempt, backoffs.size()) - 1);
    long jitterMillis = (long) (base.toMillis() * 0.2 * random.getAsDouble());
    return Optional.of(at.plus(base).plusMillis(jitterMillis));
  }

  public int maxAttempts() {
    return maxAttempts;
  }
}
