package com.switchboard.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.escalation.EscalationEngine;
import com.switchboard.escalation.EscalationJobs;
import com.switchboard.escalation.EscalationWatchdog;
import com.switchboard.notify.NotificationDispatcher;
import com.switchboard.platform.jobs.JobScheduler;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.SchedulerException;

/**
 * No page is lost in silence: each test breaks one link of the chain from decision to message (a
 * lost trigger, a dead node's claim, a user deactivated meanwhile) and checks that the page still
 * goes out, or is settled and said so on the incident.
 */
class NoSilentLossTest {
  private static final AtomicInteger PHONES = new AtomicInteger(4000);

  private final Api api = TestApp.api();
  private final TestClock clock = TestClock.shared();
  private final JobScheduler jobs = TestApp.application().scheduler();
  private final MetricRegistry metrics = TestApp.shared().getEnvironment().metrics();
  private Login owner;
  private Paging paging;
  private Instant start;

  @BeforeEach
  void setUp() {
    owner = api.signup("No Silent Loss");
    paging = new Paging(api, owner);
    // Ahead of the wall clock by hours: Quartz would fire these steps only hours from now.
    start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private record Responder(Login login, String phone, String method) {
    String id() {
      return login.userId();
    }
  }

  /** A responder with a verified SMS number paged after {@code delayMinutes}. */
  private Responder responder(int delayMinutes) {
    Login member = api.addMember(owner, "responder");
    String number = "+1415556" + PHONES.incrementAndGet();
    String method = paging.verifiedMethod(member.userId(), "sms", number);
    paging.rule(member.userId(), method, "high", delayMinutes);
    return new Responder(member, number, method);
  }

  /** A responder with a verified email address paged at once. */
  private Responder emailResponder() {
    Login member = api.addMember(owner, "responder");
    String address = "pager" + PHONES.incrementAndGet() + "@" + owner.slug() + ".test";
    String method = paging.verifiedMethod(member.userId(), "email", address);
    paging.rule(member.userId(), method, "high", 0);
    return new Responder(member, address, method);
  }

  private String trigger(String service) {
    Reply triggered = paging.trigger(service, "disk full", "high", null);
    assertThat(triggered.status()).isEqualTo(201);
    return triggered.body().path("incident").path("id").asText();
  }

  @Test
  void aDelayedRuleWhoseQuartzJobIsGoneIsSentByTheSweeper() throws SchedulerException {
    Responder alice = responder(2);
    String service =
        paging.service("Storage", paging.policy("One", 0, 10, List.of(List.of(user(alice)))));
    clock.setTo(start);
    String incident = trigger(service);
    JsonNode delayed = notifications(incident).get(0);
    assertThat(delayed.path("status").asText()).isEqualTo("scheduled");
    // The rule's job failed (its claim threw) or was lost: Quartz will never send it.
    jobs.quartz()
        .deleteJob(
            EscalationJobs.ruleKey(
                UUID.fromString(incident), UUID.fromString(delayed.path("id").asText())));

    clock.setTo(Instant.parse(delayed.path("dueAt").asText()).plus(Duration.ofMinutes(2)));

    assertThat(paging.awaitPages(1))
        .extracting(m -> m.path("address").asText())
        .containsExactly(alice.phone());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> notifications(incident).get(0).path("status").asText().equals("sent"));
  }

