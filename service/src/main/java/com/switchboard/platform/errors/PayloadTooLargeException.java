package com.switchboard.platform.errors;

import java.util.List;
import java.util.Map;

/**
 * The request body is larger than the configured limit. The answer closes the connection: the rest
 * of the body is never read, so the connection cannot carry another request, and a client told so
 * does not send its next request into a connection the server is closing.
 */
public class PayloadTooLargeException extends ApiException {
  public PayloadTooLargeException(long limitBytes) {
    super(
        413,
        "payload_too_large",
        "request body exceeds the limit of " + limitBytes + " bytes",
        List.of(),
        Map.of("Connection", "close"));
  }
}
