package com.switchboard.integration.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.testing.Api;
import com.switchboard.testing.Paging;
import com.switchboard.testing.QuartzTime;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ticket capability publishes its changes: an agent creates, reprioritises and escalates a
 * ticket through the API, and a real receiver on loopback gets signed deliveries of each event.
 */
class TicketWebhooksTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Api api = TestApp.api();
  private final TestClock clock = TestClock.shared();
  private WebhookReceiver receiver;
  private Api.Login owner;
  private Api.Login agent;

  @BeforeEach
  void receiverAndTenant() {
    receiver = WebhookReceiver.started();
    owner = api.signup("Ticket Hooks");
    agent = api.addMember(owner, "agent");
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
    clock.reset();
  }

  @Test
  void aTicketCreatedUpdatedAndEscalatedViaTheApiIsSentSignedToTheReceiver() throws Exception {
    Api.Reply endpoint =
        api.post(
            "/api/v1/webhooks",
            Map.of(
                "url",
                receiver.url(),
                "events",
                List.of("ticket.created", "ticket.updated", "ticket.escalated")),
            owner);
    assertThat(endpoint.status()).as("%s", endpoint).isEqualTo(201);
    String secret = endpoint.body().path("secret").asText();

    Paging paging = new Paging(api, owner);
    String policy = paging.policy("Support", 5, 1, List.of(List.of(Paging.user(owner.userId()))));
    String service = paging.service("Checkout API", policy);
    Api.Reply created =
        api.post(
            "/api/v1/tickets",
            Map.of(
                "subject", "Card payments fail",
                "priority", "normal",
                "serviceId", service,
                "externalId", "HD-77"),
            agent);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String ticketId = created.body().path("ticket").path("id").asText();
    Api.Reply raised =
        api.patch("/api/v1/tickets/" + ticketId, Map.of("priority", "urgent"), agent);
    assertThat(raised.status()).as("%s", raised).isEqualTo(200);
    Api.Reply escalated = api.post("/api/v1/tickets/" + ticketId + "/escalate", Map.of(), agent);
    assertThat(escalated.status()).as("%s", escalated).isEqualTo(201);

    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received.size() >= 3);
    List<WebhookReceiver.Received> received = List.copyOf(receiver.received);
    assertThat(received).allMatch(r -> WebhookReceiver.verifies(r, secret));
    assertThat(received.stream().map(r -> r.header("Switchboard-Event")))
        .containsExactlyInAnyOrder("ticket.created", "ticket.updated", "ticket.escalated");

    for (WebhookReceiver.Received request : received) {
      JsonNode body = JSON.readTree(request.body());
      assertThat(body.path("tenant").asText()).isEqualTo(owner.tenantId());
      assertThat(body.path("data").path("ticket").path("id").asText()).isEqualTo(ticketId);
      assertThat(body.path("data").path("ticket").path("externalId").asText()).isEqualTo("HD-77");
      switch (body.path("type").asText()) {
        case "ticket.created" -> {
          assertThat(body.path("data").path("change").path("kind").asText()).isEqualTo("created");
          assertThat(body.path("data").path("ticket").path("subject").asText())
              .isEqualTo("Card payments fail");
        }
        case "ticket.updated" -> {
          JsonNode change = body.path("data").path("change");
          assertThat(change.path("kind").asText()).isEqualTo("priority_changed");
          assertThat(change.path("data").path("from").asText()).isEqualTo("normal");
          assertThat(change.path("data").path("to").asText()).isEqualTo("urgent");
        }
        case "ticket.escalated" -> {
          JsonNode change = body.path("data").path("change");
          assertThat(change.path("data").path("incidentId").asText())
              .isEqualTo(escalated.body().path("incident").path("id").asText());
          assertThat(body.path("data").path("ticket").path("incidentId").asText())
              .isEqualTo(escalated.body().path("incident").path("id").asText());
        }
        default -> throw new AssertionError("unexpected " + body);
      }
    }
  }

  @Test
  void anSlaWarningAndBreachAreSentWithTheBreachPagesIncident() throws Exception {
    Api.Reply endpoint =
        api.post(
            "/api/v1/webhooks",
            Map.of("url", receiver.url(), "events", List.of("sla.warning", "sla.breached")),
            owner);
    assertThat(endpoint.status()).as("%s", endpoint).isEqualTo(201);
    String secret = endpoint.body().path("secret").asText();
    Paging paging = new Paging(api, owner);
    String pages = paging.policy("Desk", 0, 5, List.of(List.of(Paging.user(owner.userId()))));
    assertThat(
            api.post(
                    "/api/v1/sla-policies",
                    Map.of(
                        "name",
                        "Premium",
                        "tier",
                        "premium",
                        "targets",
                        List.of(Map.of("priority", "high", "firstResponseMinutes", 10)),
                        "warningPercent",
                        50,
                        "escalationPolicyId",
                        pages),
                    owner)
                .status())
        .isEqualTo(201);
    Api.Reply customer =
        api.post("/api/v1/customers", Map.of("name", "Acme", "tier", "premium"), owner);

    // Days ahead of the wall clock, so only QuartzTime fires the timers.
    Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
    clock.setTo(start);
    Api.Reply created =
        api.post(
            "/api/v1/tickets",
            Map.of("subject", "Refund missing", "priority", "high", "customerId", customer.id()),
            agent);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String ticketId = created.body().path("ticket").path("id").asText();
    Instant late = start.plus(Duration.ofMinutes(11));
    clock.setTo(late);
    QuartzTime.fireDue(TestApp.application().scheduler(), late);

    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received.size() >= 2);
    List<WebhookReceiver.Received> received = List.copyOf(receiver.received);
    assertThat(received).allMatch(r -> WebhookReceiver.verifies(r, secret));
    assertThat(received.stream().map(r -> r.header("Switchboard-Event")))
        .containsExactlyInAnyOrder("sla.warning", "sla.breached");
    String breachIncident =
        api.get("/api/v1/tickets/" + ticketId, agent)
            .body()
            .path("sla")
            .get(0)
            .path("breachPage")
            .path("incidentId")
            .asText();
    for (WebhookReceiver.Received request : received) {
      JsonNode data = JSON.readTree(request.body()).path("data");
      assertThat(data.path("ticketId").asText()).isEqualTo(ticketId);
      assertThat(data.path("metric").asText()).isEqualTo("first_response");
      assertThat(data.path("tier").asText()).isEqualTo("premium");
      if (data.path("kind").asText().equals("breached")) {
        assertThat(data.path("incidentId").asText()).isEqualTo(breachIncident);
      } else {
        assertThat(data.path("kind").asText()).isEqualTo("warning");
        assertThat(data.path("incidentId").isNull()).isTrue();
      }
    }
  }
}
