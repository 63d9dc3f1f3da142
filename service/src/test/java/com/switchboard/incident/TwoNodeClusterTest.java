package com.switchboard.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.SwitchboardApplication;
import com.switchboard.SwitchboardConfiguration;
import com.switchboard.escalation.EscalationJobs;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Paging;
import com.switchboard.testing.ProviderStub;
import com.switchboard.testing.ProviderStub.RecordedRequest;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import com.switchboard.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.TriggerListener;
import org.quartz.impl.matchers.EverythingMatcher;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Two Switchboard nodes on one database form one Quartz cluster; one of them dies mid-run and the
 * other finishes every escalation without paging anyone twice.
 *
 * <p>Both nodes send SMS through the real twilio-java SDK to one {@link ProviderStub}. 200
 * incidents are triggered half through node A and half through node B (each pages step 1 from the
 * node that took the request); then every incident's step 2 is made due at once and both nodes fire
 * them. Node B's scheduler is halted ({@link JobScheduler#halt()}) while it has step jobs in
 * flight; node A fires the rest of step 2 and each escalation's last job (which finds the policy
 * exhausted), and recovers B's in-flight jobs once B misses its cluster check-ins.
 *
 * <p>The kill is made to land mid-run deterministically with Quartz listeners on each node, not
 * with timing: B runs ten step jobs to the end, then two more whose work commits but whose
 * completion Quartz never records (a crash right after the work), then holds every worker thread
 * before its job runs (a crash right after Quartz handed out the job). B is halted once all four of
 * its threads are held this way; the two held before running never run on B. A may run at most 40
 * step jobs before the kill, so that B is sure to get work.
 *
 * <p>Steps are 1 minute apart and the {@link TestClock} runs hours ahead of the wall clock, so
 * Quartz never fires a step on its own: the test makes each step trigger due by rescheduling it to
 * fire now, as {@code QuartzTime.fireDue} does. The two incidents whose step B finished but never
 * reported wait until the cluster has recovered B, so that their re-run is the "step already ran"
 * case and not a race with their next step.
 */
class TwoNodeClusterTest {
  private static final int INCIDENTS = 200;
  private static final int STEPS = 2;
  private static final int THREADS = 4;
  private static final int B_RUNS_BEFORE_HALT = 10;
  private static final int B_HELD_AFTER_RUNNING = 2;
  private static final int B_HELD_BEFORE_RUNNING = THREADS - B_HELD_AFTER_RUNNING;
  private static final int A_RUNS_BEFORE_HALT = 40;
  private static final String ACCOUNT_SID = "AC" + "5e".repeat(16);
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
  private static final Pattern CODE = Pattern.compile("code: ([0-9]{6})");
  private static final Pattern INCIDENT_NUMBER = Pattern.compile("\\] #([0-9]+) ");
  private static final AtomicInteger PHONES = new AtomicInteger(4000);

  private final TestClock clock = TestClock.shared();
  private final AtomicBoolean bHalted = new AtomicBoolean();
  private final Set<String> groups = ConcurrentHashMap.newKeySet();
  private ProviderStub twilio;
  private DropwizardTestSupport<SwitchboardConfiguration> nodeA;
  private DropwizardTestSupport<SwitchboardConfiguration> nodeB;
  private NodeProbe probeA;
  private NodeProbe probeB;
  private JobScheduler pausedSharedNode;
  private String tenantId;
  private String slug;
  private Connection database;

  @BeforeEach
  void startTwoNodes() throws SchedulerException {
    // A node another test started would join this cluster and take steps: it waits meanwhile.
    pausedSharedNode =
        TestApp.startedApplication().map(SwitchboardApplication::scheduler).orElse(null);
    if (pausedSharedNode != null) {
      pausedSharedNode.quartz().standby();
    }
    twilio = ProviderStub.started();
    nodeA = TestApp.start(nodeSettings());
    nodeB = TestApp.start(nodeSettings());
    probeA = new NodeProbe("A", A_RUNS_BEFORE_HALT, 0, false);
    probeB = new NodeProbe("B", B_RUNS_BEFORE_HALT, B_HELD_AFTER_RUNNING, true);
    probeA.attachTo(scheduler(nodeA));
    probeB.attachTo(scheduler(nodeB));
  }

