package com.switchboard.integration.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.SwitchboardConfiguration;
import com.switchboard.alert.AlertEvent;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SendGrid Inbound Parse's webhook against a real service and PostgreSQL, with an intake that
 * records what it was handed. The fixture is the multipart body Inbound Parse posts (boundary
 * {@code xYzZY}, "POST the raw, full MIME message" off), its recipient's key filled in.
 */
class InboundEmailTest {
  private static final String TOKEN = "test-inbound-parse-token-0123456789";
  private static final String DOMAIN = "alerts.switchboard.test";
  private static final String MULTIPART = "multipart/form-data; boundary=xYzZY";
  private static final RecordingAlertIntake INTAKE = new RecordingAlertIntake();
  private static DropwizardTestSupport<SwitchboardConfiguration> app;
  private static Api api;

  private Api.Login owner;
  private String serviceId;

  @BeforeAll
  static void start() {
    app = TestApp.start(application -> application.withAlertIntake(INTAKE));
    api = new Api("http://localhost:" + app.getLocalPort());
  }

  @AfterAll
  static void stop() {
    app.after();
  }

  @BeforeEach
  void tenant() {
    INTAKE.clear();
    owner = api.signup("Inbound Email");
    serviceId =
        api.createService(owner, "Backups", "", api.createTeam(owner, "Ops", "engineering"));
  }

  private JsonNode emailIntegration(Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>(Map.of("type", "email", "name", "Backup mail"));
    body.putAll(extra);
    Api.Reply created = api.post("/api/v1/services/" + serviceId + "/integrations", body, owner);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.body();
  }