  @Test
  void theWatchdogFiresAStepWhoseTriggerIsGoneAndSaysSo() throws SchedulerException {
    Responder alice = responder(0);
    Responder bob = responder(0);
    String policy = paging.policy("Two", 0, 5, List.of(List.of(user(alice)), List.of(user(bob))));
    String service = paging.service("Queue", policy);
    clock.setTo(start);
    String incident = trigger(service);
    paging.awaitPages(1);
    JsonNode escalation = detail(incident).path("escalations").get(0);
    Instant nextAt = Instant.parse(escalation.path("nextAt").asText());
    String escalationId = escalation.path("id").asText();
    // Step 2's trigger is gone (its job gave up, or the row was lost).
    jobs.quartz()
        .deleteJob(
            EscalationJobs.stepKey(UUID.fromString(incident), UUID.fromString(escalationId), 0, 1));
    long firedBefore = metrics.counter(EscalationEngine.WATCHDOG_FIRED).getCount();

    clock.setTo(nextAt.plus(Duration.ofSeconds(30)));
    runWatchdog();
    assertThat(paging.pages()).as("a step late by less than a minute is left alone").hasSize(1);

    clock.setTo(nextAt.plus(Duration.ofMinutes(3)));
    runWatchdog();

    assertThat(paging.awaitPages(2))
        .extracting(m -> m.path("address").asText())
        .containsExactly(alice.phone(), bob.phone());
    List<JsonNode> fired = events(incident, "watchdog_fired");
    assertThat(fired).hasSize(1);
    assertThat(fired.get(0).path("message").asText())
        .startsWith("Step 2 fired by the watchdog, ")
        .endsWith(" s late");
    assertThat(fired.get(0).path("detail").path("lateSeconds").asLong())
        .isGreaterThanOrEqualTo(180);
    // At least: the watchdog also fires what other tests' tenants left overdue.
    assertThat(metrics.counter(EscalationEngine.WATCHDOG_FIRED).getCount())
        .isGreaterThan(firedBefore);
    // The escalation moved on: the next step is scheduled as usual, and a second check fires
    // nothing.
    assertThat(QuartzTime.pendingJobs(jobs, incident)).contains("step:" + escalationId + ":1:0");
    runWatchdog();
    assertThat(events(incident, "watchdog_fired")).hasSize(1);
  }

  @Test
  void aDeactivatedUserIsSkippedAndTheStepPagesTheOthers() {
    Responder alice = responder(0);
    Responder bob = responder(0);
    String service =
        paging.service(
            "Search", paging.policy("Both", 0, 5, List.of(List.of(user(alice), user(bob)))));
    assertThat(api.post("/api/v1/users/" + alice.id() + "/deactivate", Map.of(), owner).status())
        .isEqualTo(200);
    clock.setTo(start);

    String incident = trigger(service);

    assertThat(paging.awaitPages(1))
        .extracting(m -> m.path("address").asText())
        .containsExactly(bob.phone());
    List<JsonNode> skipped = events(incident, "user_skipped");
    assertThat(skipped).hasSize(1);
    assertThat(skipped.get(0).path("message").asText()).endsWith(": deactivated");
    assertThat(notifications(incident))
        .extracting(n -> n.path("userId").asText())
        .containsExactly(bob.id());
  }

