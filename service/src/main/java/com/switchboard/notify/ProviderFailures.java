package com.switchboard.notify;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain descriptions of a provider request that failed before the provider answered, for texts
 * tenants see (a notification's {@code lastError}, the incident timeline, a contact method's {@code
 * codeError}). Exception class names and their messages stay in the log, for operators.
 */
public final class ProviderFailures {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderFailures.class);

  private ProviderFailures() {}

  /**
   * Logs {@code failure} for operators and returns what a tenant may read, e.g. {@code "could not
   * reach Twilio (connection refused)"} or {@code "Twilio did not answer in time"}.
   *
   * @param provider the provider's name as people know it: {@code "Twilio"}, {@code "SendGrid"}
   * @param message the message the request was for, named in the log
   */
  public static String describe(String provider, OutboundMessage message, Throwable failure) {
    return logged(provider, message, plain(provider, failure), failure);
  }

  /** Logs {@code failure} for operators with {@code text}, and returns {@code text}. */
  public static String logged(
      String provider, OutboundMessage message, String text, Throwable failure) {
    LOG.warn(
        "{} request for message {} ({}) failed: {}",
        provider,
        message.notificationId(),
        message.channel(),
        text,
        failure);
    return text;
  }

  static String plain(String provider, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpTimeoutException || t instanceof InterruptedIOException) {
        // java.net.SocketTimeoutException and Apache's ConnectTimeoutException are both here.
        return provider + " did not answer in time";
      }
      if (t instanceof ConnectException) {
        return "could not reach " + provider + " (connection refused)";
      }
      if (t instanceof UnknownHostException) {
        return "could not reach " + provider + " (unknown host)";
      }
      if (t instanceof NoRouteToHostException) {
        return "could not reach " + provider + " (no route to host)";
      }
      if (t instanceof SSLException) {
        return "could not reach " + provider + " (secure connection failed)";
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return "the connection to " + provider + " failed";
      }
    }
    return provider + " request failed unexpectedly";
  }
}