  private static byte[] fixture(String key) {
    try (InputStream in =
        InboundEmailTest.class.getResourceAsStream(
            "/fixtures/sendgrid-inbound/backup-failed.multipart")) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return body.replace("{{KEY}}", key).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Api.Reply post(String token, byte[] body) {
    return api.raw(
        "POST", "/api/v1/integrations/email/inbound/" + token, MULTIPART, body, Api.ANONYMOUS);
  }

  /** A form as Inbound Parse builds it, with the given fields. */
  private static byte[] form(Map<String, String> fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fields.forEach(
        (name, value) ->
            out.writeBytes(
                ("--xYzZY\r\nContent-Disposition: form-data; name=\""
                        + name
                        + "\"\r\n\r\n"
                        + value
                        + "\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
    out.writeBytes("--xYzZY--\r\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static Map<String, String> email(String to, String subject, String messageId) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(
        "headers",
        "From: Cron <cron@example.com>\nMessage-ID: " + messageId + "\nSubject: " + subject + "\n");
    fields.put("to", to);
    fields.put("from", "Cron <cron@example.com>");
    fields.put("subject", subject);
    fields.put("text", "details of " + subject);
    fields.put("envelope", "{\"to\":[\"" + to + "\"],\"from\":\"cron@example.com\"}");
    fields.put("charsets", "{\"subject\":\"UTF-8\",\"text\":\"UTF-8\"}");
    return fields;
  }

  @Test
  void anEmailIntegrationHasAnAddressOnTheInboundDomain() {
    JsonNode created = emailIntegration(Map.of());
    String key = created.path("key").asText();
    assertThat(created.path("email").asText()).isEqualTo(key + "@" + DOMAIN);
    assertThat(created.path("url").asText()).isEqualTo("mailto:" + key + "@" + DOMAIN);
    assertThat(created.path("groupBy").asText()).isEqualTo("message");
    assertThat(emailIntegration(Map.of("groupBy", "subject")).path("groupBy").asText())
        .isEqualTo("subject");
    Api.Reply bad =
        api.post(
            "/api/v1/services/" + serviceId + "/integrations",
            Map.of("type", "email", "name", "x", "groupBy", "thread"),
            owner);
    assertThat(bad.status()).isEqualTo(422);
    Api.Reply notEmail =
        api.post(
            "/api/v1/services/" + serviceId + "/integrations",
            Map.of("type", "generic", "name", "x", "groupBy", "subject"),
            owner);
    assertThat(notEmail.status()).isEqualTo(422);
  }

  @Test
  void sendGridsPostBecomesOneTriggerWithTheEmailsFields() {
    JsonNode integration = emailIntegration(Map.of());
    Api.Reply reply = post(TOKEN, fixture(integration.path("key").asText()));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.body().path("status").asText()).isEqualTo("accepted");
    assertThat(reply.body().path("accepted").asInt()).isEqualTo(1);

    assertThat(INTAKE.calls()).hasSize(1);
    RecordingAlertIntake.Call call = INTAKE.calls().get(0);
    assertThat(call.source().tenant().value().toString()).isEqualTo(owner.tenantId());
    assertThat(call.source().serviceId().toString()).isEqualTo(serviceId);
    assertThat(call.source().integrationId().toString()).isEqualTo(integration.path("id").asText());
    assertThat(call.source().integrationType()).isEqualTo("email");
    assertThat(call.events()).hasSize(1);
    AlertEvent event = call.events().get(0);
    assertThat(event.action()).isEqualTo(AlertEvent.Action.TRIGGER);
    assertThat(event.summary()).isEqualTo("[backup] db-01 nightly backup FAILED");
    assertThat(event.source()).isEqualTo("backup-bot@example.com");
    assertThat(event.dedupKey())
        .isEqualTo("email:<CAN_P_JMvV7ZpAQhOnDienypLrJmuhN=LQWweu4yScw4jQyXY2w@mail.gmail.com>");
    assertThat(event.severity()).isEqualTo(AlertEvent.Severity.ERROR);
    assertThat(event.urgency()).isEqualTo(com.switchboard.paging.Urgency.HIGH);
    JsonNode details = event.customDetails();
    assertThat(details.path("body").asText())
        .isEqualTo("The nightly backup of db-01 failed: pg_dump exited with status 1.\n");
    assertThat(details.path("from").asText()).isEqualTo("backup-bot@example.com");
    assertThat(details.path("spf").asText()).isEqualTo("pass");
    assertThat(details.path("attachments").asInt()).isEqualTo(1);

    // Inbound Parse's retry of the same email carries the same dedup key.
    assertThat(post(TOKEN, fixture(integration.path("key").asText())).status()).isEqualTo(200);
    assertThat(INTAKE.events()).extracting(AlertEvent::dedupKey).containsOnly(event.dedupKey());
  }

  @Test
  void groupingBySubjectPutsAThreadOnOneKeyAndByMessageEachEmailOnItsOwn() {
    String bySubject = emailIntegration(Map.of("groupBy", "subject")).path("key").asText();
    String byMessage = emailIntegration(Map.of()).path("key").asText();
    for (String key : List.of(bySubject, byMessage)) {
      String to = key + "@" + DOMAIN;
      assertThat(post(TOKEN, form(email(to, "Disk full on db-01", "<1@example.com>"))).status())
          .isEqualTo(200);
      assertThat(
              post(TOKEN, form(email(to, "RE: Fwd:  disk full on DB-01", "<2@example.com>")))
                  .status())
          .isEqualTo(200);
    }
    List<String> keys = INTAKE.events().stream().map(AlertEvent::dedupKey).toList();
    assertThat(keys).hasSize(4);
    assertThat(keys.get(0)).startsWith("email-subject:").isEqualTo(keys.get(1));
    assertThat(keys.subList(2, 4))
        .containsExactly("email:<1@example.com>", "email:<2@example.com>");
  }

  @Test
  void anHtmlOnlyEmailKeepsItsTextAndAnEmptySubjectIsNamed() {
    String key = emailIntegration(Map.of()).path("key").asText();
    Map<String, String> fields = email(key + "+db@" + DOMAIN.toUpperCase(), "  ", "<3@x>");
    fields.remove("text");
    fields.put(
        "html",
        "<html><style>p{color:red}</style><body><p>Load &gt; 10 on <b>web-1</b></p></body></html>");
    assertThat(post(TOKEN, form(fields)).status()).isEqualTo(200);
    AlertEvent event = INTAKE.events().get(0);
    assertThat(event.summary()).isEqualTo("(no subject)");
    assertThat(event.customDetails().path("body").asText()).isEqualTo("Load > 10 on web-1");
  }

  @Test
  void anEmailNoIntegrationTakesIsAcceptedAndDropped() {
    String key = emailIntegration(Map.of()).path("key").asText();
    long droppedBefore = app.getEnvironment().metrics().counter(InboundEmail.DROPPED).getCount();
    // Unknown key on our domain; our key on another domain; a key of another type.
    String generic =
        api.post(
                "/api/v1/services/" + serviceId + "/integrations",
                Map.of("type", "generic", "name", "Cron"),
                owner)
            .body()
            .path("key")
            .asText();
    for (String to :
        List.of(
            "a".repeat(32) + "@" + DOMAIN,
            key + "@elsewhere.example",
            generic + "@" + DOMAIN,
            "postmaster@" + DOMAIN)) {
      Api.Reply reply = post(TOKEN, form(email(to, "Hello", "<4@x>")));
      assertThat(reply.status()).as("%s → %s", to, reply).isEqualTo(200);
      assertThat(reply.body().path("status").asText()).isEqualTo("dropped");
    }
    assertThat(INTAKE.events()).isEmpty();
    assertThat(app.getEnvironment().metrics().counter(InboundEmail.DROPPED).getCount())
        .isEqualTo(droppedBefore + 4);
  }

  @Test
  void aWrongTokenIsNotFoundAndNothingIsHandedOn() {
    String key = emailIntegration(Map.of()).path("key").asText();
    for (String token : List.of("wrong", TOKEN + "x", TOKEN.substring(1), "")) {
      Api.Reply reply = post(token, fixture(key));
      assertThat(reply.status()).as("'%s' → %s", token, reply).isEqualTo(404);
      assertThat(reply.errorCode()).isEqualTo("not_found");
    }
    assertThat(INTAKE.events()).isEmpty();
  }

  @Test
  void oversizedAndMalformedPostsAreRefusedWithJson() {
    String key = emailIntegration(Map.of()).path("key").asText();
    Map<String, String> big = email(key + "@" + DOMAIN, "Huge", "<5@x>");
    big.put("text", "x".repeat(1024 * 1024 + 1));
    Api.Reply tooLarge = post(TOKEN, form(big));
    assertThat(tooLarge.status()).as("%s", tooLarge).isEqualTo(413);
    assertThat(tooLarge.errorCode()).isEqualTo("payload_too_large");

    Api.Reply json =
        api.raw(
            "POST",
            "/api/v1/integrations/email/inbound/" + TOKEN,
            "application/json",
            "{}".getBytes(StandardCharsets.UTF_8),
            Api.ANONYMOUS);
    assertThat(json.status()).as("%s", json).isEqualTo(415);
    assertThat(json.body().path("error").isMissingNode()).isFalse();

    Api.Reply broken =
        post(TOKEN, "--xYzZY\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\nab".getBytes());
    assertThat(broken.status()).as("%s", broken).isBetween(400, 499);
    assertThat(broken.body().path("error").isMissingNode()).isFalse();
    assertThat(INTAKE.events()).isEmpty();
  }

  @Test
  void aFullIntakeAnswers503SoSendGridRetries() {
    String key = emailIntegration(Map.of()).path("key").asText();
    INTAKE.overloaded(30);
    Api.Reply reply = post(TOKEN, fixture(key));
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.headers().firstValue("Retry-After")).contains("30");
    assertThat(reply.body().path("error").isMissingNode()).isFalse();
  }
}
