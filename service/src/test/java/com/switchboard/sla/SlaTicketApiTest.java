package com.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.sla.SlaDesk.Responder;
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
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SLA clocks through the REST API only: customers, tickets and their status as an agent changes
 * them, the clocks as {@code GET /api/v1/tickets/{id}} shows them, the warning and the breach page
 * in the outbox, and the acknowledgement by an SMS reply. Time is the shared {@link TestClock},
 * days ahead of the wall clock; {@link QuartzTime} fires the timers that are due.
 */
class SlaTicketApiTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private final Api api = TestApp.api();
  private final TestClock clock = TestClock.shared();
  private final JobScheduler jobs = TestApp.application().scheduler();
  private Login owner;
  private Paging paging;
  private SlaDesk desk;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void premiumTicketUnassignedSaturdayNightWarnsThenBreachPagesTheOffHoursSpecialistWhoAcksBySms() {
    LocalDate saturday =
        LocalDate.now(NEW_YORK).plusDays(3).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
    Instant start = saturday.atTime(23, 0).atZone(NEW_YORK).toInstant();
    begin(start.minus(Duration.ofHours(1)));
    Responder night = desk.responder();
    Responder day = desk.responder();
    Instant layersStart = saturday.minusWeeks(2).atStartOfDay(NEW_YORK).toInstant();
    String offHours =
        schedule("Premium Support Off-Hours", layersStart, night.id(), "FRIDAY", "18:00", "MONDAY");
    String daytime =
        schedule("Daytime Support", layersStart, day.id(), "MONDAY", "09:00", "FRIDAY");
    String support =
        paging.policy(
            "Premium support",
            0,
            10,
            List.of(List.of(Paging.schedule(offHours), Paging.schedule(daytime))));
    slaPolicy("Premium 24x7", "premium", support);
    String acme = customer("Acme Corp", "premium");

    clock.setTo(start);
    String ticket = ticket("Checkout fails for all our users", acme);
    JsonNode first = sla(ticket, "first_response");
    assertThat(first.path("status").asText()).isEqualTo("active");
    // The test clock flows on from where it was set: "start" is a few milliseconds ago.
    assertThat(Instant.parse(first.path("dueAt").asText()))
        .isBetween(start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(31)));
    assertThat(first.path("remainingSeconds").asLong()).isBetween(29 * 60L, 30 * 60L);

    // The ticket was created a moment after "start": its warning is due just after 15 minutes.
    advanceTo(start.plus(Duration.ofMinutes(16)));
    JsonNode warning = desk.awaitOutbox(night.phone(), "SLA warning");
    assertThat(warning.path("body").asText())
        .contains("first response")
        .contains("Checkout fails for all our users")
        .contains("Acme Corp");
    assertThat(sla(ticket, "first_response").path("warnedAt").isTextual()).isTrue();
    assertThat(desk.outbox(day.phone(), "SLA")).as("the daytime person is off").isEmpty();

    advanceTo(start.plus(Duration.ofMinutes(31)));
    JsonNode page = desk.awaitOutbox(night.phone(), "SLA breach");
    JsonNode breached = sla(ticket, "first_response");
    assertThat(breached.path("status").asText()).isEqualTo("breached");
    assertThat(breached.path("breachPage").path("status").asText()).isEqualTo("triggered");
    long incident = breached.path("breachPage").path("incidentNumber").asLong();
    assertThat(page.path("body").asText()).contains("#" + incident);

    Reply answered =
        api.post(
            "/api/v1/outbox/" + page.path("id").asText() + "/reply",
            Map.of("body", incident + "A"),
            owner);
    assertThat(answered.status()).as("%s", answered).isEqualTo(200);

    JsonNode acknowledged = sla(ticket, "first_response");
    assertThat(acknowledged.path("status").asText()).isEqualTo("breached");
    assertThat(acknowledged.path("breachPage").path("status").asText()).isEqualTo("acknowledged");
    assertThat(acknowledged.path("breachPage").path("acknowledgedBy").asText())
        .isEqualTo(desk.nameOf(night));
    assertThat(Instant.parse(acknowledged.path("breachPage").path("acknowledgedAt").asText()))
        .isBetween(start.plus(Duration.ofMinutes(31)), start.plus(Duration.ofMinutes(32)));
    assertThat(acknowledged.path("remainingSeconds").asLong()).isNotPositive();
    // The acknowledgement stopped the escalation: its next round pages nobody.
    advanceTo(start.plus(Duration.ofMinutes(60)));
    assertThat(desk.outbox(night.phone(), "SLA breach")).hasSize(1);
    assertThat(desk.outbox(day.phone(), "SLA")).isEmpty();
    // Resolution (4 hours) is still running and not warned yet.
    assertThat(sla(ticket, "resolution").path("status").asText()).isEqualTo("active");
  }

  @Test
  void pendingPausesEveryClockWithItsRemainingTimeFrozenAndOpenResumesIt() {
    Instant start = Instant.now().plus(Duration.ofDays(3));
    begin(start.minus(Duration.ofMinutes(5)));
    Responder agent = desk.responder();
    String support = paging.policy("Support", 0, 10, List.of(List.of(Paging.user(agent.id()))));
    slaPolicy("Premium 24x7", "premium", support);
    String acme = customer("Acme Corp", "premium");
    clock.setTo(start);
    String ticket = ticket("Invoices are blank", acme);

    clock.setTo(start.plus(Duration.ofMinutes(10)));
    assertThat(status(ticket, "pending").status()).isEqualTo(200);
    JsonNode paused = sla(ticket, "first_response");
    assertThat(paused.path("status").asText()).isEqualTo("paused");
    assertThat(paused.path("dueAt").isNull()).isTrue();
    // About 20 of its 30 minutes are left (the test clock flows on from where it is set).
    long left = paused.path("remainingSeconds").asLong();
    assertThat(left).isBetween(19 * 60L, 20 * 60L + 1);
    JsonNode resolution = sla(ticket, "resolution");
    assertThat(resolution.path("status").asText()).isEqualTo("paused");
    long resolutionLeft = resolution.path("remainingSeconds").asLong();

    // Hours pass while the customer is away: nothing counts, and no timer fires.
    advanceTo(start.plus(Duration.ofHours(5)));
    JsonNode stillPaused = sla(ticket, "first_response");
    assertThat(stillPaused.path("status").asText()).isEqualTo("paused");
    assertThat(stillPaused.path("remainingSeconds").asLong()).isEqualTo(left);
    assertThat(stillPaused.path("warnedAt").isNull()).isTrue();
    assertThat(sla(ticket, "resolution").path("remainingSeconds").asLong())
        .isEqualTo(resolutionLeft);
    assertThat(desk.outbox(agent.phone(), "SLA")).isEmpty();

    Instant reopened = start.plus(Duration.ofHours(5));
    assertThat(status(ticket, "open").status()).isEqualTo(200);
    JsonNode resumed = sla(ticket, "first_response");
    assertThat(resumed.path("status").asText()).isEqualTo("active");
    assertThat(resumed.path("remainingSeconds").asLong()).isBetween(left - 60, left);
    assertThat(Instant.parse(resumed.path("dueAt").asText()))
        .isBetween(
            reopened.plus(Duration.ofSeconds(left)), reopened.plus(Duration.ofSeconds(left + 60)));

    // It counts again from the reopening: the warning (at 15 of 30 minutes) comes about 5
    // minutes on; the breach is still ahead.
    advanceTo(reopened.plus(Duration.ofMinutes(6)));
    desk.awaitOutbox(agent.phone(), "SLA warning");
    // The shared test clock also moves with the wall clock, so the reopening happened a moment
    // after `reopened` and a little under six minutes may have counted since.
    assertThat(sla(ticket, "first_response").path("remainingSeconds").asLong())
        .isBetween(left - 7 * 60, left - 5 * 60);
    assertThat(desk.outbox(agent.phone(), "SLA breach")).isEmpty();
  }

  // --- fixtures -----------------------------------------------------------------------------

  private void begin(Instant at) {
    clock.setTo(at);
    owner = api.signup("SLA Tickets");
    paging = new Paging(api, owner);
    desk = new SlaDesk(api, owner, paging);
  }

  /** A weekly schedule of one person, on from {@code startDay startTime} to {@code endDay}. */
  private String schedule(
      String name, Instant start, String userId, String startDay, String time, String endDay) {
    Map<String, Object> layer = new LinkedHashMap<>();
    layer.put("name", name + " rotation");
    layer.put("start", start.toString());
    layer.put("turn", Map.of("kind", "weeks", "count", 1));
    layer.put("participants", List.of(userId));
    layer.put(
        "restrictions",
        List.of(
            Map.of("startDay", startDay, "startTime", time, "endDay", endDay, "endTime", "09:00")));
    Reply reply =
        api.post(
            "/api/v1/schedules",
            Map.of("name", name, "timeZone", "America/New_York", "layers", List.of(layer)),
            owner);
    assertThat(reply.status()).as("creating a schedule: %s", reply).isEqualTo(201);
    return reply.id();
  }

  /** Around the clock: urgent first response in 30 minutes, resolution in 4 hours; warn at 50%. */
  private void slaPolicy(String name, String tier, String escalationPolicyId) {
    Reply reply =
        api.post(
            "/api/v1/sla-policies",
            Map.of(
                "name",
                name,
                "tier",
                tier,
                "targets",
                List.of(
                    Map.of(
                        "priority",
                        "urgent",
                        "firstResponseMinutes",
                        30,
                        "resolutionMinutes",
                        240)),
                "warningPercent",
                50,
                "escalationPolicyId",
                escalationPolicyId),
            owner);
    assertThat(reply.status()).as("creating an SLA policy: %s", reply).isEqualTo(201);
  }

  private String customer(String name, String tier) {
    Reply created = api.post("/api/v1/customers", Map.of("name", name, "tier", tier), owner);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.id();
  }

  /** An unassigned urgent ticket of the customer. */
  private String ticket(String subject, String customerId) {
    Reply created =
        api.post(
            "/api/v1/tickets",
            Map.of("subject", subject, "priority", "urgent", "customerId", customerId),
            owner);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.body().path("ticket").path("id").asText();
  }

  private Reply status(String ticket, String status) {
    return api.put("/api/v1/tickets/" + ticket + "/status", Map.of("status", status), owner);
  }

  /** The ticket's clock of {@code metric}, as its detail shows it. */
  private JsonNode sla(String ticket, String metric) {
    Reply detail = api.get("/api/v1/tickets/" + ticket, owner);
    assertThat(detail.status()).as("%s", detail).isEqualTo(200);
    for (JsonNode c : detail.body().path("sla")) {
      if (c.path("metric").asText().equals(metric)) {
        return c;
      }
    }
    throw new AssertionError("no " + metric + " clock on " + detail);
  }

  private void advanceTo(Instant at) {
    SlaDesk.advanceTo(clock, jobs, at);
  }
}
