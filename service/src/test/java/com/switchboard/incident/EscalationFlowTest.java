package com.switchboard.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.SwitchboardApplication;
import com.switchboard.paging.PageSubjectDao;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.tenant.TenantId;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Paging;
import com.switchboard.testing.QuartzTime;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import com.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The escalation engine end to end: the real service, PostgreSQL, Quartz's JDBC job store, and the
 * outbox provider. Time is the shared {@link TestClock}, moved ahead of the wall clock so no step
 * fires on its own; {@link QuartzTime} fires the steps that are due.
 */
class EscalationFlowTest {
  private static final AtomicInteger PHONES = new AtomicInteger(1000);

  private final Api api = TestApp.api();
  private final TestClock clock = TestClock.shared();
  private final JobScheduler jobs = TestApp.application().scheduler();
  private Login owner;
  private Paging paging;
  private Instant start;

  @BeforeEach
  void setUp() {
    owner = api.signup("Escalation Flow");
    paging = new Paging(api, owner);
    // Ahead of the wall clock by hours: Quartz would fire these steps only hours from now.
    start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private String phone() {
    return "+1415555" + PHONES.incrementAndGet();
  }

  /** A responder with a verified SMS number paged at once. */
  private Responder responder() {
    Login member = api.addMember(owner, "responder");
    String number = phone();
    String method = paging.verifiedMethod(member.userId(), "sms", number);
    paging.rule(member.userId(), method, "high", 0);
    return new Responder(member, number);
  }

  private record Responder(Login login, String phone) {
    String id() {
      return login.userId();
    }
  }

  private void advanceTo(Instant at) {
    clock.setTo(at);
    QuartzTime.fireDue(jobs, at);
  }

  @Test
  void escalatesStepByStepAndRepeatsThenSaysItIsExhausted() {
    Responder alice = responder();
    Responder bob = responder();
    String policy =
        paging.policy(
            "Two steps",
            1,
            1,
            List.of(List.of(Paging.user(alice.id())), List.of(Paging.user(bob.id()))));
    String service = paging.service("Checkout", policy);

    clock.setTo(start);
    Reply triggered = paging.trigger(service, "error rate 12%", "high", null);
    assertThat(triggered.status()).isEqualTo(201);
    String incident = triggered.body().path("incident").path("id").asText();
    long number = triggered.body().path("incident").path("number").asLong();
    assertThat(paging.awaitPages(1))
        .extracting(m -> m.path("address").asText())
        .containsExactly(alice.phone());

    // The first step ran at t0; every later step is due a whole number of minutes after it.
    Instant t0 = firstDue(incident);
    advanceTo(t0.plus(Duration.ofMinutes(1)));
    paging.awaitPages(2);
    advanceTo(t0.plus(Duration.ofMinutes(2)));
    paging.awaitPages(3);
    advanceTo(t0.plus(Duration.ofMinutes(3)));
    paging.awaitPages(4);
    advanceTo(t0.plus(Duration.ofMinutes(4)));

    await().atMost(Duration.ofSeconds(10)).until(() -> kinds(incident).contains("exhausted"));
    assertThat(paging.pages())
        .extracting(m -> m.path("address").asText())
        .containsExactly(alice.phone(), bob.phone(), alice.phone(), bob.phone());
    assertThat(paging.pages().get(0).path("body").asText())
        .startsWith(
            "Switchboard [" + owner.slug() + "] #" + number + " HIGH Checkout: error rate 12%")
        .endsWith("Reply " + number + "A ack, " + number + "R resolve");

    JsonNode detail = api.get("/api/v1/incidents/" + incident, owner).body();
    assertThat(detail.path("incident").path("status").asText()).isEqualTo("triggered");
    assertThat(detail.path("escalations").get(0).path("state").asText()).isEqualTo("exhausted");
    // Each page was due exactly one minute after the one before.
    assertThat(detail.path("notifications"))
        .extracting(n -> Instant.parse(n.path("dueAt").asText()))
        .containsExactly(
            t0,
            t0.plus(Duration.ofMinutes(1)),
            t0.plus(Duration.ofMinutes(2)),
            t0.plus(Duration.ofMinutes(3)));
    assertThat(detail.path("notifications"))
        .extracting(n -> n.path("userId").asText())
        .containsExactly(alice.id(), bob.id(), alice.id(), bob.id());
    String alicePhone = alice.phone();
    assertThat(detail.path("notifications").get(0).path("address").asText())
        .as("addresses are masked as on the timeline")
        .isEqualTo(
            alicePhone.substring(0, 2) + "•••••" + alicePhone.substring(alicePhone.length() - 4));
    assertThat(detail.toString()).doesNotContain(alicePhone).doesNotContain(bob.phone());
    assertThat(QuartzTime.pendingJobs(jobs, incident)).isEmpty();
  }

  @Test
  void anSmsReplyAcknowledgesAndNoLaterStepPages() {
    Responder alice = responder();
    Responder bob = responder();
    String policy =
        paging.policy(
            "Ack by SMS",
            0,
            1,
            List.of(List.of(Paging.user(alice.id())), List.of(Paging.user(bob.id()))));
    String service = paging.service("Payments", policy);
    clock.setTo(start);
    Reply triggered = paging.trigger(service, "card declines", "high", null);
    String incident = triggered.body().path("incident").path("id").asText();
    long number = triggered.body().path("incident").path("number").asLong();
    JsonNode page = paging.awaitPages(1).get(0);
    Instant t0 = firstDue(incident);

    Reply answered =
        api.post(
            "/api/v1/outbox/" + page.path("id").asText() + "/reply",
            Map.of("body", " " + number + "a "),
            owner);

    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.body().path("answer").path("body").asText())
        .isEqualTo("Switchboard: #" + number + " acknowledged. card declines");
    assertThat(QuartzTime.pendingJobs(jobs, incident)).isEmpty();
    clock.setTo(t0.plus(Duration.ofMinutes(5)));
    QuartzTime.fireDue(jobs, t0.plus(Duration.ofMinutes(5)));
    assertThat(paging.pages()).hasSize(1);
    JsonNode detail = api.get("/api/v1/incidents/" + incident, owner).body();
    assertThat(detail.path("incident").path("status").asText()).isEqualTo("acknowledged");
    assertThat(detail.path("incident").path("acknowledgedBy").asText()).isEqualTo(nameOf(alice));
    assertThat(timeline(detail))
        .anySatisfy(
            e -> {
              assertThat(e.path("kind").asText()).isEqualTo("acknowledged");
              assertThat(e.path("channel").asText()).isEqualTo("sms");
              assertThat(e.path("message").asText()).endsWith("via SMS");
            });
  }

