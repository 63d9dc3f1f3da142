package com.switchboard.integration.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.tenant.TenantId;
import com.switchboard.testing.Api;
import com.switchboard.testing.QuartzTime;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import com.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outbound webhooks end to end: events published in a tenant transaction through the running
 * service's {@link OutboundWebhooks}, sent to a real receiver on loopback that checks the signature
 * with the shared secret, retried by the clustered sender job as the test clock moves, and shown in
 * the delivery log.
 */
class WebhookDeliveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TenantDatabase db;

  private final Api api = TestApp.api();
  private final TestClock clock = TestClock.shared();
  private WebhookReceiver receiver;
  private Api.Login owner;
  private WebhookEndpoints endpoints;

  @BeforeAll
  static void tenantTransactions() {
    db = WebhookEndpoints.tenantDatabase();
  }

  @BeforeEach
  void receiverAndTenant() {
    TestDatabase.get().truncateAll();
    clock.reset();
    receiver = WebhookReceiver.started();
    owner = api.signup("Hooks");
    endpoints = new WebhookEndpoints(api, owner);
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
    clock.reset();
  }

  @Test
  void deliversASignedEventThatTheReceiverVerifiesWithTheSharedSecret() {
    JsonNode endpoint = create(receiver.url(), List.of("ticket.created", "sla.breached"));
    String secret = endpoint.path("secret").asText();

    UUID eventId = publish("ticket.created", Map.of("ticketId", "T-1", "subject", "Checkout down"));

    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received.size() == 1);
    WebhookReceiver.Received request = receiver.received.get(0);
    assertThat(WebhookReceiver.verifies(request, secret)).isTrue();
    assertThat(WebhookReceiver.verifies(request, "whsec_someone-elses-secret")).isFalse();
    WebhookReceiver.Received tampered =
        new WebhookReceiver.Received(
            request.headers(), request.body().replace("Checkout down", "Checkout fine"));
    assertThat(WebhookReceiver.verifies(tampered, secret)).isFalse();
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("Switchboard-Event")).isEqualTo("ticket.created");
    assertThat(request.header("Switchboard-Signature")).matches("t=[0-9]+,v1=[0-9a-f]{64}");

    JsonNode body = json(request.body());
    assertThat(body.path("id").asText()).isEqualTo(eventId.toString());
    assertThat(body.path("type").asText()).isEqualTo("ticket.created");
    assertThat(body.path("tenant").asText()).isEqualTo(owner.tenantId());
    assertThat(Instant.parse(body.path("createdAt").asText())).isNotNull();
    assertThat(body.path("data").path("subject").asText()).isEqualTo("Checkout down");

    JsonNode delivery = awaitDelivery(endpoint, d -> d.path("status").asText().equals("delivered"));
    assertThat(request.header("Switchboard-Delivery")).isEqualTo(delivery.path("id").asText());
    assertThat(delivery.path("eventId").asText()).isEqualTo(eventId.toString());
    assertThat(delivery.path("event").asText()).isEqualTo("ticket.created");
    assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
    assertThat(delivery.path("lastStatusCode").asInt()).isEqualTo(200);
    assertThat(delivery.path("responseSnippet").asText()).isEqualTo("{\"ok\":true}");
    assertThat(delivery.path("nextAttemptAt").isNull()).isTrue();
    assertThat(delivery.path("deliveredAt").isNull()).isFalse();
  }

  @Test
  void onlySubscribedEnabledEndpointsGetAnEvent() {
    JsonNode tickets = create(receiver.url(), List.of("ticket.created"));
    JsonNode sla = create(receiver.url() + "?sla", List.of("sla.warning"));
    JsonNode disabled = create(receiver.url() + "?off", List.of("sla.warning"));
    Api.Reply off =
        api.put(
            "/api/v1/webhooks/" + disabled.path("id").asText(),
            Map.of(
                "url", receiver.url() + "?off", "events", List.of("sla.warning"), "enabled", false),
            owner);
    assertThat(off.status()).as(off.toString()).isEqualTo(200);
    assertThat(off.body().path("enabled").asBoolean()).isFalse();

    publish("sla.warning", Map.of("ticketId", "T-2"));

    await().atMost(Duration.ofSeconds(20)).until(() -> !deliveries(sla).isEmpty());
    assertThat(deliveries(tickets)).isEmpty();
    assertThat(deliveries(disabled)).isEmpty();
    awaitDelivery(sla, d -> d.path("status").asText().equals("delivered"));
    assertThat(receiver.received).hasSize(1);
    assertThat(receiver.received.get(0).header("Switchboard-Event")).isEqualTo("sla.warning");
  }

  @Test
  void aRolledBackPublishLeavesNoDeliveryAndSendsNothing() {
    JsonNode endpoint = create(receiver.url(), List.of("ticket.created"));
    TenantId tenant = tenant();

    assertThatThrownBy(
            () ->
                db.useTenant(
                    tenant,
                    h -> {
                      TestApp.application()
                          .outboundWebhooks()
                          .publish(h, tenant, "ticket.created", Map.of("subject", "rolled back"));
                      throw new IllegalStateException("the publisher's change failed");
                    }))
        .hasMessage("the publisher's change failed");
    publish("ticket.created", Map.of("subject", "committed"));
    runSenderJob();

    JsonNode delivered =
        awaitDelivery(endpoint, d -> d.path("status").asText().equals("delivered"));
    assertThat(deliveries(endpoint)).hasSize(1);
    assertThat(receiver.received).hasSize(1);
    assertThat(json(receiver.received.get(0).body()).path("data").path("subject").asText())
        .isEqualTo("committed");
    assertThat(delivered.path("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void aReceiverThatIsDownIsRetriedWithBackoffThenTheFailureIsRecorded() {
    JsonNode endpoint = create(WebhookReceiver.downUrl(), List.of("ticket.updated"));

    // The publisher's transaction commits at once whatever the receiver does.
    publish("ticket.updated", Map.of("ticketId", "T-3"));

    JsonNode first = awaitDelivery(endpoint, d -> d.path("attempts").asInt() == 1);
    assertThat(first.path("status").asText()).isEqualTo("pending");
    assertThat(first.path("lastError").asText()).startsWith("could not connect");
    assertThat(first.path("lastStatusCode").isNull()).isTrue();
    Instant next = Instant.parse(first.path("nextAttemptAt").asText());
    Instant updated = Instant.parse(first.path("updatedAt").asText());
    // 30 s, stretched by up to a fifth.
    assertThat(Duration.between(updated, next))
        .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(36));

    // Not due yet: the sender leaves it alone.
    runSenderJob();
    assertThat(only(endpoint).path("attempts").asInt()).isEqualTo(1);

    List<Duration> waits =
        List.of(
            Duration.ofSeconds(37),
            Duration.ofMinutes(3),
            Duration.ofMinutes(13),
            Duration.ofMinutes(73));
    for (int attempt = 2; attempt <= 5; attempt++) {
      clock.advance(waits.get(attempt - 2));
      runSenderJob();
      int expected = attempt;
      JsonNode retried = awaitDelivery(endpoint, d -> d.path("attempts").asInt() == expected);
      assertThat(retried.path("status").asText()).isEqualTo("pending");
    }
    clock.advance(Duration.ofHours(8));
    runSenderJob();

    JsonNode failed = awaitDelivery(endpoint, d -> d.path("status").asText().equals("failed"));
    assertThat(failed.path("attempts").asInt()).isEqualTo(6);
    assertThat(failed.path("nextAttemptAt").isNull()).isTrue();
    assertThat(failed.path("lastError").asText()).startsWith("could not connect");
    clock.advance(Duration.ofDays(1));
    runSenderJob();
    assertThat(only(endpoint).path("attempts").asInt()).isEqualTo(6);
  }

  @Test
  void aReceiverThatComesBackGetsTheSameDeliveryOnTheNextAttempt() {
    receiver.failuresLeft.set(1);
    JsonNode endpoint = create(receiver.url(), List.of("ticket.escalated"));

    publish("ticket.escalated", Map.of("ticketId", "T-4"));

    JsonNode failedOnce = awaitDelivery(endpoint, d -> d.path("attempts").asInt() == 1);
    assertThat(failedOnce.path("lastStatusCode").asInt()).isEqualTo(503);
    assertThat(failedOnce.path("lastError").asText()).isEqualTo("HTTP 503");
    assertThat(failedOnce.path("status").asText()).isEqualTo("pending");
    clock.advance(Duration.ofMinutes(1));
    runSenderJob();

    JsonNode delivered =
        awaitDelivery(endpoint, d -> d.path("status").asText().equals("delivered"));
    assertThat(delivered.path("attempts").asInt()).isEqualTo(2);
    assertThat(delivered.path("lastError").isNull()).isTrue();
    assertThat(receiver.received).hasSize(2);
    WebhookReceiver.Received one = receiver.received.get(0);
    WebhookReceiver.Received two = receiver.received.get(1);
    assertThat(two.body()).isEqualTo(one.body());
    assertThat(two.header("Switchboard-Delivery")).isEqualTo(one.header("Switchboard-Delivery"));
    assertThat(WebhookReceiver.verifies(two, endpoint.path("secret").asText())).isTrue();
  }

  @Test
  void redeliverSendsTheEventAgainAsANewDelivery() {
    JsonNode endpoint = create(receiver.url(), List.of("ticket.linked"));
    publish("ticket.linked", Map.of("ticketId", "T-5"));
    JsonNode original = awaitDelivery(endpoint, d -> d.path("status").asText().equals("delivered"));

    Api.Reply redelivered =
        api.post(
            "/api/v1/webhooks/"
                + endpoint.path("id").asText()
                + "/deliveries/"
                + original.path("id").asText()
                + "/redeliver",
            null,
            owner);

    assertThat(redelivered.status()).as(redelivered.toString()).isEqualTo(202);
    String newId = redelivered.body().path("id").asText();
    assertThat(newId).isNotEqualTo(original.path("id").asText());
    assertThat(redelivered.body().path("redeliveryOf").asText())
        .isEqualTo(original.path("id").asText());
    assertThat(redelivered.body().path("eventId").asText())
        .isEqualTo(original.path("eventId").asText());
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received.size() == 2);
    assertThat(receiver.received.get(1).body()).isEqualTo(receiver.received.get(0).body());
    assertThat(receiver.received.get(1).header("Switchboard-Delivery")).isEqualTo(newId);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                deliveries(endpoint).stream()
                    .allMatch(d -> d.path("status").asText().equals("delivered")));
    assertThat(deliveries(endpoint)).hasSize(2);
    JsonNode audit = api.get("/api/v1/audit", owner).body();
    assertThat(audit.path("items").findValuesAsText("action")).contains("webhook.redelivered");
  }

  // --- helpers

  private JsonNode create(String url, List<String> events) {
    return endpoints.create(url, events);
  }

  private TenantId tenant() {
    return new TenantId(UUID.fromString(owner.tenantId()));
  }

  private UUID publish(String type, Object data) {
    TenantId tenant = tenant();
    return db.inTenant(
        tenant, h -> TestApp.application().outboundWebhooks().publish(h, tenant, type, data));
  }

  private List<JsonNode> deliveries(JsonNode endpoint) {
    return endpoints.deliveries(endpoint);
  }

  private JsonNode only(JsonNode endpoint) {
    List<JsonNode> items = deliveries(endpoint);
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private JsonNode awaitDelivery(JsonNode endpoint, java.util.function.Predicate<JsonNode> state) {
    return endpoints.awaitDelivery(endpoint, state);
  }

  private static void runSenderJob() {
    QuartzTime.runNow(TestApp.application().scheduler(), WebhookSender.JOB_NAME);
  }

  private static JsonNode json(String body) {
    return WebhookEndpoints.json(body);
  }
}
