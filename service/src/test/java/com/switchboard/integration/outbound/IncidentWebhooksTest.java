package com.switchboard.integration.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.incident.Actor;
import com.switchboard.incident.IncidentService;
import com.switchboard.paging.Urgency;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.tenant.TenantId;
import com.switchboard.testing.Api;
import com.switchboard.testing.Paging;
import com.switchboard.testing.QuartzTime;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import com.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Incident events as outbound webhooks: changed through the API (or in a caller's transaction),
 * published by {@link IncidentWebhooks} in the incident's transaction, and sent by the same signed,
 * retried path as every other event.
 */
class IncidentWebhooksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TenantDatabase db;

  private final Api api = TestApp.api();
  private final TestClock clock = TestClock.shared();
  private WebhookReceiver receiver;
  private Api.Login owner;
  private Paging paging;
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
    owner = api.signup("Incident Hooks");
    paging = new Paging(api, owner);
    endpoints = new WebhookEndpoints(api, owner);
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
    clock.reset();
  }

  @Test
  void anAcknowledgementIsDeliveredSignedWithTheIncidentAndWhoActed() {
    JsonNode endpoint = create(receiver.url(), List.of("incident.acknowledged"));
    String secret = endpoint.path("secret").asText();
    String service = paging.service("Checkout", policyPaging(owner.userId(), 0));
    JsonNode incident = trigger(service, "card declines");
    String id = incident.path("id").asText();

    Api.Reply acked = api.post("/api/v1/incidents/" + id + "/acknowledge", null, owner);
    assertThat(acked.status()).as(acked.toString()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received.size() == 1);
    WebhookReceiver.Received request = receiver.received.get(0);
    assertThat(WebhookReceiver.verifies(request, secret)).isTrue();
    assertThat(request.header("Switchboard-Event")).isEqualTo("incident.acknowledged");
    JsonNode body = json(request.body());
    assertThat(body.path("type").asText()).isEqualTo("incident.acknowledged");
    JsonNode data = body.path("data");
    assertThat(data.path("incidentId").asText()).isEqualTo(id);
    assertThat(data.path("number").asLong()).isEqualTo(incident.path("number").asLong());
    assertThat(data.path("title").asText()).isEqualTo("card declines");
    assertThat(data.path("service").path("id").asText()).isEqualTo(service);
    assertThat(data.path("service").path("name").asText()).isEqualTo("Checkout");
    assertThat(data.path("status").asText()).isEqualTo("acknowledged");
    assertThat(data.path("urgency").asText()).isEqualTo("high");
    assertThat(data.path("actor").path("userId").asText()).isEqualTo(owner.userId());
    assertThat(data.path("actor").path("channel").asText()).isEqualTo("web");
    assertThat(Instant.parse(data.path("at").asText())).isNotNull();
    assertThat(data.path("htmlUrl").asText()).isEqualTo("http://localhost:8080/incidents/" + id);
    assertThat(data.has("escalation")).isFalse();
    JsonNode delivery = awaitDelivery(endpoint, d -> d.path("status").asText().equals("delivered"));
    assertThat(delivery.path("event").asText()).isEqualTo("incident.acknowledged");
  }

  @Test
  void eachLifecycleChangeIsItsOwnEventAndAnEscalationSaysWhomItPaged() {
    JsonNode endpoint =
        create(
            receiver.url(),
            List.of(
                "incident.triggered", "incident.escalated", "incident.note", "incident.resolved"));
    Api.Login bob = api.addMember(owner, "responder");
    String number = "+14155550177";
    String method = paging.verifiedMethod(bob.userId(), "sms", number);
    paging.rule(bob.userId(), method, "high", 0);
    String policy =
        paging.policy(
            "Two steps",
            0,
            1,
            List.of(List.of(Paging.user(owner.userId())), List.of(Paging.user(bob.userId()))));
    String service = paging.service("Payments", policy);
    Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    clock.setTo(start);
    String id = trigger(service, "refunds stuck").path("id").asText();

    // The second step is due a minute after the first (and the test clock ticks on).
    clock.setTo(start.plus(Duration.ofSeconds(90)));
    QuartzTime.fireDue(TestApp.application().scheduler(), start.plus(Duration.ofSeconds(90)));
    clock.advance(Duration.ofSeconds(1));
    assertThat(
            api.post("/api/v1/incidents/" + id + "/notes", Map.of("text", "rolling back"), owner)
                .status())
        .isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(api.post("/api/v1/incidents/" + id + "/resolve", null, owner).status())
        .isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(receiver.received)
                    .extracting(r -> r.header("Switchboard-Event"))
                    .hasSize(4));
    List<JsonNode> bodies = new ArrayList<>();
    receiver.received.forEach(r -> bodies.add(json(r.body())));
    bodies.sort(
        java.util.Comparator.comparing(b -> Instant.parse(b.path("data").path("at").asText())));
    assertThat(bodies)
        .extracting(b -> b.path("type").asText())
        .containsExactly(
            "incident.triggered", "incident.escalated", "incident.note", "incident.resolved");
    JsonNode escalated = bodies.get(1).path("data");
    assertThat(escalated.path("status").asText()).isEqualTo("triggered");
    assertThat(escalated.path("actor").path("name").asText()).isEqualTo("Switchboard");
    assertThat(escalated.path("escalation").path("policyId").asText()).isEqualTo(policy);
    assertThat(escalated.path("escalation").path("policyName").asText()).isEqualTo("Two steps");
    assertThat(escalated.path("escalation").path("round").asInt()).isEqualTo(0);
    assertThat(escalated.path("escalation").path("step").asInt()).isEqualTo(1);
    assertThat(escalated.path("escalation").path("paged"))
        .extracting(p -> p.path("userId").asText())
        .containsExactly(bob.userId());
    assertThat(bodies.get(2).path("data").path("summary").asText()).isEqualTo("rolling back");
    assertThat(bodies.get(3).path("data").path("status").asText()).isEqualTo("resolved");
    assertThat(deliveries(endpoint)).hasSize(4);
  }

  @Test
  void anIncidentEventToAReceiverThatIsDownIsRetriedThenRecordedAsFailed() {
    JsonNode endpoint = create(WebhookReceiver.downUrl(), List.of("incident.triggered"));
    String service = paging.service("Search", policyPaging(owner.userId(), 0));

    trigger(service, "latency");

    JsonNode first = awaitDelivery(endpoint, d -> d.path("attempts").asInt() == 1);
    assertThat(first.path("status").asText()).isEqualTo("pending");
    assertThat(first.path("lastError").asText()).startsWith("could not connect");
    for (int attempt = 2; attempt <= 6; attempt++) {
      clock.advance(Duration.ofHours(8));
      QuartzTime.runNow(TestApp.application().scheduler(), WebhookSender.JOB_NAME);
      int expected = attempt;
      awaitDelivery(endpoint, d -> d.path("attempts").asInt() == expected);
    }
    JsonNode failed = awaitDelivery(endpoint, d -> d.path("status").asText().equals("failed"));
    assertThat(failed.path("attempts").asInt()).isEqualTo(6);
    assertThat(failed.path("event").asText()).isEqualTo("incident.triggered");
  }

  @Test
  void anIncidentOpenedInATransactionThatRollsBackPublishesNothing() {
    JsonNode endpoint = create(receiver.url(), List.of("incident.triggered"));
    String service = paging.service("Billing", policyPaging(owner.userId(), 0));
    TenantId tenant = new TenantId(UUID.fromString(owner.tenantId()));
    IncidentService incidents = TestApp.application().incidents();
    Actor actor = new Actor("SLA", null, "api");

    assertThatThrownBy(
            () ->
                db.useTenant(
                    tenant,
                    h -> {
                      incidents.open(
                          h,
                          tenant,
                          actor,
                          new IncidentService.Opening(
                              UUID.fromString(service), null, "rolled back", "", Urgency.HIGH));
                      throw new IllegalStateException("the opener's change failed");
                    }))
        .hasMessage("the opener's change failed");
    trigger(service, "committed");
    QuartzTime.runNow(TestApp.application().scheduler(), WebhookSender.JOB_NAME);

    awaitDelivery(endpoint, d -> d.path("status").asText().equals("delivered"));
    assertThat(deliveries(endpoint)).hasSize(1);
    assertThat(receiver.received).hasSize(1);
    assertThat(json(receiver.received.get(0).body()).path("data").path("title").asText())
        .isEqualTo("committed");
  }

  // --- helpers

  /** A one-step policy paging one user (who need not be reachable). */
  private String policyPaging(String userId, int repeat) {
    return paging.policy("Only " + userId, repeat, 5, List.of(List.of(Paging.user(userId))));
  }

  private JsonNode trigger(String service, String title) {
    Api.Reply triggered = paging.trigger(service, title, "high", null);
    assertThat(triggered.status()).as(triggered.toString()).isEqualTo(201);
    return triggered.body().path("incident");
  }

  private JsonNode create(String url, List<String> events) {
    return endpoints.create(url, events);
  }

  private List<JsonNode> deliveries(JsonNode endpoint) {
    return endpoints.deliveries(endpoint);
  }

  private JsonNode awaitDelivery(JsonNode endpoint, java.util.function.Predicate<JsonNode> state) {
    return endpoints.awaitDelivery(endpoint, state);
  }

  private static JsonNode json(String body) {
    return WebhookEndpoints.json(body);
  }
}
