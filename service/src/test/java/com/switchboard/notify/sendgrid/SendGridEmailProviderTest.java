package com.switchboard.notify.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.notify.Channel;
import com.switchboard.notify.OutboundMessage;
import com.switchboard.notify.SendResult;
import com.switchboard.notify.SendResult.Outcome;
import com.switchboard.testing.ProviderStub;
import com.switchboard.testing.ProviderStub.RecordedRequest;
import com.switchboard.testing.ProviderStub.Reply;
import io.dropwizard.util.Duration;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SendGridEmailProviderTest {
  private static final String KEY = "SG.test-key.0123456789";
  private static final String SEND = "/v3/mail/send";

  private ProviderStub stub;
  private SendGridEmailProvider provider;

  @BeforeEach
  void start() {
    stub = ProviderStub.started();
    provider = new SendGridEmailProvider(settings(stub.hostAndPort()));
  }

  @AfterEach
  void stop() throws IOException {
    provider.close();
    stub.close();
  }

  private static SendGridSettings settings(String host) {
    SendGridSettings settings = new SendGridSettings();
    settings.apiKey = KEY;
    settings.fromAddress = "alerts@switchboard.example";
    settings.host = host;
    settings.timeout = Duration.seconds(5);
    return settings;
  }

  private static OutboundMessage email(UUID id, String html) {
    return new OutboundMessage(
        id,
        "acme",
        Channel.EMAIL,
        "oncall@acme.example",
        "[Switchboard] Incident 42: database down",
        "Incident 42 is open.\nAcknowledge at https://sb.example/i/42",
        html,
        null,
        null);
  }

  @Test
  void postsOneMailWithBothPartsAndTheNotificationIdAndReturnsTheMessageId() {
    UUID id = UUID.randomUUID();

    SendResult result = provider.send(email(id, "<p>Incident <b>42</b> is open.</p>"));

    assertThat(result.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(result.providerMessageId()).matches("[A-Za-z0-9]{22}");
    assertThat(stub.requests()).hasSize(1);
    RecordedRequest request = stub.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(SEND);
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.header("Content-Type")).startsWith("application/json");
    JsonNode mail = request.json();
    assertThat(mail.at("/personalizations/0/to/0/email").asText()).isEqualTo("oncall@acme.example");
    assertThat(mail.at("/personalizations").size()).isEqualTo(1);
    assertThat(mail.at("/from/email").asText()).isEqualTo("alerts@switchboard.example");
    assertThat(mail.at("/from/name").asText()).isEqualTo("Switchboard");
    assertThat(mail.at("/subject").asText()).isEqualTo("[Switchboard] Incident 42: database down");
    assertThat(mail.at("/content/0/type").asText()).isEqualTo("text/plain");
    assertThat(mail.at("/content/0/value").asText())
        .isEqualTo("Incident 42 is open.\nAcknowledge at https://sb.example/i/42");
    assertThat(mail.at("/content/1/type").asText()).isEqualTo("text/html");
    assertThat(mail.at("/content/1/value").asText())
        .isEqualTo("<p>Incident <b>42</b> is open.</p>");
    assertThat(mail.at("/custom_args/notification_id").asText()).isEqualTo(id.toString());
  }

  @Test
  void aMessageWithoutHtmlSendsOnlyThePlainTextPart() {
    assertThat(provider.send(email(UUID.randomUUID(), null)).accepted()).isTrue();

    JsonNode content = stub.requestsTo(SEND).get(0).json().get("content");
    assertThat(content.size()).isEqualTo(1);
    assertThat(content.get(0).get("type").asText()).isEqualTo("text/plain");
  }

  @Test
  void usesTheConfiguredSenderName() throws IOException {
    SendGridSettings settings = settings(stub.hostAndPort());
    settings.fromName = "Acme On-Call";
    try (SendGridEmailProvider named = new SendGridEmailProvider(settings)) {
      named.send(email(UUID.randomUUID(), null));
    }

    assertThat(stub.requests().get(0).json().at("/from/name").asText()).isEqualTo("Acme On-Call");
  }

  @Test
  void withoutAMessageIdHeaderTheNotificationIdStandsIn() {
    stub.script(SEND, Reply.status(202));
    UUID id = UUID.randomUUID();

    SendResult result = provider.send(email(id, null));

    assertThat(result.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(result.providerMessageId()).isEqualTo(id.toString());
  }

  @Test
  void aBadRequestFailsPermanentlyWithSendGridsFirstError() {
    stub.script(
        SEND,
        Reply.sendGridError(400, "The from email does not contain a valid address.", "from.email"));

    SendResult result = provider.send(email(UUID.randomUUID(), null));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
    assertThat(result.providerMessageId()).isNull();
    assertThat(result.error())
        .isEqualTo("HTTP 400: The from email does not contain a valid address. (field from.email)");
  }

  @Test
  void aRejectedKeyFailsPermanently() {
    stub.script(
        SEND,
        Reply.sendGridError(
            401, "The provided authorization grant is invalid, expired, or revoked", null));

    SendResult result = provider.send(email(UUID.randomUUID(), null));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
    assertThat(result.error())
        .isEqualTo("HTTP 401: The provided authorization grant is invalid, expired, or revoked");
  }

  @Test
  void aClientErrorWithoutAJsonBodyStillFailsPermanentlyWithItsStatus() {
    stub.script(SEND, Reply.status(413).body("text/plain", "too large"));

    SendResult result = provider.send(email(UUID.randomUUID(), null));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
    assertThat(result.error()).isEqualTo("HTTP 413");
  }

  @Test
  void tooManyRequestsIsRetryable() {
    stub.script(SEND, Reply.sendGridError(429, "too many requests", null));

    SendResult result = provider.send(email(UUID.randomUUID(), null));

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
    assertThat(result.error()).isEqualTo("HTTP 429: too many requests");
  }

  @Test
  void serverErrorsAreRetryable() {
    stub.script(SEND, Reply.status(500), Reply.status(503).body("text/html", "<h1>down</h1>"));

    SendResult internalError = provider.send(email(UUID.randomUUID(), null));
    SendResult unavailable = provider.send(email(UUID.randomUUID(), null));

    assertThat(internalError.outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
    assertThat(internalError.error()).isEqualTo("HTTP 500");
    assertThat(unavailable.outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
    assertThat(unavailable.error()).isEqualTo("HTTP 503");
    assertThat(stub.requestsTo(SEND)).hasSize(2);
  }

  @Test
  void anAnswerSlowerThanTheTimeoutIsRetryableAndReturnsPromptly() throws IOException {
    stub.script(SEND, Reply.defaultAnswer().delay(java.time.Duration.ofSeconds(10)));
    SendGridSettings settings = settings(stub.hostAndPort());
    settings.timeout = Duration.milliseconds(300);

    try (SendGridEmailProvider impatient = new SendGridEmailProvider(settings)) {
      long started = System.nanoTime();
      SendResult result = impatient.send(email(UUID.randomUUID(), null));
      long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

      assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
      assertThat(result.error()).isEqualTo("SendGrid did not answer in time");
      assertThat(elapsedMillis).isGreaterThanOrEqualTo(250).isLessThan(3_000);
    }
    assertThat(stub.requestsTo(SEND)).hasSize(1);
  }

  @Test
  void anUnreachableApiIsRetryable() throws IOException {
    ProviderStub closed = ProviderStub.started();
    String deadHost = closed.hostAndPort();
    closed.close();

    try (SendGridEmailProvider unreachable = new SendGridEmailProvider(settings(deadHost))) {
      SendResult result = unreachable.send(email(UUID.randomUUID(), null));

      assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
      assertThat(result.error()).isEqualTo("could not reach SendGrid (connection refused)");
    }
  }

  @Test
  void isNamedSendgrid() {
    assertThat(provider.name()).isEqualTo("sendgrid");
  }
}
