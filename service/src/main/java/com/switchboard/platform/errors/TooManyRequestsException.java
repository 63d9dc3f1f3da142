package com.switchboard.platform.errors;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A rate limit was hit; Retry-After tells the client when to come back. */
public class TooManyRequestsException extends ApiException {
  public TooManyRequestsException(String message, Duration retryAfter) {
    super(
        429,
        "rate_limited",
        message,
        List.of(),
        Map.of("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds()))));
  }
}
