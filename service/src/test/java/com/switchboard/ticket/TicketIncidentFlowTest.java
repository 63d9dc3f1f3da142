package com.switchboard.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A support agent escalates a ticket to engineering and keeps ownership: the real service,
 * PostgreSQL, the escalation engine and the outbox SMS provider, acknowledged by an SMS reply.
 */
class TicketIncidentFlowTest {
  private static final AtomicInteger PHONES = new AtomicInteger(5000);

  private final Api api = TestApp.api();
  private Login owner;
  private Login agent;
  private Paging paging;

  @BeforeEach
  void setUp() {
    owner = api.signup("Ticket Flow");
    agent = api.addMember(owner, "agent");
    paging = new Paging(api, owner);
  }

  private record Engineer(Login login, String phone) {}

  private Engineer engineer() {
    Login member = api.addMember(owner, "responder");
    String phone = "+1415556" + PHONES.incrementAndGet();
    String method = paging.verifiedMethod(member.userId(), "sms", phone);
    paging.rule(member.userId(), method, "high", 0);
    paging.rule(member.userId(), method, "low", 0);
    return new Engineer(member, phone);
  }

  private String customer(String name, String tier) {
    Reply created = api.post("/api/v1/customers", Map.of("name", name, "tier", tier), agent);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.id();
  }

  private String ticket(String subject, String customerId, String serviceId, String priority) {
    Map<String, Object> body = new HashMap<>();
    body.put("subject", subject);
    body.put("description", "Customer reports: " + subject);
    body.put("priority", priority);
    body.put("requester", "Jo Customer");
    if (customerId != null) {
      body.put("customerId", customerId);
    }
    if (serviceId != null) {
      body.put("serviceId", serviceId);
    }
    Reply created = api.post("/api/v1/tickets", body, agent);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.body().path("ticket").path("id").asText();
  }

  private JsonNode detail(String ticketId) {
    Reply reply = api.get("/api/v1/tickets/" + ticketId, agent);
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }

  private static List<String> kinds(JsonNode detail) {
    List<String> kinds = new ArrayList<>();
    detail.path("events").forEach(e -> kinds.add(e.path("kind").asText()));
    return kinds;
  }

  private static List<JsonNode> events(JsonNode detail, String kind) {
    List<JsonNode> found = new ArrayList<>();
    detail
        .path("events")
        .forEach(
            e -> {
              if (e.path("kind").asText().equals(kind)) {
                found.add(e);
              }
            });
    return found;
  }