  @AfterEach
  void stopBothNodes() throws SchedulerException, SQLException {
    clock.reset();
    try {
      if (probeA != null) {
        probeA.release();
      }
      if (probeB != null) {
        probeB.release();
      }
      if (nodeB != null) {
        nodeB.after();
      }
      if (nodeA != null) {
        nodeA.after();
      }
      if (twilio != null) {
        twilio.close();
      }
      if (database != null) {
        database.close();
      }
    } finally {
      if (pausedSharedNode != null) {
        pausedSharedNode.quartz().start();
      }
    }
  }

  private ConfigOverride[] nodeSettings() {
    return new ConfigOverride[] {
      // TestDatabase has migrated the schema already.
      ConfigOverride.config("migrateOnStart", "false"),
      ConfigOverride.config("jobs.threads", Integer.toString(THREADS)),
      ConfigOverride.config("notify.twilio.accountSid", ACCOUNT_SID),
      ConfigOverride.config("notify.twilio.authToken", "two-node-test-token"),
      ConfigOverride.config("notify.twilio.fromNumber", "+15005550006"),
      ConfigOverride.config("notify.twilio.apiBaseUrl", twilio.baseUrl()),
      // Every incident pages the same responders: without this their SMS would be held back and
      // bundled by the per-number rate limit, and the test counts one SMS per page.
      ConfigOverride.config("notify.smsMinInterval", "0s"),
      ConfigOverride.config("notify.smsBurst", "100"),
      ConfigOverride.config("notify.smsBurstWindow", "1ms")
    };
  }

