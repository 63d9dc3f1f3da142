package com.switchboard.alert;

import java.util.List;

/**
 * The door into the alert package for every integration: makes events durable and returns only
 * after their commit, so an integration may answer 2xx/202 as soon as this returns. Deduplication,
 * grouping, incidents and pages happen after, asynchronously.
 */
public interface AlertIntake {

  /**
   * Stores {@code events} (in order) from one source; returns once they are committed.
   *
   * @throws IntakeOverloadedException when the intake cannot take more now; answer 503 with {@code
   *     Retry-After}, nothing was stored
   */
  void accept(AlertSource source, List<AlertEvent> events);

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
