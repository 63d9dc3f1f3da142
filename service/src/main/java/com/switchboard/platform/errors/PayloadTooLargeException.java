package com.switchboard.platform.errors;

/** The request body is larger than the configured limit. */
public class PayloadTooLargeException extends ApiException {
  public PayloadTooLargeException(long limitBytes) {
    super(413, "payload_too_large", "request body exceeds the limit of " + limitBytes + " bytes");
  }
}
