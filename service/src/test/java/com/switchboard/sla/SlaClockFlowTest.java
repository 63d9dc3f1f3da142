package com.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.sla.SlaDesk.Responder;
import com.switchboard.tenant.TenantId;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Paging;
import com.switchboard.testing.QuartzTime;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import com.switchboard.testing.TestJdbi;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * SLA clocks end to end below the ticket API: the real service, PostgreSQL, Quartz's JDBC job
 * store, the outbox provider. A ticket is a row inserted with SQL and its changes are told to the
 * service's {@link SlaClocks} as the ticket package tells them, inside a transaction. Time is the
 * shared {@link TestClock}, days ahead of the wall clock so no timer fires on its own; {@link
 * QuartzTime} fires the timers that are due.
 */
class SlaClockFlowTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final AtomicInteger TICKETS = new AtomicInteger();

  private final Api api = TestApp.api();
  private final TestClock clock = TestClock.shared();
  private final JobScheduler jobs = TestApp.application().scheduler();
  private final SlaClocks clocks = TestApp.application().slaClocks();
  private TenantDatabase db;
  private Login owner;
  private Paging paging;
  private SlaDesk desk;

  @BeforeEach
  void setUp() {
    db = TestJdbi.tenantDatabase();
  }

  /**
   * Moves the clock to {@code at} and signs a tenant up there: sessions last a week of the moved
   * clock.
   */
  private void begin(Instant at) {
    clock.setTo(at);
    owner = api.signup("SLA Flow");
    paging = new Paging(api, owner);
    desk = new SlaDesk(api, owner, paging);
  }

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
        schedule(
            "Premium Support Off-Hours",
            layersStart,
            night.id(),
            List.of(window("FRIDAY", "18:00", "MONDAY", "09:00")));
    String daytime =
        schedule(
            "Daytime Support",
            layersStart,
            day.id(),
            List.of(window("MONDAY", "09:00", "FRIDAY", "18:00")));
    String premiumSupport =
        paging.policy(
            "Premium support",
            0,
            10,
            List.of(List.of(Paging.schedule(offHours), Paging.schedule(daytime))));
    slaPolicy("Premium 24x7", "premium", 30, 240, 50, null, premiumSupport);

    clock.setTo(start);
    Ticket ticket = ticket("Checkout fails for all our users", "urgent", "premium", null, start);
    event(ticket, SlaEvent.CREATED, "new", start);

    SlaClock first = clock(ticket, "first_response");
    assertThat(first.status()).isEqualTo("active");
    assertThat(first.dueAt()).isEqualTo(start.plus(Duration.ofMinutes(30)));
    assertThat(clock(ticket, "resolution").dueAt()).isEqualTo(start.plus(Duration.ofHours(4)));

    advanceTo(start.plus(Duration.ofMinutes(15)));
    JsonNode warning = desk.awaitOutbox(night.phone(), "SLA warning");
    assertThat(warning.path("body").asText())
        .contains("first response on T-" + ticket.number())
        .contains("Checkout fails for all our users")
        .contains("premium");
    assertThat(clock(ticket, "first_response").warnedAt()).isNotNull();

    advanceTo(start.plus(Duration.ofMinutes(30)));
    JsonNode page = desk.awaitOutbox(night.phone(), "SLA breach");
    assertThat(page.path("body").asText()).contains("T-" + ticket.number());
    SlaClock breached = clock(ticket, "first_response");
    assertThat(breached.status()).isEqualTo("breached");
    assertThat(breached.breachPage().status()).isEqualTo("triggered");
    long incident = breached.breachPage().incidentNumber();

    Reply answered =
        api.post(
            "/api/v1/outbox/" + page.path("id").asText() + "/reply",
            Map.of("body", incident + "a"),
            owner);
    assertThat(answered.status()).isEqualTo(200);

    SlaClock acknowledged = clock(ticket, "first_response");
    assertThat(acknowledged.breachPage().status()).isEqualTo("acknowledged");
    assertThat(acknowledged.breachPage().acknowledgedBy()).isEqualTo(desk.nameOf(night));
    assertThat(acknowledged.breachPage().acknowledgedAt()).isNotNull();
    assertThat(acknowledged.remainingSeconds()).isNotPositive();
    // The acknowledgement stopped the escalation: a later step pages nobody.
    advanceTo(start.plus(Duration.ofMinutes(60)));
    assertThat(desk.outbox(night.phone(), "SLA breach")).hasSize(1);
    assertThat(desk.outbox(day.phone(), "SLA")).isEmpty();
    JsonNode detail =
        api.get("/api/v1/incidents/" + acknowledged.breachPage().incidentId(), owner).body();
    assertThat(detail.path("incident").path("title").asText())
        .isEqualTo(
            "SLA breach: first response on ticket T-"
                + ticket.number()
                + " Checkout fails for all our users");
    assertThat(detail.path("incident").path("urgency").asText()).isEqualTo("high");
  }

  @Test
  void pendingOnTheCustomerPausesTheClockAndBusinessHoursSkipTheWeekendAndAHoliday() {
    LocalDate friday =
        LocalDate.now(NEW_YORK).plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
    begin(friday.atTime(15, 0).atZone(NEW_YORK).toInstant());
    Responder agent = desk.responder();
    String policy = paging.policy("Business", 0, 10, List.of(List.of(Paging.user(agent.id()))));
    LocalDate monday = friday.plusDays(3);
    Map<String, Object> hours = new LinkedHashMap<>();
    hours.put("timeZone", "America/New_York");
    List<Map<String, Object>> windows = new ArrayList<>();
    for (String d : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
      windows.add(window(d, "09:00", d, "17:00"));
    }
    hours.put("windows", windows);
    hours.put("holidays", List.of(monday.toString()));
    slaPolicy("Business hours", "business", 120, null, 75, hours, policy);

    Instant created = friday.atTime(16, 0).atZone(NEW_YORK).toInstant();
    clock.setTo(created);
    Ticket ticket = ticket("Invoice export is slow", "normal", "business", agent.id(), created);
    event(ticket, SlaEvent.CREATED, "open", created);
    // 1 hour on Friday, nothing on the weekend, Monday is a holiday: 1 hour on Tuesday.
    Instant tuesday10 = monday.plusDays(1).atTime(10, 0).atZone(NEW_YORK).toInstant();
    assertThat(clock(ticket, "first_response").dueAt()).isEqualTo(tuesday10);

    Instant pending = created.plus(Duration.ofMinutes(30));
    clock.setTo(pending);
    event(ticket, SlaEvent.STATUS_CHANGED, "pending", pending);
    SlaClock paused = clock(ticket, "first_response");
    assertThat(paused.status()).isEqualTo("paused");
    assertThat(paused.dueAt()).isNull();
    assertThat(paused.remainingSeconds()).isEqualTo(90 * 60);
    assertThat(timers(ticket, "first_response")).isEmpty();

    Instant tuesday9 = monday.plusDays(1).atTime(9, 0).atZone(NEW_YORK).toInstant();
    clock.setTo(tuesday9);
    event(ticket, SlaEvent.STATUS_CHANGED, "open", tuesday9);
    SlaClock resumed = clock(ticket, "first_response");
    assertThat(resumed.status()).isEqualTo("active");
    assertThat(resumed.dueAt()).isEqualTo(tuesday9.plus(Duration.ofMinutes(90)));
    // One timer, at the warning: 75% of 120 minutes is 90, 30 of which ran on Friday.
    assertThat(timers(ticket, "first_response"))
        .containsExactly(tuesday9.plus(Duration.ofHours(1)));

    // The warning goes to the assignee, who has no email: by SMS.
    advanceTo(tuesday9.plus(Duration.ofHours(1)));
    assertThat(desk.awaitOutbox(agent.phone(), "SLA warning").path("body").asText())
        .contains("T-" + ticket.number());
  }

  @Test
  void aBreachTimerThatRunsTwicePagesOnce() {
    begin(Instant.now().plus(Duration.ofDays(2)));
    Responder specialist = desk.responder();
    String policy =
        paging.policy("Specialists", 0, 10, List.of(List.of(Paging.user(specialist.id()))));
    slaPolicy("Premium", "premium", 10, null, 90, null, policy);
    Instant start =
        Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    clock.setTo(start);
    Ticket ticket = ticket("Login loops", "urgent", "premium", specialist.id(), start);
    event(ticket, SlaEvent.CREATED, "new", start);
    // The warning first, so the clock's timer is now the breach's.
    advanceTo(start.plus(Duration.ofMinutes(9)));
    desk.awaitOutbox(specialist.phone(), "SLA warning");
    clock.setTo(start.plus(Duration.ofMinutes(11)));
    ClockKey key = clockKey(ticket, "first_response");

    // The same timer twice at once, as when a node died mid-run and Quartz recovered it.
    List<JobKey> copies =
        List.of(new JobKey("copy-1", "sla-test"), new JobKey("copy-2", "sla-test"));
    try {
      jobs.inTransaction(
          quartz -> {
            for (JobKey copy : copies) {
              quartz.scheduleJob(
                  JobBuilder.newJob(SlaTimerJob.class)
                      .withIdentity(copy)
                      .usingJobData(SlaTimers.TENANT, owner.tenantId())
                      .usingJobData(SlaTimers.CLOCK, key.id().toString())
                      .usingJobData(SlaTimers.GENERATION, Long.toString(key.generation()))
                      .build(),
                  TriggerBuilder.newTrigger()
                      .withIdentity(copy.getName(), copy.getGroup())
                      .startNow()
                      .build());
            }
          });
    } catch (org.quartz.SchedulerException e) {
      throw new IllegalStateException(e);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> copies.stream().noneMatch(k -> exists(k)));
    // And the real trigger too.
    QuartzTime.fireDue(jobs, start.plus(Duration.ofMinutes(11)));

    desk.awaitOutbox(specialist.phone(), "SLA breach");
    assertThat(desk.outbox(specialist.phone(), "SLA breach")).hasSize(1);
    assertThat(
            api
                .get("/api/v1/incidents", owner)
                .body()
                .path("items")
                .findValuesAsText("title")
                .stream()
                .filter(t -> t.startsWith("SLA breach"))
                .toList())
        .hasSize(1);
    assertThat(clock(ticket, "first_response").status()).isEqualTo("breached");
  }

  @Test
  void aPriorityChangeRetargetsTheClockOnceAndReplacesItsTimer() {
    begin(Instant.now().plus(Duration.ofDays(2)));
    Map<String, Object> normal = target("normal", 240, null, 480);
    Map<String, Object> urgent = target("urgent", 30, null, 120);
    Responder agent = standardTier(List.of(normal, urgent));
    Instant start =
        Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    clock.setTo(start);
    Ticket ticket = ticket("Password reset mail late", "normal", "standard", null, start);
    event(ticket, SlaEvent.CREATED, "new", start);
    ClockKey before = clockKey(ticket, "first_response");
    assertThat(clock(ticket, "first_response").dueAt()).isEqualTo(start.plus(Duration.ofHours(4)));

    Instant later = start.plus(Duration.ofMinutes(10));
    clock.setTo(later);
    Ticket urgentNow = ticket.withPriority("urgent");
    event(urgentNow, SlaEvent.DETAILS_CHANGED, "new", later);

    ClockKey after = clockKey(ticket, "first_response");
    assertThat(after.generation()).isEqualTo(before.generation() + 1);
    assertThat(clock(ticket, "first_response").dueAt())
        .isEqualTo(start.plus(Duration.ofMinutes(30)));
    assertThat(clock(ticket, "resolution").dueAt()).isEqualTo(start.plus(Duration.ofHours(2)));
    // Warning at 75% of 30 minutes, counted from the creation.
    assertThat(timers(ticket, "first_response"))
        .containsExactly(start.plus(Duration.ofSeconds(30 * 60 * 75 / 100)));
    assertThat(exists(SlaTimers.key(before.id(), before.generation()))).isFalse();

    // The same details again change nothing: no new generation.
    event(urgentNow, SlaEvent.DETAILS_CHANGED, "new", later.plusSeconds(5));
    assertThat(clockKey(ticket, "first_response").generation()).isEqualTo(after.generation());
  }

  @Test
  void repliesMeetResponsesAndSolvingMeetsResolutionUntilTheTicketReopens() {
    begin(Instant.now().plus(Duration.ofDays(2)));
    Responder agent = standardTier(List.of(target("high", 60, 120, 600)));
    Instant start =
        Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    clock.setTo(start);
    Ticket ticket = ticket("Export broken", "high", "standard", agent.id(), start);
    event(ticket, SlaEvent.CREATED, "new", start);
    assertThat(clocks(ticket))
        .extracting(SlaClock::metric)
        .containsExactly("first_response", "resolution");

    event(ticket, SlaEvent.AGENT_PUBLIC_REPLY, "open", start.plus(Duration.ofMinutes(20)));
    assertThat(clock(ticket, "first_response").status()).isEqualTo("met");
    assertThat(clock(ticket, "first_response").remainingSeconds()).isNull();

    event(ticket, SlaEvent.CUSTOMER_REPLY, "open", start.plus(Duration.ofMinutes(30)));
    SlaClock next = clock(ticket, "next_response");
    assertThat(next.status()).isEqualTo("active");
    assertThat(next.dueAt()).isEqualTo(start.plus(Duration.ofMinutes(150)));
    event(ticket, SlaEvent.AGENT_PUBLIC_REPLY, "open", start.plus(Duration.ofMinutes(40)));
    assertThat(clock(ticket, "next_response").status()).isEqualTo("met");

    event(ticket, SlaEvent.STATUS_CHANGED, "solved", start.plus(Duration.ofMinutes(60)));
    assertThat(clock(ticket, "resolution").status()).isEqualTo("met");
    assertThat(timers(ticket, "resolution")).isEmpty();
    event(ticket, SlaEvent.STATUS_CHANGED, "open", start.plus(Duration.ofMinutes(100)));
    SlaClock reopened = clock(ticket, "resolution");
    assertThat(reopened.status()).isEqualTo("active");
    // 60 minutes ran before solving; 540 are left from the reopening.
    assertThat(reopened.dueAt()).isEqualTo(start.plus(Duration.ofMinutes(100 + 540)));
  }

  @Test
  void aTicketWithoutATierOrWithoutAPolicyForItHasNoClocks() {
    begin(Instant.now().plus(Duration.ofDays(2)));
    Instant now = Instant.now().plus(Duration.ofDays(2));
    clock.setTo(now);
    Ticket noTier = ticket("No customer", "urgent", null, null, now);
    event(noTier, SlaEvent.CREATED, "new", now);
    Ticket unknownTier = ticket("Unknown tier", "urgent", "gold", null, now);
    event(unknownTier, SlaEvent.CREATED, "new", now);
    assertThat(clocks(noTier)).isEmpty();
    assertThat(clocks(unknownTier)).isEmpty();
  }

  // --- fixtures -----------------------------------------------------------------------------

  private record Ticket(
      UUID id,
      long number,
      String subject,
      String priority,
      String tier,
      String assigneeId,
      Instant createdAt) {
    Ticket withPriority(String other) {
      return new Ticket(id, number, subject, other, tier, assigneeId, createdAt);
    }
  }

  private record ClockKey(UUID id, long generation) {}

  private TenantId tenant() {
    return new TenantId(UUID.fromString(owner.tenantId()));
  }

  private static Map<String, Object> window(
      String startDay, String startTime, String endDay, String endTime) {
    return Map.of(
        "startDay", startDay, "startTime", startTime, "endDay", endDay, "endTime", endTime);
  }

  private String schedule(
      String name, Instant start, String userId, List<Map<String, Object>> restrictions) {
    Map<String, Object> layer = new LinkedHashMap<>();
    layer.put("name", name + " rotation");
    layer.put("start", start.toString());
    layer.put("turn", Map.of("kind", "weeks", "count", 1));
    layer.put("participants", List.of(userId));
    layer.put("restrictions", restrictions);
    Reply reply =
        api.post(
            "/api/v1/schedules",
            Map.of("name", name, "timeZone", "America/New_York", "layers", List.of(layer)),
            owner);
    assertThat(reply.status()).as("creating a schedule: %s", reply).isEqualTo(201);
    return reply.id();
  }

  private static Map<String, Object> target(
      String priority, int first, Integer next, Integer resolution) {
    Map<String, Object> target = new HashMap<>();
    target.put("priority", priority);
    target.put("firstResponseMinutes", first);
    if (next != null) {
      target.put("nextResponseMinutes", next);
    }
    if (resolution != null) {
      target.put("resolutionMinutes", resolution);
    }
    return target;
  }

  private String slaPolicy(
      String name,
      String tier,
      int firstResponse,
      Integer resolution,
      int warningPercent,
      Map<String, Object> businessHours,
      String escalationPolicyId) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("tier", tier);
    body.put(
        "targets",
        List.of(
            target("urgent", firstResponse, null, resolution),
            target("normal", firstResponse, null, resolution)));
    body.put("warningPercent", warningPercent);
    body.put("escalationPolicyId", escalationPolicyId);
    if (businessHours != null) {
      body.put("businessHours", businessHours);
    }
    Reply reply = api.post("/api/v1/sla-policies", body, owner);
    assertThat(reply.status()).as("creating an SLA policy: %s", reply).isEqualTo(201);
    return reply.id();
  }

  /** An agent, an escalation policy paging them, and the SLA policy of the tier "standard". */
  private Responder standardTier(List<Map<String, Object>> targets) {
    Responder agent = desk.responder();
    String policy = paging.policy("Standard", 0, 10, List.of(List.of(Paging.user(agent.id()))));
    Reply created =
        api.post(
            "/api/v1/sla-policies",
            Map.of(
                "name",
                "Standard",
                "tier",
                "standard",
                "targets",
                targets,
                "escalationPolicyId",
                policy),
            owner);
    assertThat(created.status()).as("creating an SLA policy: %s", created).isEqualTo(201);
    return agent;
  }

  /** A ticket row as the ticket package would have written it (migration 027). */
  private Ticket ticket(
      String subject, String priority, String tier, String assigneeId, Instant at) {
    UUID id = UUID.randomUUID();
    long number = TICKETS.incrementAndGet();
    db.useTenant(
        tenant(),
        h ->
            h.createUpdate(
                    "INSERT INTO tickets (tenant_id, id, number, subject, priority, status,"
                        + " assignee_id, created_by, created_at, updated_at)"
                        + " VALUES (:tenant, :id, :number, :subject, :priority, 'new', :assignee,"
                        + " 'test', :at, :at)")
                .bind("tenant", tenant().value())
                .bind("id", id)
                .bind("number", number)
                .bind("subject", subject)
                .bind("priority", priority)
                .bind("assignee", assigneeId == null ? null : UUID.fromString(assigneeId))
                .bind("at", at)
                .execute());
    return new Ticket(id, number, subject, priority, tier, assigneeId, at);
  }

  private void event(Ticket ticket, SlaEvent event, String status, Instant at) {
    SlaSubject subject =
        new SlaSubject(
            ticket.id(),
            ticket.number(),
            ticket.subject(),
            ticket.priority(),
            ticket.tier(),
            ticket.tier() == null ? null : "Acme Corp",
            ticket.assigneeId() == null ? null : UUID.fromString(ticket.assigneeId()),
            status,
            ticket.createdAt());
    db.useTenant(tenant(), h -> clocks.onTicketEvent(h, tenant(), subject, event, at));
  }

  private List<SlaClock> clocks(Ticket ticket) {
    return db.inTenant(tenant(), h -> clocks.clocks(h, tenant(), ticket.id(), clock.instant()));
  }

  private SlaClock clock(Ticket ticket, String metric) {
    return clocks(ticket).stream().filter(c -> c.metric().equals(metric)).findFirst().orElseThrow();
  }

  private ClockKey clockKey(Ticket ticket, String metric) {
    return db.inTenant(
        tenant(),
        h ->
            h.createQuery(
                    "SELECT id, generation FROM sla_clocks WHERE ticket_id = :ticket"
                        + " AND metric = :metric ORDER BY cycle DESC LIMIT 1")
                .bind("ticket", ticket.id())
                .bind("metric", metric)
                .map(
                    (rs, ctx) ->
                        new ClockKey(rs.getObject("id", UUID.class), rs.getLong("generation")))
                .one());
  }

  /** When the clock's Quartz triggers fire. */
  private List<Instant> timers(Ticket ticket, String metric) {
    ClockKey key = clockKey(ticket, metric);
    try {
      List<Instant> at = new ArrayList<>();
      for (var triggerKey :
          jobs.quartz()
              .getTriggerKeys(GroupMatcher.triggerGroupEquals(SlaTimers.group(key.id())))) {
        Trigger trigger = jobs.quartz().getTrigger(triggerKey);
        at.add(trigger.getNextFireTime().toInstant());
      }
      return at;
    } catch (org.quartz.SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean exists(JobKey key) {
    try {
      return jobs.quartz().checkExists(key);
    } catch (org.quartz.SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  private void advanceTo(Instant at) {
    SlaDesk.advanceTo(clock, jobs, at);
  }
}
