package com.switchboard.notify.twilio;

import com.twilio.security.RequestValidator;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the {@code X-Twilio-Signature} header of Twilio's webhooks (status callbacks, TwiML
 * fetches) with the account's auth token, using twilio-java's {@link RequestValidator}: an
 * HMAC-SHA1 over the full URL Twilio called followed by the POST parameters sorted by name.
 */
public final class TwilioSignatures {
  private final RequestValidator validator;

  public TwilioSignatures(String authToken) {
    this.validator = new RequestValidator(Objects.requireNonNull(authToken, "authToken"));
  }

  /**
   * True when {@code signatureHeader} is Twilio's signature of this request.
   *
   * @param fullUrl the URL exactly as Twilio called it, scheme, host, port and query included
   * @param formParams the form-encoded POST parameters; empty for a GET
   * @param signatureHeader the {@code X-Twilio-Signature} value; null or blank is never valid
   * @return false for a missing, malformed or wrong signature; never throws
   */
  public boolean isValid(String fullUrl, Map<String, String> formParams, String signatureHeader) {
    if (fullUrl == null || signatureHeader == null || signatureHeader.isBlank()) {
      return false;
    }
    try {
      return validator.validate(
          fullUrl, formParams == null ? Map.of() : formParams, signatureHeader);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