  @Test
  void aPageWrittenBeforeItsUserWasDeactivatedIsNotSent() {
    Responder alice = responder(2);
    String service =
        paging.service("Billing", paging.policy("One", 0, 10, List.of(List.of(user(alice)))));
    clock.setTo(start);
    String incident = trigger(service);
    Instant due = Instant.parse(notifications(incident).get(0).path("dueAt").asText());
    assertThat(api.post("/api/v1/users/" + alice.id() + "/deactivate", Map.of(), owner).status())
        .isEqualTo(200);

    clock.setTo(due);
    QuartzTime.fireDue(jobs, due);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> notifications(incident).get(0).path("status").asText().equals("suppressed"));
    assertThat(notifications(incident).get(0).path("lastError").asText())
        .isEqualTo("the user was deactivated");
    assertThat(events(incident, "notification_suppressed"))
        .extracting(e -> e.path("message").asText())
        .anyMatch(m -> m.endsWith("was deactivated"));
    assertThat(paging.pages()).isEmpty();
  }

  @Test
  void aClaimIsStampedWithTheDatabasesClockNotTheNodes() {
    Responder alice = responder(0);
    String service =
        paging.service("Clock", paging.policy("One", 0, 10, List.of(List.of(user(alice)))));
    // This node's clock runs three hours ahead of the database's.
    clock.setTo(start);

    String incident = trigger(service);

    paging.awaitPages(1);
    Instant claimedAt = Instant.parse(notifications(incident).get(0).path("claimedAt").asText());
    assertThat(Duration.between(Instant.now(), claimedAt).abs()).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void aClaimOfANodeTheClusterSeesDeadIsTakenOverLongBeforeTheStaleWindow() {
    // By email: a second SMS to the number within a minute would wait for its rate limit.
    Responder alice = emailResponder();
    String service =
        paging.service("Takeover", paging.policy("One", 0, 10, List.of(List.of(user(alice)))));
    String incident = trigger(service);
    paging.awaitPages(1);
    String notification = notifications(incident).get(0).path("id").asText();
    // As a node leaves it that died between claim and record: claimed 10 s ago (the stale window
    // is 2 minutes), by an instance whose last check-in was a minute ago.
    String dead = "dead-node-" + UUID.randomUUID();
    claimedBy(notification, dead, 1);
    checkedIn(dead, Instant.now().minus(Duration.ofMinutes(1)));

    assertThat(paging.awaitPages(2))
        .extracting(m -> m.path("address").asText())
        .containsExactly(alice.phone(), alice.phone());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> notifications(incident).get(0).path("status").asText().equals("sent"));
  }

  @Test
  void aClaimOfALiveNodeIsNotTakenOver() {
    Responder alice = responder(0);
    String service =
        paging.service("Alive", paging.policy("One", 0, 10, List.of(List.of(user(alice)))));
    String incident = trigger(service);
    paging.awaitPages(1);
    String notification = notifications(incident).get(0).path("id").asText();
    claimedBy(notification, jobs.instanceId(), 1);

    // The sweeper runs every second here: several chances to take it over, none taken.
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                paging.pages().size() == 1
                    && notifications(incident).get(0).path("status").asText().equals("sending"));
  }

  @Test
  void aMessageClaimedTooOftenFailsWithAReasonAndThePageShowsAsFailed() {
    Responder alice = responder(0);
    String service =
        paging.service("Capped", paging.policy("One", 0, 10, List.of(List.of(user(alice)))));
    String incident = trigger(service);
    paging.awaitPages(1);
    String notification = notifications(incident).get(0).path("id").asText();
    long failedBefore = metrics.counter(NotificationDispatcher.PAGES_FAILED).getCount();
    // Five claims (notify.maxClaims), none of which recorded an outcome.
    String dead = "dead-node-" + UUID.randomUUID();
    claimedBy(notification, dead, 5);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> notifications(incident).get(0).path("status").asText().equals("failed"));
    assertThat(notifications(incident).get(0).path("lastError").asText())
        .isEqualTo("no outcome after 5 claims; not tried again");
    assertThat(paging.pages()).hasSize(1);
    JsonNode detail = detail(incident);
    assertThat(detail.path("failedPages").asInt()).isEqualTo(1);
    assertThat(events(incident, IncidentDetail.PAGE_FAILED))
        .extracting(e -> e.path("message").asText())
        .containsExactly("Could not reach " + name(alice) + " by any method");
    assertThat(metrics.counter(NotificationDispatcher.PAGES_FAILED).getCount())
        .isEqualTo(failedBefore + 1);
  }

  private void claimedBy(String notification, String instance, int attempts) {
    int changed =
        TestDatabase.get()
            .executeInTenant(
                owner.tenantId(),
                "UPDATE notifications SET status = 'sending', claimed_by = ?,"
                    + " claimed_at = now() - interval '10 seconds', attempts = ?,"
                    + " provider = NULL, sent_at = NULL"
                    + " WHERE id = ?",
                instance,
                attempts,
                UUID.fromString(notification));
    assertThat(changed).isEqualTo(1);
  }

  private void checkedIn(String instance, Instant at) {
    TestDatabase.get()
        .executeInTenant(
            owner.tenantId(),
            "INSERT INTO qrtz_scheduler_state"
                + " (sched_name, instance_name, last_checkin_time, checkin_interval)"
                + " VALUES ('switchboard', ?, ?, 1000)",
            instance,
            at.toEpochMilli());
  }

  /** Runs the watchdog's clustered job now and waits until it has run. */
  private void runWatchdog() {
    QuartzTime.runNow(jobs, EscalationWatchdog.JOB_NAME);
  }

  private String name(Responder responder) {
    return api.get("/api/v1/users/" + responder.id(), owner).body().path("name").asText();
  }

  private static Map<String, String> user(Responder responder) {
    return Paging.user(responder.id());
  }

  private JsonNode detail(String incident) {
    return api.get("/api/v1/incidents/" + incident, owner).body();
  }

  private List<JsonNode> notifications(String incident) {
    List<JsonNode> list = new ArrayList<>();
    detail(incident).path("notifications").forEach(list::add);
    return list;
  }

  private List<JsonNode> events(String incident, String kind) {
    List<JsonNode> list = new ArrayList<>();
    detail(incident).path("timeline").forEach(e -> list.add(e));
    return list.stream().filter(e -> e.path("kind").asText().equals(kind)).toList();
  }
}
