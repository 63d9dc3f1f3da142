package com.switchboard.alert;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The door into the alert package for every integration: makes events durable and returns only
 * after their commit, so an integration may answer 2xx/202 as soon as this returns. Deduplication,
 * grouping, incidents and pages happen after, asynchronously.
 */
public interface AlertIntake {

  /**
   * Stores {@code events} (in order) from one source; the future completes once they are committed,
   * without holding the caller's thread meanwhile.
   *
   * @return completes normally once committed; exceptionally with {@link IntakeOverloadedException}
   *     when the intake could not store them in time (nothing stored)
   * @throws IntakeOverloadedException when the intake cannot take more now; answer 503 with {@code
   *     Retry-After}, nothing was stored
   */
  CompletableFuture<Void> submit(AlertSource source, List<AlertEvent> events);

  /**
   * Stores {@code events} (in order) from one source; returns once they are committed.
   *
   * @throws IntakeOverloadedException when the intake cannot take more now; answer 503 with {@code
   *     Retry-After}, nothing was stored
   */
  default void accept(AlertSource source, List<AlertEvent> events) {
    try {
      submit(source, events).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The intake is full: nothing of the call was stored; the caller should retry after a while. */
  final class IntakeOverloadedException extends RuntimeException {
    private final int retryAfterSeconds;

    public IntakeOverloadedException(int retryAfterSeconds) {
      super("alert intake is overloaded; retry after " + retryAfterSeconds + " s");
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }
}
