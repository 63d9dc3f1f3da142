package com.switchboard.platform.errors;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A rate limit was hit; Retry-After tells the client when to come back, in whole seconds rounded up
 * (a client that waits exactly that long is not refused again), at least 1.
 */
public class TooManyRequestsException extends ApiException {
  public TooManyRequestsException(String message, Duration retryAfter) {
    super(
        429,
        "rate_limited",
        message,
        List.of(),
        Map.of("Retry-After", Long.toString(seconds(retryAfter))));
  }

  static long seconds(Duration retryAfter) {
    long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }
}