  @Test
  void whenOneNodeDiesMidRunTheOtherFinishesEveryEscalationAndSendsEachPageExactlyOnce()
      throws SchedulerException {
    long began = System.nanoTime();
    long cpuAtStart = processCpuNanos();
    Api apiA = api(nodeA);
    Api apiB = api(nodeB);
    Login owner = apiA.signup("Two Nodes");
    tenantId = owner.tenantId();
    slug = owner.slug();
    Paging pagingA = new Paging(apiA, owner);
    Paging pagingB = new Paging(apiB, owner);
    List<Responder> responders = new ArrayList<>();
    for (int step = 0; step < STEPS; step++) {
      responders.add(responder(step % 2 == 0 ? apiA : apiB, owner));
    }
    String policy =
        pagingB.policy(
            "Two steps", 0, 1, responders.stream().map(r -> List.of(Paging.user(r.id()))).toList());
    String service = pagingA.service("Storage", policy);

    // Phase 1: 200 incidents, half through each node at the same time; each node pages step 1
    // of its own incidents.
    Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    clock.setTo(start);
    long triggering = System.nanoTime();
    Map<String, Long> numbers = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> clients = new ArrayList<>();
    for (Paging via : List.of(pagingA, pagingB)) {
      clients.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < INCIDENTS / 2; i++) {
                  Reply triggered = via.trigger(service, "disk full on db-" + i, "high", null);
                  assertThat(triggered.status()).as("trigger: %s", triggered).isEqualTo(201);
                  String id = triggered.body().path("incident").path("id").asText();
                  numbers.put(id, triggered.body().path("incident").path("number").asLong());
                  groups.add(EscalationJobs.group(UUID.fromString(id)));
                }
              }));
    }
    clients.forEach(CompletableFuture::join);
    assertThat(numbers).hasSize(INCIDENTS);
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> countInTenant("notifications", "status = 'sent'") == INCIDENTS);
    assertThat(pages()).hasSize(INCIDENTS);
    Duration phase1 = since(triggering);
    assertThat(probeA.runs).isEmpty();
    assertThat(probeB.runs).isEmpty();

    // Phase 2: every step 2 due now; both nodes fire them until B is killed mid-run.
    clock.setTo(start.plus(Duration.ofMinutes(10)));
    long firing = System.nanoTime();
    assertThat(fireWaitingSteps(name -> name.endsWith(":0:1"), Set.of())).isEqualTo(INCIDENTS);
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                probeB.heldAfter.size() == B_HELD_AFTER_RUNNING
                    && probeB.heldBefore.size() == B_HELD_BEFORE_RUNNING);
    String instanceB = scheduler(nodeB).instanceId();
    Set<JobKey> inFlightOnB = firedJobsOf(instanceB);
    Set<JobKey> heldOnB = new HashSet<>(probeB.heldAfter);
    heldOnB.addAll(probeB.heldBefore);
    scheduler(nodeB).halt();
    bHalted.set(true);
    long halted = System.nanoTime();
    // B's held threads now end: Quartz logs "JobStore is shutdown" for each, and B's fired
    // triggers stay in the database for the cluster to recover.
    probeB.release();
    probeA.release();

    // Phase 3: A fires the rest (each escalation's next job is made due as soon as it exists)
    // and recovers B's in-flight jobs. The incidents whose step B finished but never reported
    // wait until the recovery has re-run that step.
    Set<String> heldIncidents =
        probeB.heldAfter.stream().map(JobKey::getGroup).collect(Collectors.toSet());
    AtomicBoolean recovered = new AtomicBoolean();
    List<Duration> recoveredAfter = new CopyOnWriteArrayList<>();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!recovered.get() && !clusterKnows(instanceB)) {
                recovered.set(true);
                recoveredAfter.add(since(halted));
              }
              fireWaitingSteps(name -> true, recovered.get() ? Set.of() : heldIncidents);
              return recovered.get() && allFinished();
            });
    // Nothing more arrives later: no late second copy of any page.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> pages().size() == INCIDENTS * STEPS);
    Duration phase23 = since(firing);

    // Each intended SMS reached Twilio once: one per (incident, step), to that step's responder.
    List<RecordedRequest> pages = pages();
    assertThat(pages).hasSize(INCIDENTS * STEPS);
    Set<String> expectedPages = new HashSet<>();
    for (long number : numbers.values()) {
      for (Responder responder : responders) {
        expectedPages.add(responder.phone() + " #" + number);
      }
    }
    assertThat(pages)
        .extracting(p -> p.form("To") + " #" + incidentNumber(p))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expectedPages);
    List<String> callbackIds =
        pages.stream()
            .map(p -> p.form("StatusCallback"))
            .map(url -> url.substring(url.lastIndexOf('/') + 1))
            .toList();
    assertThat(callbackIds).doesNotHaveDuplicates();

    // One notification per intended (incident, step, person), each claimed once and sent.
    List<NotificationRow> rows = notifications();
    assertThat(rows).hasSize(INCIDENTS * STEPS);
    assertThat(rows).allSatisfy(r -> assertThat(r.status()).isEqualTo("sent"));
    assertThat(rows).allSatisfy(r -> assertThat(r.attempts()).isEqualTo(1));
    Set<String> expectedIntents = new HashSet<>();
    for (String incident : numbers.keySet()) {
      for (int step = 0; step < STEPS; step++) {
        expectedIntents.add(incident + " 0:" + step + " " + responders.get(step).id());
      }
    }
    assertThat(rows)
        .extracting(NotificationRow::intent)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expectedIntents);
    assertThat(rows)
        .extracting(NotificationRow::id)
        .containsExactlyInAnyOrderElementsOf(callbackIds);

    // Every escalation ran all its steps, once each, and ended exhausted.
    assertThat(escalationStates()).containsOnly(Map.entry("exhausted", (long) INCIDENTS));
    Map<String, Long> everyIncident = new HashMap<>();
    numbers.keySet().forEach(incident -> everyIncident.put(incident, (long) STEPS));
    assertThat(timelineCounts("escalated")).isEqualTo(everyIncident);
    assertThat(timelineCounts("notified")).isEqualTo(everyIncident);
    numbers.keySet().forEach(incident -> everyIncident.put(incident, 1L));
    assertThat(timelineCounts("exhausted")).isEqualTo(everyIncident);

    // Nothing of these incidents is left in Quartz, and B is gone from the cluster.
    assertThat(quartzRows("qrtz_job_details", "job_group")).isZero();
    assertThat(quartzRows("qrtz_triggers", "job_group")).isZero();
    assertThat(quartzRows("qrtz_fired_triggers", "job_group")).isZero();
    assertThat(clusterKnows(instanceB)).isFalse();

    // The kill landed mid-run: B had run steps and held four more in flight, which the
    // database showed as fired by B; B ran nothing after it was halted.
    assertThat(heldOnB).hasSize(THREADS);
    assertThat(inFlightOnB).isEqualTo(heldOnB);
    assertThat(probeB.runs).hasSize(B_RUNS_BEFORE_HALT + B_HELD_AFTER_RUNNING);
    assertThat(probeB.runs).noneMatch(Run::afterHalt);
    assertThat(probeB.vetoed).isEqualTo(probeB.heldBefore);
    // A recovered exactly B's in-flight jobs, and did all the work after the halt: the rest
    // of step 2 and every job after it.
    List<Run> runsOfA = List.copyOf(probeA.runs);
    assertThat(runsOfA.stream().filter(Run::recovering).map(Run::key))
        .containsExactlyInAnyOrderElementsOf(inFlightOnB);
    assertThat(runsOfA).filteredOn(Run::recovering).allMatch(Run::afterHalt);
    assertThat(runsOfA).filteredOn(r -> !r.position().equals("0:1")).allMatch(Run::afterHalt);
    assertThat(probeB.runs).allMatch(r -> r.position().equals("0:1"));
    long aRunsBeforeHalt = runsOfA.stream().filter(r -> !r.afterHalt()).count();
    assertThat(aRunsBeforeHalt).isLessThanOrEqualTo(A_RUNS_BEFORE_HALT);
    assertThat(runsOfA).noneMatch(Run::failed);
    assertThat(probeB.runs).noneMatch(Run::failed);
    // Every step job ran once; the two that B ran but never reported ran again on A, as no-ops.
    Map<JobKey, Long> runsPerJob = new HashMap<>();
    for (Run run : runsOfA) {
      runsPerJob.merge(run.key(), 1L, Long::sum);
    }
    for (Run run : probeB.runs) {
      runsPerJob.merge(run.key(), 1L, Long::sum);
    }
    // A step job per later step, and one more that finds the policy exhausted.
    assertThat(runsPerJob).hasSize(STEPS * INCIDENTS);
    assertThat(
            runsPerJob.entrySet().stream()
                .filter(e -> e.getValue() != 1L)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet()))
        .isEqualTo(probeB.heldAfter);
    assertThat(
            runsPerJob.keySet().stream()
                .collect(
                    Collectors.groupingBy(TwoNodeClusterTest::position, Collectors.counting())))
        .isEqualTo(laterPositions());

    System.out.printf(
        "TwoNodeClusterTest: %d incidents, %d SMS; triggering + first pages %s; later steps %s;"
            + " B ran %d steps before the halt, A %d; B recovered %s after the halt; total %s,"
            + " test JVM CPU %s%n",
        INCIDENTS,
        pages.size(),
        phase1,
        phase23,
        probeB.runs.size(),
        aRunsBeforeHalt,
        recoveredAfter,
        since(began),
        Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(processCpuNanos() - cpuAtStart)));
  }

  /** A person paged by SMS at once for high urgency, their number verified by the code sent. */
  private Responder responder(Api api, Login owner) {
    Login member = api.addMember(owner, "responder");
    String phone = "+1628555" + PHONES.incrementAndGet();
    Reply added =
        api.post(
            "/api/v1/users/" + member.userId() + "/contact-methods",
            Map.of("channel", "sms", "address", phone),
            owner);
    assertThat(added.status()).as("adding %s", phone).isEqualTo(201);
    String method = added.body().path("method").path("id").asText();
    Reply verified =
        api.post(
            "/api/v1/users/" + member.userId() + "/contact-methods/" + method + "/verify",
            Map.of("code", verificationCode(phone)),
            owner);
    assertThat(verified.status()).as("verifying %s", phone).isEqualTo(200);
    new Paging(api, owner).rule(member.userId(), method, "high", 0);
    return new Responder(member.userId(), phone);
  }

  private record Responder(String id, String phone) {}

  private String verificationCode(String phone) {
    List<String> codes = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              for (RecordedRequest request : twilio.requestsTo(MESSAGES)) {
                Matcher code = CODE.matcher(request.form("Body"));
                if (phone.equals(request.form("To")) && code.find()) {
                  codes.add(code.group(1));
                  return true;
                }
              }
              return false;
            });
    return codes.get(0);
  }

  /** The pages (not verification codes) Twilio received, oldest first. */
  private List<RecordedRequest> pages() {
    String prefix = "Switchboard [" + slug + "] #";
    return twilio.requestsTo(MESSAGES).stream()
        .filter(r -> r.form("Body") != null && r.form("Body").startsWith(prefix))
        .toList();
  }

  private static long incidentNumber(RecordedRequest page) {
    Matcher number = INCIDENT_NUMBER.matcher(page.form("Body"));
    assertThat(number.find()).as("incident number in %s", page.form("Body")).isTrue();
    return Long.parseLong(number.group(1));
  }

  /**
   * Makes the step triggers of this test's incidents that are still hours away fire now, through
   * node A's scheduler; returns how many. A trigger fired by a node (or rescheduled already) is not
   * touched.
   */
  private int fireWaitingSteps(Predicate<String> names, Set<String> skipIncidents)
      throws SchedulerException {
    long hoursAway = System.currentTimeMillis() + Duration.ofHours(1).toMillis();
    List<TriggerKey> waiting =
        query(
            "SELECT trigger_name, trigger_group FROM qrtz_triggers WHERE sched_name = ?"
                + " AND trigger_group = ANY (?) AND trigger_state = 'WAITING'"
                + " AND next_fire_time > ? ORDER BY next_fire_time",
            rs -> new TriggerKey(rs.getString(1), rs.getString(2)),
            JobScheduler.SCHEDULER_NAME,
            groups.toArray(String[]::new),
            hoursAway);
    Scheduler quartz = scheduler(nodeA).quartz();
    int fired = 0;
    for (TriggerKey key : waiting) {
      if (!names.test(key.getName()) || skipIncidents.contains(key.getGroup())) {
        continue;
      }
      Trigger now =
          TriggerBuilder.newTrigger()
              .withIdentity(key)
              .startNow()
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
              .build();
      if (quartz.rescheduleJob(key, now) != null) {
        fired++;
      }
    }
    return fired;
  }

  /** Every escalation exhausted, every message sent, nothing of these incidents left in Quartz. */
  private boolean allFinished() {
    return countInTenant("escalations", "state = 'exhausted'") == INCIDENTS
        && countInTenant("notifications", "status = 'sent'") == INCIDENTS * STEPS
        && quartzRows("qrtz_job_details", "job_group") == 0
        && quartzRows("qrtz_fired_triggers", "job_group") == 0;
  }

  /** The jobs a node has fired and not finished, as the cluster's fired-trigger table shows. */
  private Set<JobKey> firedJobsOf(String instanceId) {
    return new HashSet<>(
        query(
            "SELECT job_name, job_group FROM qrtz_fired_triggers"
                + " WHERE sched_name = ? AND instance_name = ?",
            rs -> new JobKey(rs.getString(1), rs.getString(2)),
            JobScheduler.SCHEDULER_NAME,
            instanceId));
  }

  /** Whether the cluster still lists the node (its check-in row, or triggers it fired). */
  private boolean clusterKnows(String instanceId) {
    return !query(
            "SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = ? AND instance_name = ?"
                + " UNION ALL SELECT instance_name FROM qrtz_fired_triggers"
                + " WHERE sched_name = ? AND instance_name = ?",
            rs -> rs.getString(1),
            JobScheduler.SCHEDULER_NAME,
            instanceId,
            JobScheduler.SCHEDULER_NAME,
            instanceId)
        .isEmpty();
  }

  private long quartzRows(String table, String groupColumn) {
    return query(
            "SELECT count(*) FROM " + table + " WHERE " + groupColumn + " = ANY (?)",
            rs -> rs.getLong(1),
            (Object) groups.toArray(String[]::new))
        .get(0);
  }

  private record NotificationRow(
      String id, String incidentId, String key, String userId, String status, int attempts) {
    /** "incident round:step user", from the idempotency key the engine wrote. */
    String intent() {
      String[] parts = key.split(":");
      return incidentId + " " + parts[2] + ":" + parts[3] + " " + userId;
    }
  }

  private List<NotificationRow> notifications() {
    return queryInTenant(
        "SELECT id, incident_id, idempotency_key, user_id, status, attempts FROM notifications"
            + " WHERE tenant_id = ?",
        rs ->
            new NotificationRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getInt(6)),
        UUID.fromString(tenantId));
  }

  private Map<String, Long> escalationStates() {
    Map<String, Long> states = new HashMap<>();
    queryInTenant(
            "SELECT state, count(*) FROM escalations WHERE tenant_id = ? GROUP BY state",
            rs -> Map.entry(rs.getString(1), rs.getLong(2)),
            UUID.fromString(tenantId))
        .forEach(e -> states.put(e.getKey(), e.getValue()));
    return states;
  }

  /** How many timeline events of a kind each incident has (incidents with none are absent). */
  private Map<String, Long> timelineCounts(String kind) {
    Map<String, Long> counts = new HashMap<>();
    queryInTenant(
            "SELECT incident_id, count(*) FROM incident_events WHERE tenant_id = ? AND kind = ?"
                + " GROUP BY incident_id",
            rs -> Map.entry(rs.getString(1), rs.getLong(2)),
            UUID.fromString(tenantId),
            kind)
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  private long countInTenant(String table, String condition) {
    return queryInTenant(
            "SELECT count(*) FROM " + table + " WHERE tenant_id = ? AND " + condition,
            rs -> rs.getLong(1),
            UUID.fromString(tenantId))
        .get(0);
  }

  @FunctionalInterface
  private interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** A read on the test's own connection (opened once: each query would cost a backend). */
  private synchronized <T> List<T> query(String sql, Row<T> row, Object... parameters) {
    try {
      if (database == null) {
        database = TestDatabase.get().dataSource().getConnection();
      }
      return run(database, sql, row, parameters);
    } catch (SQLException e) {
      throw new IllegalStateException("test query failed: " + sql, e);
    }
  }

  /** A read inside the tenant's row-level-security scope. */
  private synchronized <T> List<T> queryInTenant(String sql, Row<T> row, Object... parameters) {
    try {
      if (database == null) {
        database = TestDatabase.get().dataSource().getConnection();
      }
      database.setAutoCommit(false);
      try {
        run(database, "SELECT set_config('switchboard.tenant_id', ?, true)", rs -> 0, tenantId);
        return run(database, sql, row, parameters);
      } finally {
        database.commit();
        database.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("test query failed: " + sql, e);
    }
  }

  private static <T> List<T> run(Connection connection, String sql, Row<T> row, Object... params)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        if (params[i] instanceof String[] array) {
          statement.setArray(i + 1, connection.createArrayOf("varchar", array));
        } else {
          statement.setObject(i + 1, params[i]);
        }
      }
      List<T> result = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          result.add(row.map(rs));
        }
      }
      return result;
    }
  }

  private static Api api(DropwizardTestSupport<SwitchboardConfiguration> node) {
    return new Api("http://localhost:" + node.getLocalPort());
  }

  private static JobScheduler scheduler(DropwizardTestSupport<SwitchboardConfiguration> node) {
    return node.<SwitchboardApplication>getApplication().scheduler();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static Duration since(long nanoTime) {
    return Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime));
  }

  /** One step job's run on a node, as its job listener saw it. */
  private record Run(JobKey key, boolean recovering, boolean afterHalt, boolean failed) {
    String position() {
      return TwoNodeClusterTest.position(key);
    }
  }

  /** How many step jobs each "round:step" after the first step should have run. */
  private static Map<String, Long> laterPositions() {
    Map<String, Long> positions = new HashMap<>();
    for (int step = 1; step < STEPS; step++) {
      positions.put("0:" + step, (long) INCIDENTS);
    }
    positions.put("1:0", (long) INCIDENTS);
    return positions;
  }

  /** "round:step" of a step job ({@code step:<escalation>:<round>:<step>}). */
  private static String position(JobKey key) {
    String[] parts = key.getName().split(":");
    return parts[2] + ":" + parts[3];
  }

  /**
   * Watches one node's step jobs for this test's incidents through Quartz listeners, and holds its
   * worker threads: the first {@code runFreely} step jobs run normally; the next {@code
   * holdAfterRunning} run and then wait before Quartz records them finished; every later one waits
   * before it runs, and once released either runs or, with {@code vetoHeld}, never runs. After
   * {@link #release()} nothing waits any more.
   */
  private final class NodeProbe implements TriggerListener, JobListener {
    private final String node;
    private final int runFreely;
    private final int holdAfterRunning;
    private final boolean vetoHeld;
    private final AtomicInteger arrivals = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Set<JobKey> toHoldAfter = ConcurrentHashMap.newKeySet();
    final Set<JobKey> heldAfter = ConcurrentHashMap.newKeySet();
    final Set<JobKey> heldBefore = ConcurrentHashMap.newKeySet();
    final Set<JobKey> vetoed = ConcurrentHashMap.newKeySet();
    final List<Run> runs = new CopyOnWriteArrayList<>();

    NodeProbe(String node, int runFreely, int holdAfterRunning, boolean vetoHeld) {
      this.node = node;
      this.runFreely = runFreely;
      this.holdAfterRunning = holdAfterRunning;
      this.vetoHeld = vetoHeld;
    }

    void attachTo(JobScheduler jobs) throws SchedulerException {
      jobs.quartz().getListenerManager().addTriggerListener(this, EverythingMatcher.allTriggers());
      jobs.quartz()
          .getListenerManager()
          .addJobListener(this, GroupMatcher.jobGroupStartsWith("incident:"));
    }

    void release() {
      released.countDown();
    }

    private boolean watched(JobKey key) {
      return groups.contains(key.getGroup()) && key.getName().startsWith("step:");
    }

    private void awaitRelease() {
      try {
        released.await(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public String getName() {
      return "two-node-probe-" + node;
    }

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
      JobKey key = context.getJobDetail().getKey();
      if (!watched(key)) {
        return false;
      }
      int arrival = arrivals.incrementAndGet();
      if (arrival <= runFreely || released.getCount() == 0) {
        return false;
      }
      if (arrival <= runFreely + holdAfterRunning) {
        toHoldAfter.add(key);
        return false;
      }
      heldBefore.add(key);
      awaitRelease();
      if (vetoHeld) {
        vetoed.add(key);
        return true;
      }
      return false;
    }

    @Override
    public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
      JobKey key = context.getJobDetail().getKey();
      if (!watched(key)) {
        return;
      }
      runs.add(new Run(key, context.isRecovering(), bHalted.get(), failure != null));
      if (toHoldAfter.contains(key)) {
        heldAfter.add(key);
        awaitRelease();
      }
    }

    @Override
    public void triggerFired(Trigger trigger, JobExecutionContext context) {}

    @Override
    public void triggerMisfired(Trigger trigger) {}

    @Override
    public void triggerComplete(
        Trigger trigger, JobExecutionContext context, CompletedExecutionInstruction instruction) {}

    @Override
    public void jobToBeExecuted(JobExecutionContext context) {}

    @Override
    public void jobExecutionVetoed(JobExecutionContext context) {}
  }
}
