package com.switchboard.notify.twilio;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.HttpUtility;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * A twilio-java transport that sends every API request to one base URL (a local stub, a test
 * double, a recording proxy) instead of the host twilio-java derives from the request, using the
 * JDK's {@link java.net.http.HttpClient}. The path and query stay those of the request, so {@code
 * https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json} becomes {@code
 * <base>/2010-04-01/Accounts/AC1/Messages.json}.
 *
 * <p>Each request is made exactly once: twilio-java's own retry of 5xx answers is switched off
 * because a retried POST may send a second SMS or place a second call, and the dispatcher decides
 * about retries. Network failures and timeouts surface as {@link ApiConnectionException}. Error
 * answers whose body is not Twilio's JSON get one that carries their HTTP status.
 *
 * <p>Thread-safe; one instance serves every sender.
 */
public final class BaseUrlTwilioHttpClient extends HttpClient {
  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final String baseUrl;
  private final Duration timeout;
  private final java.net.http.HttpClient http;

  /**
   * @param baseUrl scheme, host, port and optional path prefix, e.g. {@code http://127.0.0.1:8089}
   * @param timeout applies to connecting and, separately, to waiting for the response headers
   */
  public BaseUrlTwilioHttpClient(String baseUrl, Duration timeout) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    URI.create(this.baseUrl); // fail at construction on a malformed URL, not per message
    this.http =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** One attempt only; see the class comment. */
  @Override
  public Response reliableRequest(Request request) {
    return makeRequest(request);
  }

  /** One attempt only; see the class comment. */
  @Override
  public Response reliableRequest(
      Request request, int[] retryCodes, int retries, long delayMillis) {
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    HttpRequest httpRequest = toJdkRequest(request);
    try {
      HttpResponse<String> response =
          http.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      int status = response.statusCode();
      return new Response(
          ErrorBodies.normalize(status, response.body()), status, headers(response));
    } catch (HttpTimeoutException e) {
      throw new ApiConnectionException(
          "Twilio request timed out after " + timeout.toMillis() + " ms", e);
    } catch (IOException e) {
      throw new ApiConnectionException("Twilio request failed: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiConnectionException("Twilio request interrupted", e);
    }
  }

  private HttpRequest toJdkRequest(Request request) {
    URI target = URI.create(baseUrl + request.constructURL().getFile());
    HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(timeout);
    if (request.requiresAuthentication()) {
      builder.header("Authorization", request.getAuthString());
    }
    for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
      if (RESTRICTED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String value : header.getValue()) {
        builder.header(header.getKey(), value);
      }
    }
    builder.setHeader(
        "User-Agent", HttpUtility.getUserAgentString(request.getUserAgentExtensions()));
    if (request.getHeaderParams().keySet().stream().noneMatch("Accept"::equalsIgnoreCase)) {
      builder.header("Accept", "application/json");
    }

    HttpMethod method = request.getMethod();
    if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
      return builder.method(method.name(), HttpRequest.BodyPublishers.noBody()).build();
    }
    EnumConstants.ContentType contentType = request.getContentType();
    if (contentType == EnumConstants.ContentType.MULTIPART_FORM_DATA) {
      throw new ApiException("multipart requests are not supported by " + getClass().getName());
    }
    String body;
    if (contentType == EnumConstants.ContentType.JSON) {
      body = request.getBody() == null ? "" : request.getBody();
      builder.header("Content-Type", "application/json");
    } else {
      body = request.encodeFormBody();
      builder.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    }
    return builder
        .method(method.name(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  private static Header[] headers(HttpResponse<?> response) {
    return response.headers().map().entrySet().stream()
        .flatMap(e -> e.getValue().stream().map(v -> new BasicHeader(e.getKey(), v)))
        .toArray(Header[]::new);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + message;
  }
}
