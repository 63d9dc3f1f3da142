package com.switchboard.notify;

/**
 * What a provider said about one message. Providers never throw for provider errors: they classify
 * them, and the dispatcher decides whether to retry or fall back to another contact method.
 *
 * @param outcome accepted, or a failure that may or may not succeed when retried
 * @param providerMessageId the provider's id for the message (Twilio SID, SendGrid X-Message-Id,
 *     outbox id); null on failure
 * @param error a short human-readable reason on failure, e.g. {@code "HTTP 503"}; null on success
 */
public record SendResult(Outcome outcome, String providerMessageId, String error) {
  /** Failure classes: 5xx, 429, timeouts and connection errors are retryable; other 4xx are not. */
  public enum Outcome {
    ACCEPTED,
    RETRYABLE_FAILURE,
    PERMANENT_FAILURE
  }

  public static SendResult accepted(String providerMessageId) {
    return new SendResult(Outcome.ACCEPTED, providerMessageId, null);
  }

  public static SendResult retryable(String error) {
    return new SendResult(Outcome.RETRYABLE_FAILURE, null, error);
  }

  public static SendResult permanent(String error) {
    return new SendResult(Outcome.PERMANENT_FAILURE, null, error);
  }

  public boolean accepted() {
    return outcome == Outcome.ACCEPTED;
  }
}