  @Test
  void aRepeatedDedupKeyAddsAnAlertAndResolvingRemovesEveryPendingTrigger() {
    Responder alice = responder();
    String policy = paging.policy("Dedup", 2, 5, List.of(List.of(Paging.user(alice.id()))));
    String service = paging.service("Search", policy);
    clock.setTo(start);

    Reply first = paging.trigger(service, "latency high", "high", "search-latency");
    paging.awaitPages(1);
    Reply second = paging.trigger(service, "latency still high", "high", "search-latency");

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().path("deduplicated").asBoolean()).isTrue();
    String incident = first.body().path("incident").path("id").asText();
    assertThat(second.body().path("incident").path("id").asText()).isEqualTo(incident);
    assertThat(second.body().path("incident").path("alertCount").asInt()).isEqualTo(2);
    assertThat(QuartzTime.pendingJobs(jobs, incident)).hasSize(1);
    assertThat(quartzRows(incident)).isPositive();

    Reply resolved = api.post("/api/v1/incidents/" + incident + "/resolve", Map.of(), owner);

    assertThat(resolved.status()).isEqualTo(200);
    assertThat(resolved.body().path("status").asText()).isEqualTo("resolved");
    assertThat(quartzRows(incident)).isZero();
    assertThat(paging.pages()).hasSize(1);
    // Once resolved, the same key opens a new incident.
    Reply third = paging.trigger(service, "latency high again", "high", "search-latency");
    assertThat(third.status()).isEqualTo(201);
    assertThat(third.body().path("incident").path("id").asText()).isNotEqualTo(incident);
  }

  @Test
  void concurrentTriggersGetConsecutiveNumbersAndOneDedupKeyOpensOneIncident() throws Exception {
    Responder alice = responder();
    String policy = paging.policy("Concurrent", 0, 5, List.of(List.of(Paging.user(alice.id()))));
    String service = paging.service("Checkout", policy);
    clock.setTo(start);

    List<Reply> plain = concurrently(10, i -> paging.trigger(service, "down " + i, "high", null));
    List<Reply> keyed =
        concurrently(6, i -> paging.trigger(service, "slow", "high", "checkout-slow"));

    assertThat(plain).extracting(Reply::status).containsOnly(201);
    assertThat(plain)
        .extracting(r -> r.body().path("incident").path("number").asLong())
        .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(keyed).extracting(Reply::status).containsOnlyOnce(201);
    assertThat(keyed)
        .extracting(r -> r.body().path("incident").path("id").asText())
        .containsOnly(keyed.get(0).body().path("incident").path("id").asText());
    assertThat(keyed)
        .filteredOn(r -> r.status() == 201)
        .extracting(r -> r.body().path("incident").path("number").asLong())
        .containsExactly(11L);
    JsonNode listed = api.get("/api/v1/incidents?limit=100", owner).body().path("items");
    List<Long> numbers = new java.util.ArrayList<>();
    listed.forEach(i -> numbers.add(i.path("number").asLong()));
    assertThat(numbers).hasSize(11).allMatch(n -> n >= 1 && n <= 11).doesNotHaveDuplicates();
  }

  /** Runs {@code count} calls at once, each on its own thread; their replies in call order. */
  private static List<Reply> concurrently(int count, java.util.function.IntFunction<Reply> call)
      throws Exception {
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newFixedThreadPool(count);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Reply>> replies = new java.util.ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        replies.add(
            threads.submit(
                () -> {
                  go.await();
                  return call.apply(index);
                }));
      }
      go.countDown();
      List<Reply> done = new java.util.ArrayList<>();
      for (java.util.concurrent.Future<Reply> reply : replies) {
        done.add(reply.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
      return done;
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aScheduleTargetPagesWhoeverIsOnCallWhenTheStepFires() {
    Responder alice = responder();
    Responder bob = responder();
    clock.setTo(start);
    Reply schedule =
        api.post(
            "/api/v1/schedules",
            Map.of(
                "name", "Primary",
                "timeZone", "UTC",
                "layers",
                    List.of(
                        Map.of(
                            "name", "Alice always",
                            "start", start.minus(Duration.ofDays(1)).toString(),
                            "turn", Map.of("kind", "days", "count", 1),
                            "participants", List.of(alice.id())))),
            owner);
    assertThat(schedule.status()).isEqualTo(201);
    String scheduleId = schedule.id();
    String policy =
        paging.policy(
            "Follow the schedule",
            0,
            1,
            List.of(List.of(Paging.schedule(scheduleId)), List.of(Paging.schedule(scheduleId))));
    String service = paging.service("Identity", policy);

    Reply triggered = paging.trigger(service, "logins failing", "high", null);
    String incident = triggered.body().path("incident").path("id").asText();
    paging.awaitPages(1);
    Instant t0 = firstDue(incident);
    // Bob takes over thirty seconds after the incident started.
    Reply override =
        api.post(
            "/api/v1/schedules/" + scheduleId + "/overrides",
            Map.of(
                "userId", bob.id(),
                "start", t0.plusSeconds(30).toString(),
                "end", t0.plus(Duration.ofHours(2)).toString()),
            owner);
    assertThat(override.status()).isEqualTo(201);

    advanceTo(t0.plus(Duration.ofMinutes(1)));

    assertThat(paging.awaitPages(2))
        .extracting(m -> m.path("address").asText())
        .containsExactly(alice.phone(), bob.phone());
  }

  @Test
  void afterStopAPageGoesByEmailInsteadOfSms() {
    Login member = api.addMember(owner, "responder");
    String number = phone();
    String sms = paging.verifiedMethod(member.userId(), "sms", number);
    paging.verifiedMethod(
        member.userId(), "email", "pager" + PHONES.incrementAndGet() + "@example.com");
    paging.rule(member.userId(), sms, "high", 0);
    JsonNode code = paging.latestOutbox(number);
    Reply stopped =
        api.post(
            "/api/v1/outbox/" + code.path("id").asText() + "/reply", Map.of("body", "STOP"), owner);
    assertThat(stopped.body().path("answer").path("body").asText()).contains("no more SMS");
    String policy = paging.policy("Stop", 0, 5, List.of(List.of(Paging.user(member.userId()))));
    String service = paging.service("Billing", policy);

    Reply triggered = paging.trigger(service, "invoices stuck", "high", null);
    String incident = triggered.body().path("incident").path("id").asText();

    List<JsonNode> pages = paging.awaitPages(1);
    assertThat(pages).extracting(m -> m.path("channel").asText()).containsExactly("email");
    assertThat(pages.get(0).path("subject").asText()).contains("invoices stuck");
    assertThat(pages.get(0).path("body").asText()).contains("/api/v1/email-actions/");
    JsonNode detail = api.get("/api/v1/incidents/" + incident, owner).body();
    assertThat(timeline(detail))
        .extracting(e -> e.path("kind").asText())
        .contains("notification_suppressed", "fallback", "notified");
  }

  @Test
  void aReplyFromANumberThatNeverVerifiedGetsNoAnswer() {
    Login member = api.addMember(owner, "responder");
    String number = phone();
    Reply added =
        api.post(
            "/api/v1/users/" + member.userId() + "/contact-methods",
            Map.of("channel", "sms", "address", number),
            owner);
    assertThat(added.status()).isEqualTo(201);
    JsonNode code = paging.latestOutbox(number);

    Reply answered =
        api.post(
            "/api/v1/outbox/" + code.path("id").asText() + "/reply", Map.of("body", "1A"), owner);

    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.body().path("answer").isNull()).isTrue();
  }

  @Test
  void duringMaintenanceNobodyIsPagedUntilTheWindowEnds() {
    Responder alice = responder();
    String policy = paging.policy("Maintenance", 0, 5, List.of(List.of(Paging.user(alice.id()))));
    String service = paging.service("Warehouse", policy);
    clock.setTo(start);
    Instant end = start.plus(Duration.ofMinutes(30));
    Reply window =
        api.post(
            "/api/v1/services/" + service + "/maintenance-windows",
            Map.of("end", end.toString(), "reason", "database upgrade"),
            owner);
    assertThat(window.status()).isEqualTo(201);

    Reply triggered = paging.trigger(service, "replica lag", "high", null);
    String incident = triggered.body().path("incident").path("id").asText();

    assertThat(triggered.status()).isEqualTo(201);
    JsonNode detail = api.get("/api/v1/incidents/" + incident, owner).body();
    assertThat(detail.path("escalations").get(0).path("state").asText()).isEqualTo("waiting");
    assertThat(timeline(detail)).extracting(e -> e.path("kind").asText()).contains("paging_held");
    QuartzTime.fireDue(jobs, end.minusSeconds(1));
    assertThat(paging.pages()).isEmpty();

    advanceTo(end);

    assertThat(paging.awaitPages(1))
        .extracting(m -> m.path("address").asText())
        .containsExactly(alice.phone());
  }

  @Test
  void theSweeperSendsAMessageThatNoNodeDispatched() {
    Responder alice = responder();
    String policy = paging.policy("Sweep", 0, 5, List.of(List.of(Paging.user(alice.id()))));
    String service = paging.service("Ledger", policy);
    Reply triggered = paging.trigger(service, "ledger drift", "high", null);
    String incident = triggered.body().path("incident").path("id").asText();
    paging.awaitPages(1);
    JsonNode first =
        api.get("/api/v1/incidents/" + incident, owner).body().path("notifications").get(0);
    // A message written by a node that died before dispatching it: pending, due a minute ago.
    // (An email: a second SMS this soon would wait for the number's rate limit.)
    com.switchboard.testing.TestDatabase.get()
        .executeInTenant(
            owner.tenantId(),
            "INSERT INTO notifications (tenant_id, id, idempotency_key, incident_id, escalation_id,"
                + " user_id, contact_method_id, channel, address, status, due_at, created_at,"
                + " updated_at) VALUES (?::uuid, gen_random_uuid(), 'orphan', ?::uuid, ?::uuid,"
                + " ?::uuid, ?::uuid, 'email', ?, 'pending', now() - interval '1 minute', now(),"
                + " now())",
            owner.tenantId(),
            incident,
            first.path("escalationId").asText(),
            alice.id(),
            first.path("contactMethodId").asText(),
            "alice@example.com");

    assertThat(paging.awaitPages(2))
        .extracting(m -> m.path("address").asText())
        .containsExactly(alice.phone(), "alice@example.com");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                api
                    .get("/api/v1/incidents/" + incident, owner)
                    .body()
                    .path("notifications")
                    .findValuesAsText("status")
                    .stream()
                    .allMatch("sent"::equals));
  }

  @Test
  void pagesWithinAMinuteOfAnSmsWaitAndGoOutAsOneBundleThatABareReplyAcknowledges() {
    Responder alice = responder();
    String policy = paging.policy("Bundle", 0, 10, List.of(List.of(Paging.user(alice.id()))));
    String service = paging.service("Checkout", policy);
    clock.setTo(start);
    Reply first = paging.trigger(service, "error rate 12%", "high", null);
    paging.awaitPages(1);
    Reply second = paging.trigger(service, "latency 3s", "high", null);
    Reply third = paging.trigger(service, "timeouts", "high", null);
    String secondId = second.body().path("incident").path("id").asText();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> kinds(secondId).contains("notification_deferred"));
    assertThat(paging.pages()).hasSize(1);

    advanceTo(start.plus(Duration.ofMinutes(1)).plusSeconds(5));

    List<JsonNode> pages = paging.awaitPages(2);
    long n2 = second.body().path("incident").path("number").asLong();
    long n3 = third.body().path("incident").path("number").asLong();
    assertThat(pages.get(1).path("body").asText())
        .isEqualTo(
            "Switchboard ["
                + owner.slug()
                + "] 2 open on Checkout: #"
                + n2
                + " #"
                + n3
                + ". Reply A to ack all, R to resolve all");

    Reply answered =
        api.post(
            "/api/v1/outbox/" + pages.get(1).path("id").asText() + "/reply",
            Map.of("body", "A"),
            owner);

    assertThat(answered.body().path("answer").path("body").asText())
        .isEqualTo("Switchboard: #" + n2 + " #" + n3 + " acknowledged.");
    assertThat(status(first)).isEqualTo("triggered");
    assertThat(status(second)).isEqualTo("acknowledged");
    assertThat(status(third)).isEqualTo("acknowledged");
  }

  /**
   * A page's claim writes its reply code, which references the incident, while acknowledging or
   * resolving holds the incident and then cancels the incident's unsent pages. The incident lock
   * must not block that reference (FOR NO KEY UPDATE, not FOR UPDATE), or the two wait on each
   * other until PostgreSQL kills one as a deadlock.
   */
  @Test
  void aPageIsClaimedAndSentWhileSomeoneHoldsItsIncidentToChangeIt() throws Exception {
    Responder alice = responder();
    String policy = paging.policy("Held", 0, 10, List.of(List.of(Paging.user(alice.id()))));
    String service = paging.service("Ledger", policy);
    clock.setTo(start);
    paging.trigger(service, "ledger lag", "high", null);
    paging.awaitPages(1);
    Reply second = paging.trigger(service, "ledger stalled", "high", null);
    String secondId = second.body().path("incident").path("id").asText();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> kinds(secondId).contains("notification_deferred"));

    Jdbi jdbi = SwitchboardApplication.configureJdbi(Jdbi.create(TestDatabase.get().dataSource()));
    try (Handle holder = jdbi.open()) {
      holder.begin();
      TenantId tenant = new TenantId(UUID.fromString(owner.tenantId()));
      UUID id = UUID.fromString(secondId);
      TenantDatabase.enterTenant(holder, tenant);
      // The locks IncidentService.acknowledge and the escalation steps take.
      assertThat(holder.attach(IncidentDao.class).lock(tenant, id)).contains(id);
      assertThat(holder.attach(PageSubjectDao.class).lock(tenant, id)).contains(id);

      advanceTo(start.plus(Duration.ofMinutes(1)).plusSeconds(5));

      List<JsonNode> pages = paging.awaitPages(2);
      assertThat(pages.get(1).path("address").asText()).isEqualTo(alice.phone());
      holder.rollback();
    }
    assertThat(kinds(secondId)).contains("notified");
  }

  private String status(Reply triggered) {
    return api.get(
            "/api/v1/incidents/" + triggered.body().path("incident").path("id").asText(), owner)
        .body()
        .path("incident")
        .path("status")
        .asText();
  }

  private String nameOf(Responder responder) {
    return api.get("/api/v1/users/" + responder.id(), owner).body().path("name").asText();
  }

  private static List<JsonNode> timeline(JsonNode detail) {
    List<JsonNode> events = new java.util.ArrayList<>();
    detail.path("timeline").forEach(events::add);
    return events;
  }

  private static int quartzRows(String incident) {
    try (java.sql.Connection c =
            com.switchboard.testing.TestDatabase.get().dataSource().getConnection();
        java.sql.PreparedStatement s =
            c.prepareStatement(
                "SELECT (SELECT count(*) FROM qrtz_job_details WHERE job_group = ?)"
                    + " + (SELECT count(*) FROM qrtz_triggers WHERE trigger_group = ?)")) {
      s.setString(1, "incident:" + incident);
      s.setString(2, "incident:" + incident);
      try (java.sql.ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Instant firstDue(String incident) {
    JsonNode detail = api.get("/api/v1/incidents/" + incident, owner).body();
    return Instant.parse(detail.path("notifications").get(0).path("dueAt").asText());
  }

  private List<String> kinds(String incident) {
    JsonNode timeline = api.get("/api/v1/incidents/" + incident, owner).body().path("timeline");
    List<String> kinds = new java.util.ArrayList<>();
    timeline.forEach(e -> kinds.add(e.path("kind").asText()));
    return kinds;
  }
}
