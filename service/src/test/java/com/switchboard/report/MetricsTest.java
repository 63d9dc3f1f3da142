package com.switchboard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Paging;
import com.switchboard.testing.QuartzTime;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The figures behind the analytics screens, computed from a story told through the API on a moved
 * clock: a ticket escalated after 10 minutes, its incident acknowledged after 5 and resolved after
 * an hour, three tickets on it, one solved with a single reply — on a Saturday, off hours.
 */
class MetricsTest {
  private final Api api = TestApp.api();
  private final TestClock clock = TestClock.shared();
  private Login owner;
  private Paging paging;
  private Instant start;

  @BeforeEach
  void setUp() {
    owner = api.signup("Metrics");
    paging = new Paging(api, owner);
    // A Saturday noon UTC, days ahead of the wall clock so no escalation step fires on its own.
    LocalDate saturday =
        LocalDate.now(ZoneOffset.UTC).plusDays(2).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
    start = saturday.atTime(12, 0).toInstant(ZoneOffset.UTC);
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private String ticket(String subject, String serviceId) {
    Map<String, Object> body =
        serviceId == null
            ? Map.of("subject", subject, "priority", "high")
            : Map.of("subject", subject, "priority", "high", "serviceId", serviceId);
    Reply created = api.post("/api/v1/tickets", body, owner);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.body().path("ticket").path("id").asText();
  }

  @Test
  void escalationAcknowledgementResolutionAndTicketsAddUp() {
    Login engineer = api.addMember(owner, "responder");
    String method = paging.verifiedMethod(engineer.userId(), "sms", "+14155550188");
    paging.rule(engineer.userId(), method, "high", 0);
    String policy =
        paging.policy("Checkout on-call", 0, 5, List.of(List.of(Paging.user(engineer.userId()))));
    String service = paging.service("Checkout API", policy);

    clock.setTo(start);
    String first = ticket("Card payments fail", service);
    String second = ticket("Checkout spins", null);
    String third = ticket("Payment declined", null);

    clock.setTo(start.plus(Duration.ofMinutes(10)));
    Reply escalated = api.post("/api/v1/tickets/" + first + "/escalate", Map.of(), owner);
    assertThat(escalated.status()).as("%s", escalated).isEqualTo(201);
    String incident = escalated.body().path("incident").path("id").asText();
    for (String other : List.of(second, third)) {
      assertThat(
              api.post("/api/v1/tickets/" + other + "/link", Map.of("incidentId", incident), owner)
                  .status())
          .isEqualTo(200);
    }
    paging.awaitPages(1);

    clock.setTo(start.plus(Duration.ofMinutes(15)));
    assertThat(
            api.post("/api/v1/incidents/" + incident + "/acknowledge", Map.of(), engineer).status())
        .isEqualTo(200);
    clock.setTo(start.plus(Duration.ofMinutes(20)));
    assertThat(
            api.post(
                    "/api/v1/tickets/" + third + "/replies",
                    Map.of("body", "A fix is on its way."),
                    owner)
                .status())
        .isEqualTo(200);
    assertThat(
            api.put("/api/v1/tickets/" + third + "/status", Map.of("status", "solved"), owner)
                .status())
        .isEqualTo(200);
    clock.setTo(start.plus(Duration.ofMinutes(70)));
    assertThat(api.post("/api/v1/incidents/" + incident + "/resolve", Map.of(), engineer).status())
        .isEqualTo(200);

    String window =
        "?from=" + start.minus(Duration.ofHours(1)) + "&to=" + start.plus(Duration.ofDays(1));
    Reply incidents = api.get("/api/v1/metrics/incidents" + window, owner);
    assertThat(incidents.status()).as("%s", incidents).isEqualTo(200);
    JsonNode byService = incidents.body().path("byService").get(0);
    assertThat(byService.path("name").asText()).isEqualTo("Checkout API");
    assertThat(byService.path("incidents").asInt()).isEqualTo(1);
    // The test clock flows on from each setTo, so each instant carries its request's own time.
    assertThat(byService.path("mttaSeconds").asDouble()).isCloseTo(300.0, within(5.0));
    assertThat(byService.path("mttrSeconds").asDouble()).isCloseTo(3600.0, within(5.0));
    assertThat(incidents.body().path("byTeam").get(0).path("name").asText())
        .isEqualTo("Checkout API team");
    JsonNode pages = incidents.body().path("pagesPerPerson").get(0);
    assertThat(pages.path("userId").asText()).isEqualTo(engineer.userId());
    assertThat(pages.path("pages").asInt()).isEqualTo(1);
    assertThat(pages.path("offHoursPages").asInt()).as("a Saturday page").isEqualTo(1);

    Reply support = api.get("/api/v1/metrics/support" + window, owner);
    assertThat(support.status()).as("%s", support).isEqualTo(200);
    JsonNode figures = support.body();
    assertThat(figures.path("ticketsCreated").asInt()).isEqualTo(3);
    // A linked ticket reached engineering too: its escalation time is when it was linked.
    assertThat(figures.path("ticketsEscalated").asInt()).isEqualTo(3);
    assertThat(figures.path("medianSecondsToEscalate").asDouble()).isCloseTo(600.0, within(5.0));
    assertThat(figures.path("ticketsSolved").asInt()).isEqualTo(1);
    assertThat(figures.path("firstContactResolution").asDouble()).isEqualTo(1.0);
    assertThat(figures.path("incidentsWithTickets").asInt()).isEqualTo(1);
    assertThat(figures.path("ticketsPerIncident").asDouble()).isEqualTo(3.0);

    Reply outside =
        api.get(
            "/api/v1/metrics/support?from="
                + start.plus(Duration.ofDays(2))
                + "&to="
                + start.plus(Duration.ofDays(3)),
            owner);
    assertThat(outside.body().path("ticketsCreated").asInt()).isZero();
    assertThat(outside.body().path("ticketsPerIncident").isNull()).isTrue();
  }

  @Test
  void slaClocksCountAsMetOrBreachedByTierAndPolicy() {
    Login specialist = api.addMember(owner, "agent");
    String method = paging.verifiedMethod(specialist.userId(), "sms", "+14155550189");
    paging.rule(specialist.userId(), method, "high", 0);
    String pages =
        paging.policy("Premium desk", 0, 5, List.of(List.of(Paging.user(specialist.userId()))));
    Reply sla =
        api.post(
            "/api/v1/sla-policies",
            Map.of(
                "name",
                "Premium 24x7",
                "tier",
                "premium",
                "targets",
                List.of(Map.of("priority", "high", "firstResponseMinutes", 30)),
                "escalationPolicyId",
                pages),
            owner);
    assertThat(sla.status()).as("%s", sla).isEqualTo(201);
    Reply customer =
        api.post("/api/v1/customers", Map.of("name", "Acme", "tier", "premium"), owner);
    assertThat(customer.status()).isEqualTo(201);

    clock.setTo(start);
    List<String> tickets = new java.util.ArrayList<>();
    for (String subject : List.of("Refund missing", "Invoice wrong")) {
      Reply created =
          api.post(
              "/api/v1/tickets",
              Map.of("subject", subject, "priority", "high", "customerId", customer.id()),
              owner);
      assertThat(created.status()).as("%s", created).isEqualTo(201);
      tickets.add(created.body().path("ticket").path("id").asText());
    }
    clock.setTo(start.plus(Duration.ofMinutes(10)));
    assertThat(
            api.post(
                    "/api/v1/tickets/" + tickets.get(0) + "/replies",
                    Map.of("body", "We are on it."),
                    owner)
                .status())
        .isEqualTo(200);
    Instant late = start.plus(Duration.ofMinutes(31));
    clock.setTo(late);
    QuartzTime.fireDue(TestApp.application().scheduler(), late);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api.get("/api/v1/tickets/" + tickets.get(1), owner)
                    .body()
                    .path("sla")
                    .get(0)
                    .path("status")
                    .asText()
                    .equals("breached"));

    String window = "?from=" + start + "&to=" + start.plus(Duration.ofHours(1));
    Reply support = api.get("/api/v1/metrics/support" + window, owner);
    assertThat(support.status()).as("%s", support).isEqualTo(200);
    JsonNode outcomes = support.body().path("sla");
    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).path("tier").asText()).isEqualTo("premium");
    assertThat(outcomes.get(0).path("policyId").asText()).isEqualTo(sla.id());
    assertThat(outcomes.get(0).path("policyName").asText()).isEqualTo("Premium 24x7");
    assertThat(outcomes.get(0).path("met").asInt()).isEqualTo(1);
    assertThat(outcomes.get(0).path("breached").asInt()).isEqualTo(1);

    // The breach paged the specialist: one off-hours page (a Saturday) on the "Support" row.
    Reply incidents = api.get("/api/v1/metrics/incidents" + window, owner);
    JsonNode person = incidents.body().path("pagesPerPerson").get(0);
    assertThat(person.path("userId").asText()).isEqualTo(specialist.userId());
    assertThat(person.path("pages").asInt()).isEqualTo(1);
    assertThat(incidents.body().path("byService").get(0).path("name").asText())
        .isEqualTo("Support");
  }

  @Test
  void aWindowThatIsBackwardsOrTooLongIsABadRequest() {
    Reply backwards =
        api.get(
            "/api/v1/metrics/incidents?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", owner);
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.body().path("error").path("message").asText()).contains("before");
    Reply tooLong =
        api.get("/api/v1/metrics/support?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", owner);
    assertThat(tooLong.status()).isEqualTo(400);
    Reply garbage = api.get("/api/v1/metrics/support?from=yesterday", owner);
    assertThat(garbage.status()).isEqualTo(400);
  }
}