  @Test
  void escalatedTicketFollowsItsIncidentFromSmsAckToResolution() {
    Engineer engineer = engineer();
    String policy =
        paging.policy(
            "Checkout on-call", 5, 1, List.of(List.of(Paging.user(engineer.login().userId()))));
    String service = paging.service("Checkout API", policy);
    String acme = customer("Acme", "premium");
    String globex = customer("Globex", "standard");
    String first = ticket("Card payments fail at checkout", acme, service, "urgent");
    String second = ticket("Checkout spins forever", globex, null, "normal");
    String third = ticket("Payment declined", acme, null, "high");

    Reply known = api.get("/api/v1/tickets/" + first + "/engineering-status", agent);
    assertThat(known.status()).isEqualTo(200);
    assertThat(known.body().path("serviceName").asText()).isEqualTo("Checkout API");
    assertThat(known.body().path("openIncidents")).isEmpty();

    Reply escalated = api.post("/api/v1/tickets/" + first + "/escalate", Map.of(), agent);
    assertThat(escalated.status()).as("%s", escalated).isEqualTo(201);
    JsonNode incident = escalated.body().path("incident");
    String incidentId = incident.path("id").asText();
    long number = incident.path("number").asLong();
    assertThat(incident.path("serviceName").asText()).isEqualTo("Checkout API");
    assertThat(incident.path("urgency").asText())
        .as("an urgent ticket pages high")
        .isEqualTo("high");
    assertThat(incident.path("how").asText()).isEqualTo("escalated");
    assertThat(escalated.body().path("ticket").path("escalatedAt").isTextual()).isTrue();

    JsonNode incidentDetail = api.get("/api/v1/incidents/" + incidentId, owner).body();
    assertThat(incidentDetail.path("incident").path("title").asText())
        .isEqualTo("[T-1] Card payments fail at checkout");
    assertThat(incidentDetail.path("incident").path("details").asText())
        .contains(
            "Customer: Acme (premium)",
            "Priority: urgent",
            "/tickets/" + first,
            "Customer reports:");

    // The next agent asks "does engineering know?" and links instead of paging again.
    Reply status =
        api.get("/api/v1/tickets/" + second + "/engineering-status?serviceId=" + service, agent);
    assertThat(status.body().path("openIncidents")).hasSize(1);
    assertThat(status.body().path("openIncidents").get(0).path("linkedTickets").asInt())
        .isEqualTo(1);
    for (String ticket : List.of(second, third)) {
      Reply linked =
          api.post("/api/v1/tickets/" + ticket + "/link", Map.of("incidentId", incidentId), agent);
      assertThat(linked.status()).as("%s", linked).isEqualTo(200);
      assertThat(linked.body().path("incident").path("how").asText()).isEqualTo("linked");
    }
    Reply again =
        api.post("/api/v1/tickets/" + second + "/link", Map.of("incidentId", incidentId), agent);
    assertThat(again.status())
        .as("linking to the same incident again changes nothing")
        .isEqualTo(200);
    Reply twice =
        api.post("/api/v1/tickets/" + third + "/escalate", Map.of("serviceId", service), agent);
    assertThat(twice.status()).as("a linked ticket does not page again").isEqualTo(409);
    List<JsonNode> pages = paging.awaitPages(1);
    assertThat(pages).hasSize(1);

    JsonNode impact = api.get("/api/v1/incidents/" + incidentId + "/impact", owner).body();
    assertThat(impact.path("ticketCount").asInt()).isEqualTo(3);
    assertThat(impact.path("customerCount").asInt()).isEqualTo(2);
    assertThat(impact.path("byTier").toString())
        .contains("{\"tier\":\"premium\",\"tickets\":2,\"customers\":1}")
        .contains("{\"tier\":\"standard\",\"tickets\":1,\"customers\":1}");

    // The engineer acknowledges by replying to the SMS.
    JsonNode page = pages.get(0);
    assertThat(page.path("address").asText()).isEqualTo(engineer.phone());
    Reply ack =
        api.post(
            "/api/v1/outbox/" + page.path("id").asText() + "/reply",
            Map.of("body", number + "A"),
            owner);
    assertThat(ack.status()).as("%s", ack).isEqualTo(200);
    JsonNode acknowledged = detail(first);
    assertThat(acknowledged.path("incident").path("status").asText()).isEqualTo("acknowledged");
    assertThat(acknowledged.path("incident").path("acknowledgedBy").asText())
        .isEqualTo(
            api.get("/api/v1/users/" + engineer.login().userId(), owner)
                .body()
                .path("name")
                .asText());
    assertThat(kinds(acknowledged)).contains("escalated", "incident_update", "suggested_reply");
    assertThat(acknowledged.path("incident").path("timeline").toString()).contains("via SMS");

    Reply update =
        api.post(
            "/api/v1/incidents/" + incidentId + "/status-updates",
            Map.of("message", "A bad deploy of the card service; rolling back now."),
            engineer.login());
    assertThat(update.status()).as("%s", update).isEqualTo(200);
    for (String ticket : List.of(first, second, third)) {
      JsonNode shown = detail(ticket);
      assertThat(events(shown, "incident_update"))
          .extracting(e -> e.path("body").asText())
          .anyMatch(body -> body.contains("rolling back now"));
      assertThat(events(shown, "suggested_reply"))
          .extracting(e -> e.path("body").asText())
          .anyMatch(
              body ->
                  body.startsWith("Hi Jo Customer, an update on")
                      && body.contains("rolling back now"));
    }

    Reply resolved =
        api.post("/api/v1/incidents/" + incidentId + "/resolve", Map.of(), engineer.login());
    assertThat(resolved.status()).isEqualTo(200);
    for (String ticket : List.of(first, second, third)) {
      JsonNode shown = detail(ticket);
      assertThat(shown.path("ticket").path("followUpDue").asBoolean()).as(ticket).isTrue();
      assertThat(kinds(shown)).contains("follow_up_due");
      assertThat(shown.path("incident").path("status").asText()).isEqualTo("resolved");
    }
    Reply followUp =
        api.post(
            "/api/v1/tickets/" + second + "/replies",
            Map.of("body", "Fixed, sorry for the trouble."),
            agent);
    assertThat(followUp.status()).isEqualTo(200);
    assertThat(followUp.body().path("ticket").path("followUpDue").asBoolean()).isFalse();
    assertThat(followUp.body().path("ticket").path("status").asText())
        .as("a reply opens a new ticket")
        .isEqualTo("open");
  }

