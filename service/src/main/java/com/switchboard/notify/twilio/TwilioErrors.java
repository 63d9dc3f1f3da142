package com.switchboard.notify.twilio;

import com.switchboard.notify.SendResult;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import java.io.IOException;

/**
 * Turns what twilio-java throws into a {@link SendResult}: 429 and 5xx answers, timeouts and
 * connection failures may succeed later; other 4xx answers will not.
 */
final class TwilioErrors {
  private TwilioErrors() {}

  static SendResult classify(RuntimeException e) {
    if (e instanceof ApiConnectionException) {
      return SendResult.retryable(e.getMessage());
    }
    if (e instanceof ApiException) {
      ApiException api = (ApiException) e;
      Integer status = statusOf(api);
      if (status == null) {
        // No status: twilio-java's Apache transport wraps I/O errors this way, and an error body
        // that is not Twilio's JSON (a proxy's HTML page) ends up here too.
        String kind = causedByIo(api) ? "I/O error: " : "Twilio error without status: ";
        return SendResult.retryable(kind + api.getMessage());
      }
      String error = "HTTP " + status + ": " + api.getMessage() + codeSuffix(api);
      if (status == 429 || status >= 500 || status < 400) {
        return SendResult.retryable(error);
      }
      return SendResult.permanent(error);
    }
    return SendResult.retryable(e.getClass().getName() + ": " + e.getMessage());
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
