package com.switchboard.notify.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sendgrid.Client;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import com.sendgrid.helpers.mail.objects.Personalization;
import com.switchboard.notify.MessageProvider;
import com.switchboard.notify.OutboundMessage;
import com.switchboard.notify.ProviderFailures;
import com.switchboard.notify.SendResult;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

/**
 * Sends email through SendGrid's v3 Mail Send API: one {@code POST /v3/mail/send} per message with
 * a plain-text part, an HTML part when the message has one, and the notification id as the custom
 * argument {@code notification_id} (SendGrid echoes it in its event webhook). Never throws:
 * failures come back classified.
 *
 * <p>Owns a pooled Apache HTTP client; {@link #close()} releases it.
 */
public final class SendGridEmailProvider implements MessageProvider, Closeable {
  /** The custom argument that carries the notification id to SendGrid's event webhook. */
  public static final String NOTIFICATION_ID_ARG = "notification_id";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SendGrid sendGrid;
  private final CloseableHttpClient http;
  private final Email from;

  /**
   * @throws IllegalArgumentException when the settings are not {@linkplain
   *     SendGridSettings#isConfigured() configured}
   */
  public SendGridEmailProvider(SendGridSettings settings) {
    if (!settings.isConfigured()) {
      throw new IllegalArgumentException(
          "sendgrid needs apiKey and fromAddress before it can send");
    }
    this.http = httpClient(settings.timeout.toMilliseconds());
    String host = settings.hostOrNull();
    // Client's second argument is sendgrid-java's "test" flag: plain HTTP instead of HTTPS.
    this.sendGrid = new SendGrid(settings.apiKey.trim(), new Client(http, host != null));
    if (host != null) {
      sendGrid.setHost(host);
    }
    this.from = new Email(settings.fromAddress.trim(), settings.fromName);
  }

  /**
   * sendgrid-java's default client waits forever; this one gives up connecting, waiting for a
   * pooled connection, and waiting on each read after {@code timeoutMillis}. A POST is retried by
   * Apache's default handler only when it never reached the server.
   */
  private static CloseableHttpClient httpClient(long timeoutMillis) {
    int timeout = (int) Math.min(Integer.MAX_VALUE, timeoutMillis);
    RequestConfig config =
        RequestConfig.custom()
            .setConnectTimeout(timeout)
            .setConnectionRequestTimeout(timeout)
            .setSocketTimeout(timeout)
            .build();
    return HttpClients.custom()
        .setDefaultRequestConfig(config)
        .setMaxConnPerRoute(20)
        .setMaxConnTotal(20)
        .useSystemProperties()
        .build();
  }

  @Override
  public String name() {
    return "sendgrid";
  }

  @Override
  public SendResult send(OutboundMessage message) {
    try {
      Request request = new Request();
      request.setMethod(Method.POST);
      request.setEndpoint("mail/send");
      request.setBody(mail(message).build());
      Response response = sendGrid.api(request);
      return classify(response, message);
    } catch (IOException | RuntimeException e) {
      return SendResult.retryable(ProviderFailures.describe("SendGrid", message, e));
    }
  }

  private Mail mail(OutboundMessage message) {
    Mail mail = new Mail();
    mail.setFrom(from);
    mail.setSubject(message.subject());
    Personalization personalization = new Personalization();
    personalization.addTo(new Email(message.to()));
    mail.addPersonalization(personalization);
    mail.addContent(new Content("text/plain", message.text()));
    if (message.html() != null) {
      mail.addContent(new Content("text/html", message.html()));
    }
    mail.addCustomArg(NOTIFICATION_ID_ARG, message.notificationId().toString());
    return mail;
  }

  private static SendResult classify(Response response, OutboundMessage message) {
    int status = response.getStatusCode();
    if (status >= 200 && status < 300) {
      String id = header(response.getHeaders(), "X-Message-Id");
      return SendResult.accepted(id != null ? id : message.notificationId().toString());
    }
    String reason = firstError(response.getBody());
    String error = "HTTP " + status + (reason == null ? "" : ": " + reason);
    if (status == 429 || status >= 500 || status < 400) {
      return SendResult.retryable(error);
    }
    return SendResult.permanent(error);
  }

  private static String header(Map<String, String> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (name.equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
        String value = header.getValue().trim();
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  /** The first message of SendGrid's {@code {"errors":[{"message":…,"field":…}]}}, if any. */
  private static String firstError(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode first = JSON.readTree(body).path("errors").path(0);
      String message = first.path("message").asText(null);
      if (message == null || message.isBlank()) {
        return null;
      }
      String field = first.path("field").asText(null);
      return field == null || field.isBlank() ? message : message + " (field " + field + ")";
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    http.close();
  }
}
