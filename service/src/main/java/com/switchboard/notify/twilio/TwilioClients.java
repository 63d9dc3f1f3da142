package com.switchboard.notify.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the {@link TwilioRestClient} the providers share, from {@link TwilioSettings}. Never
 * touches twilio-java's static {@code Twilio.init} client.
 */
public final class TwilioClients {
  private TwilioClients() {}

  /**
   * A client for the configured account: against {@code apiBaseUrl} when set, else against the real
   * API with twilio-java's Apache transport. Both make one attempt per request and honour {@code
   * timeout}.
   *
   * @throws IllegalArgumentException when the settings are not {@linkplain
   *     TwilioSettings#isConfigured() configured}
   */
  public static TwilioRestClient create(TwilioSettings settings) {
    if (!settings.isConfigured()) {
      throw new IllegalArgumentException(
          "twilio needs accountSid, authToken and fromNumber before it can send");
    }
    return new TwilioRestClient.Builder(settings.accountSid.trim(), settings.authToken.trim())
        .httpClient(httpClient(settings))
        .build();
  }

  /** The transport for the settings: see {@link #create(TwilioSettings)}. */
  public static HttpClient httpClient(TwilioSettings settings) {
    java.time.Duration timeout = settings.timeout.toJavaDuration();
    String baseUrl = settings.apiBaseUrlOrNull();
    if (baseUrl != null) {
      return new BaseUrlTwilioHttpClient(baseUrl, timeout);
    }
    return new SingleAttemptNetworkHttpClient(timeout);
  }

  /**
   * twilio-java's default transport with our timeouts, without its retry of 5xx answers (a retried
   * POST may deliver a message twice; the dispatcher owns retries), and with error bodies that
   * always carry their HTTP status (see {@link ErrorBodies}).
   */
  static final class SingleAttemptNetworkHttpClient extends NetworkHttpClient {
    SingleAttemptNetworkHttpClient(java.time.Duration timeout) {
      super(requestConfig(timeout), socketConfig(timeout));
    }

    @Override
    public Response reliableRequest(Request request) {
      return makeRequest(request);
    }

    @Override
    public Response reliableRequest(
        Request request, int[] retryCodes, int retries, long delayMillis) {
      return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
      Response response = super.makeRequest(request);
      if (response == null || response.getStatusCode() < 400) {
        return response;
      }
      int status = response.getStatusCode();
      return new Response(
          ErrorBodies.normalize(status, response.getContent()), status, response.getHeaders());
    }

    @SuppressWarnings("deprecation") // still honoured by the pooling connection manager
    private static RequestConfig requestConfig(java.time.Duration timeout) {
      Timeout t = Timeout.of(timeout);
      return RequestConfig.custom()
          .setConnectionRequestTimeout(t)
          .setConnectTimeout(t)
          .setResponseTimeout(t)
          .build();
    }

    private static SocketConfig socketConfig(java.time.Duration timeout) {
      return SocketConfig.custom().setSoTimeout(Timeout.of(timeout)).setSoKeepAlive(true).build();
    }
  }
}
