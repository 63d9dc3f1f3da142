package com.switchboard.notify.twilio;

import com.switchboard.notify.OutboundMessage;
import com.switchboard.notify.ProviderFailures;
import com.switchboard.notify.SendResult;
import com.twilio.exception.ApiException;
import java.io.IOException;

/**
 * Turns what twilio-java throws into a {@link SendResult}: 429 and 5xx answers, timeouts and
 * connection failures may succeed later; other 4xx answers will not. The error text is what tenants
 * see: Twilio's own status and message when it answered, else a plain description (see {@link
 * ProviderFailures}); exceptions go to the log.
 */
final class TwilioErrors {
  private TwilioErrors() {}

  static SendResult classify(RuntimeException e, OutboundMessage message) {
    if (!(e instanceof ApiException) || causedByIo(e)) {
      // ApiConnectionException (network failures and timeouts) is no ApiException.
      return SendResult.retryable(ProviderFailures.describe("Twilio", message, e));
    }
    ApiException api = (ApiException) e;
    Integer status = statusOf(api);
    if (status == null) {
      // A 2xx body twilio-java could not read, or an error without a status.
      return SendResult.retryable(
          ProviderFailures.logged(
              "Twilio", message, "Twilio gave an answer Switchboard could not read", e));
    }
    String error = "HTTP " + status + ": " + api.getMessage() + codeSuffix(api);
    if (status == 429 || status >= 500 || status < 400) {
      return SendResult.retryable(error);
    }
    return SendResult.permanent(error);
  }

  private static Integer statusOf(ApiException e) {
    return e.getStatusCode() != null ? e.getStatusCode() : e.getHttpStatusCode();
  }

  private static String codeSuffix(ApiException e) {
    return e.getCode() == null || e.getCode() == 0 ? "" : " (Twilio code " + e.getCode() + ")";
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