  @Test
  void tenthLinkedTicketRaisesUrgencyAndPagesTheExtraPolicyOnce() {
    Engineer engineer = engineer();
    Engineer manager = engineer();
    String policy =
        paging.policy(
            "Login on-call", 0, 30, List.of(List.of(Paging.user(engineer.login().userId()))));
    String managers =
        paging.policy(
            "Incident managers", 0, 30, List.of(List.of(Paging.user(manager.login().userId()))));
    String service = paging.service("Login", policy);
    Reply raise =
        api.post(
            "/api/v1/impact-rules",
            Map.of("name", "Many tickets: high", "minTickets", 10, "action", "raise_urgency"),
            owner);
    assertThat(raise.status()).as("%s", raise).isEqualTo(201);
    Reply mobilise =
        api.post(
            "/api/v1/impact-rules",
            Map.of(
                "name",
                "Many tickets: managers",
                "minTickets",
                10,
                "action",
                "add_responders",
                "policyId",
                managers),
            owner);
    assertThat(mobilise.status()).as("%s", mobilise).isEqualTo(201);

    String customer = customer("Initech", "standard");
    String first = ticket("Cannot log in", customer, service, "low");
    Reply escalated = api.post("/api/v1/tickets/" + first + "/escalate", Map.of(), agent);
    assertThat(escalated.status()).isEqualTo(201);
    String incidentId = escalated.body().path("incident").path("id").asText();
    assertThat(escalated.body().path("incident").path("urgency").asText()).isEqualTo("low");

    for (int i = 2; i <= 9; i++) {
      String ticket = ticket("Login fails " + i, customer, service, "low");
      assertThat(
              api.post(
                      "/api/v1/tickets/" + ticket + "/link",
                      Map.of("incidentId", incidentId),
                      agent)
                  .status())
          .isEqualTo(200);
    }
    JsonNode nine = api.get("/api/v1/incidents/" + incidentId, owner).body();
    assertThat(nine.path("incident").path("urgency").asText()).isEqualTo("low");
    assertThat(
            api.get("/api/v1/incidents/" + incidentId + "/impact", owner).body().path("rulesFired"))
        .isEmpty();

    for (int i = 10; i <= 12; i++) {
      String ticket = ticket("Login fails " + i, customer, service, "low");
      assertThat(
              api.post(
                      "/api/v1/tickets/" + ticket + "/link",
                      Map.of("incidentId", incidentId),
                      agent)
                  .status())
          .isEqualTo(200);
    }
    JsonNode raised = api.get("/api/v1/incidents/" + incidentId, owner).body();
    assertThat(raised.path("incident").path("urgency").asText()).isEqualTo("high");
    List<String> timeline = new ArrayList<>();
    raised
        .path("timeline")
        .forEach(e -> timeline.add(e.path("kind").asText() + ": " + e.path("message").asText()));
    assertThat(timeline.stream().filter(t -> t.startsWith("urgency_changed")))
        .hasSize(1)
        .allMatch(t -> t.contains("10 linked tickets"));
    assertThat(timeline.stream().filter(t -> t.startsWith("responders_added"))).hasSize(1);
    JsonNode impact = api.get("/api/v1/incidents/" + incidentId + "/impact", owner).body();
    assertThat(impact.path("ticketCount").asInt()).isEqualTo(12);
    assertThat(impact.path("rulesFired")).hasSize(2);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                paging.pages().stream()
                    .anyMatch(p -> p.path("address").asText().equals(manager.phone())));
    assertThat(
            paging.pages().stream().filter(p -> p.path("address").asText().equals(manager.phone())))
        .as("the extra policy is paged once")
        .hasSize(1);
  }
}
