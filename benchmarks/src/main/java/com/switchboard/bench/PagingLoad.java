package com.switchboard.bench;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.SwitchboardApplication;
import com.switchboard.SwitchboardConfiguration;
import com.switchboard.escalation.EscalationStepJob;
import com.switchboard.escalation.NotificationRuleJob;
import com.switchboard.notify.DeliverySweeper;
import com.switchboard.platform.jobs.BoundConnection;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.platform.jobs.JobSettings;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * Load harness for paging: how long from an incident's trigger to its first SMS reaching the
 * provider, and how late escalation steps fire with many Quartz triggers pending, against the same
 * trigger pattern on Quartz alone with no-op jobs.
 *
 * <p>Starts a throwaway embedded PostgreSQL, an {@link SmsSink} standing in for Twilio, and the
 * whole service in this JVM with Twilio pointed at the sink. Sets a tenant up through the API
 * (users seeded with JDBC as {@code OnCallLoad} does, because invitations cannot be sent over the
 * API yet): six people with SMS numbers verified by the code that reaches the sink, a weekly
 * on-call schedule, two policies and two services. Then, by phase:
 *
 * <ol>
 *   <li>{@code trigger}: {@code POST /api/v1/incidents} open-loop at fixed rates (a warm-up at the
 *       first rate, then each rate), each incident paging the schedule's on-call person by SMS at
 *       once; per incident, intended send time to the sink's arrival of its SMS, split with the
 *       service's own timestamps into where the time went.
 *   <li>{@code lateness}: opens {@code due-rate x due-seconds} incidents at a pace the service
 *       keeps up with (their first step pages at once, the second waits until tomorrow), tops
 *       Quartz's table up to {@code --pending} waiting triggers (jobs shaped like the product's
 *       step jobs, due hours from now, or real incidents), takes the measured second steps off
 *       tomorrow and puts each back one minute before it falls due, {@code due-rate} per second,
 *       exactly as {@code EscalationJobs} writes them. Each fires through the product: {@code
 *       EscalationStepJob}, the engine, the dispatcher, the sink. Measured against the step's due
 *       time: when Quartz fired it, when the job started, when the engine wrote the page, when the
 *       SMS reached the sink.
 *   <li>{@code baseline}: stops the service and runs the product's {@link JobScheduler} (the same
 *       Quartz properties, clustered JDBC store, same database and pending triggers) with no-op
 *       jobs, inserting one trigger per measured step with the same due-time offsets and the same
 *       one-minute lead, and measures their lateness the same way.
 * </ol>
 *
 * <p>During each measured phase it samples {@code pg_stat_activity} (what sessions wait on), reads
 * {@code pg_stat_statements} (statements and server time per unit of work) and {@code /proc} (CPU
 * used by this JVM, PostgreSQL and everything else on the machine).
 *
 * <p>Options: {@code --phases=trigger,lateness,baseline --rates=50,500 --seconds=30
 * --warmup-seconds=15 --tenants=1 --max-in-flight=5000 --pending=100000
 * --pending-mode=jobs|incidents --due-rate=20 --due-seconds=45 --provider-delay-ms=0}. Every wait
 * is bounded; the harness stops everything it started and exits. Run it with {@code
 * ops/bench-paging.sh}.
 */
public final class PagingLoad {
  private static final long LEAD_MILLIS = 60_000;

  private final Set<String> phases;
  private final List<Double> rates;
  private final double seconds;
  private final double warmupSeconds;
  private final int pending;
  private final String pendingMode;
  private final double dueRate;
  private final double dueSeconds;
  private final long providerDelayMillis;
  private final int maxInFlight;
  private final int tenantCount;

  private final ObjectMapper json = new ObjectMapper();
  private DropwizardTestSupport<SwitchboardConfiguration> app;
  private SmsSink sink;
  private MachineLoad machine;
  private PGSimpleDataSource direct;
  private HttpClient http;
  private ExecutorService clientPool;
  private List<Setup> tenants;
  private Setup setup;
  private StatementStats statements;
  private BenchService bench;

  private PagingLoad(Map<String, String> options) {
    this.phases =
        new HashSet<>(
            List.of(options.getOrDefault("phases", "trigger,lateness,baseline").split(",")));
    this.rates =
        Stream.of(options.getOrDefault("rates", "50,500").split(","))
            .map(Double::parseDouble)
            .toList();
    this.seconds = Double.parseDouble(options.getOrDefault("seconds", "30"));
    this.warmupSeconds = Double.parseDouble(options.getOrDefault("warmup-seconds", "15"));
    this.pending = Integer.parseInt(options.getOrDefault("pending", "100000"));
    this.pendingMode = options.getOrDefault("pending-mode", "jobs");
    this.dueRate = Double.parseDouble(options.getOrDefault("due-rate", "20"));
    this.dueSeconds = Double.parseDouble(options.getOrDefault("due-seconds", "45"));
    this.providerDelayMillis = Long.parseLong(options.getOrDefault("provider-delay-ms", "0"));
    this.maxInFlight = Integer.parseInt(options.getOrDefault("max-in-flight", "5000"));
    this.tenantCount = Integer.parseInt(options.getOrDefault("tenants", "1"));
    if (rates.stream().anyMatch(r -> r <= 0 || r > 5_000)
        || seconds <= 0
        || seconds > 600
        || warmupSeconds < 0
        || pending < 0
        || pending > 2_000_000
        || !Set.of("jobs", "incidents").contains(pendingMode)
        || dueRate <= 0
        || dueSeconds <= 0
        || dueSeconds > 600
        || providerDelayMillis < 0
        || tenantCount < 1
        || tenantCount > 100) {
      throw new IllegalArgumentException(
          "rates in (0, 5000], seconds and due-seconds in (0, 600], pending-mode jobs or"
              + " incidents");
    }
  }

  public static void main(String[] args) {
    BenchService.main(args, options -> new PagingLoad(options).run());
  }

  // --- the run ---

  private void run() throws Exception {
    bench = BenchService.start("/paging-bench-config.yml", "paging", providerDelayMillis);
    try {
      app = bench.app;
      statements = bench.statements;
      sink = bench.sink;
      clientPool = bench.clientPool;
      http = bench.http;
      direct = bench.direct;
      machine = bench.machine;
      printServiceSettings();
      tenants = new ArrayList<>();
      for (int t = 0; t < tenantCount; t++) {
        tenants.add(setUp(t));
      }
      setup = tenants.get(0);
      if (phases.contains("trigger")) {
        triggerPhases();
      }
      List<Long> offsets = steadyOffsets();
      if (phases.contains("lateness")) {
        offsets = latenessPhase(offsets);
      }
      if (phases.contains("baseline")) {
        baselinePhase(offsets);
      }
    } finally {
      bench.close();
    }
  }

  private void printServiceSettings() {
    SwitchboardConfiguration c = app.getConfiguration();
    JobSettings jobs = c.getJobs();
    System.out.printf(
        "service: database pool maxSize %d, Quartz's own pool %d;"
            + " Quartz threads %d, idleWaitTime %s, clusterCheckinInterval %s;"
            + " dispatcher threads %d; SMS rate limit %s apart, %d per %s;"
            + " provider delay at the sink %d ms%n",
        c.getDataSourceFactory().getMaxSize(),
        jobs.databaseConnections,
        jobs.threads,
        jobs.idleWaitTime,
        jobs.clusterCheckinInterval,
        c.getNotify().dispatcherThreads,
        c.getNotify().smsMinInterval,
        c.getNotify().smsBurst,
        c.getNotify().smsBurstWindow,
        providerDelayMillis);
  }

  // --- the tenant ---

  private record Person(String id, String phone) {}

  private record Setup(
      String tenantId,
      String slug,
      String token,
      List<Person> people,
      String pageNowService,
      String escalateService,
      String secondaryPhone) {}

  private Setup setUp(int index) throws Exception {
    long started = System.nanoTime();
    BenchService.Tenant tenant = bench.signUp("paging-" + index, "Paging Bench");
    String slug = tenant.slug();
    String tenantId = tenant.tenantId();
    String ownerId = tenant.ownerId();
    String token = tenant.token();
    Map<String, String> bearer = tenant.bearer();

    List<String> userIds = new ArrayList<>(List.of(ownerId));
    userIds.addAll(bench.insertUsers(tenantId, 5));
    List<Person> people = new ArrayList<>();
    for (int i = 0; i < userIds.size(); i++) {
      String phone = String.format(Locale.ROOT, "+1555%03d%04d", index, i);
      people.add(new Person(userIds.get(i), phone));
      bench.verifiedSms(bearer, userIds.get(i), phone);
    }
    // Primary: a weekly rotation of four; secondary: the sixth person.
    List<String> rotation = userIds.subList(1, 5);
    HttpResponse<String> schedule =
        bench.send(
            "POST",
            "/api/v1/schedules",
            Map.of(
                "name", "Primary",
                "timeZone", "UTC",
                "layers",
                    List.of(
                        Map.of(
                            "name",
                            "Weekly",
                            "start",
                            Instant.now().minus(Duration.ofDays(3)).toString(),
                            "turn",
                            Map.of("kind", "weeks", "count", 1),
                            "participants",
                            rotation))),
            bearer);
    BenchService.expect(schedule, 201, "creating the schedule");
    String scheduleId = json.readTree(schedule.body()).path("id").asText();
    String secondary = userIds.get(5);
    String pageNow = policy(bearer, "Page now, escalate tomorrow", 1440, scheduleId, secondary);
    String escalate = policy(bearer, "Escalate after a minute", 1, scheduleId, secondary);
    String team =
        bench.id(
            bench.send(
                "POST", "/api/v1/teams", Map.of("name", "Platform", "kind", "engineering"), bearer),
            "creating a team");
    String checkout = service(bearer, "Checkout API", team, pageNow);
    String payments = service(bearer, "Payments API", team, escalate);
    System.out.printf(
        "set up tenant %s: %d people with verified SMS, a weekly schedule of 4, 2 policies, 2"
            + " services in %.1f s%n",
        slug, people.size(), (System.nanoTime() - started) / 1e9);
    return new Setup(tenantId, slug, token, people, checkout, payments, people.get(5).phone());
  }

  /** Step 1 pages the schedule's on-call person; step 2, after {@code delay} minutes, a user. */
  private String policy(
      Map<String, String> bearer, String name, int delay, String scheduleId, String userId)
      throws Exception {
    return bench.id(
        bench.send(
            "POST",
            "/api/v1/escalation-policies",
            Map.of(
                "name",
                name,
                "repeatCount",
                0,
                "steps",
                List.of(
                    Map.of(
                        "delayMinutes",
                        delay,
                        "targets",
                        List.of(Map.of("type", "schedule", "id", scheduleId))),
                    Map.of(
                        "delayMinutes",
                        1440,
                        "targets",
                        List.of(Map.of("type", "user", "id", userId))))),
            bearer),
        "creating a policy");
  }

  private String service(Map<String, String> bearer, String name, String team, String policyId)
      throws Exception {
    String id =
        bench.id(
            bench.send(
                "POST",
                "/api/v1/services",
                Map.of("name", name, "description", "", "teamId", team),
                bearer),
            "creating a service");
    BenchService.expect(
        bench.send(
            "PUT",
            "/api/v1/services/" + id + "/escalation-policy",
            Map.of("policyId", policyId),
            bearer),
        200,
        "setting the policy");
    return id;
  }

  // --- phase 1: trigger to first provider call ---

  /** One POST of the open loop. Times in epoch microseconds; 0 while unknown. */
  private static final class Shot {
    Setup tenant;
    long intendedMicros;
    volatile long sentMicros;
    volatile long doneMicros;
    volatile int status;
    volatile long number = -1;
    volatile String incidentId;
    volatile String error;
  }

  private void triggerPhases() throws Exception {
    if (warmupSeconds > 0) {
      Phase warm = openLoop("warm-up", tenants, false, rates.get(0), warmupSeconds);
      awaitPages(warm.shots, Duration.ofSeconds(120));
      System.out.printf(
          "%nwarm-up: %d triggers at %.0f/s, %d ok; not measured%n",
          warm.shots.size(), rates.get(0), ok(warm.shots).size());
    }
    for (double rate : rates) {
      Thread.sleep(5_000);
      MachineLoad.Snapshot before = machine.snapshot();
      Phase phase;
      statements.reset();
      try (WaitSampler waits = new WaitSampler(direct, 250)) {
        phase = openLoop(String.format(Locale.ROOT, "%.0f/s", rate), tenants, false, rate, seconds);
        awaitPages(phase.shots, Duration.ofSeconds(180));
        MachineLoad.Snapshot after = machine.snapshot();
        reportTriggerPhase(rate, phase);
        System.out.println("  " + machine.describe(before, after));
        waits.report().forEach(System.out::println);
        statements.report(ok(phase.shots).size(), "incident").forEach(System.out::println);
      }
    }
  }

  private record Phase(
      List<Shot> shots, long firstIntendedMicros, long lastIntendedMicros, int capped) {}

  /**
   * Fires {@code POST /api/v1/incidents} at {@code rate} per second for {@code seconds}, each at
   * its planned instant whatever the earlier ones are doing, and waits for every answer (bounded).
   */
  private Phase openLoop(
      String label, List<Setup> targets, boolean escalate, double rate, double seconds)
      throws Exception {
    // A fresh client, so no connection has sat idle since an earlier phase.
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(clientPool)
            .build();
    int total = (int) Math.round(rate * seconds);
    List<Shot> shots = new ArrayList<>(total);
    List<CompletableFuture<?>> futures = new ArrayList<>(total);
    AtomicInteger inFlight = new AtomicInteger();
    int capped = 0;
    long startNanos = System.nanoTime() + 100_000_000L;
    long startMicros = Clocks.nowMicros() + 100_000L;
    double intervalNanos = 1e9 / rate;
    for (int i = 0; i < total; i++) {
      long target = startNanos + Math.round(i * intervalNanos);
      long wait;
      while ((wait = target - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      Shot shot = new Shot();
      shot.tenant = targets.get(i % targets.size());
      shot.intendedMicros = startMicros + (target - startNanos) / 1_000;
      shots.add(shot);
      if (inFlight.get() >= maxInFlight) {
        shot.error = "not sent: " + maxInFlight + " requests already in flight";
        capped++;
        continue;
      }
      byte[] body =
          json.writeValueAsBytes(
              Map.of(
                  "serviceId",
                  escalate ? shot.tenant.escalateService() : shot.tenant.pageNowService(),
                  "title",
                  "load " + label + " " + i,
                  "urgency",
                  "high"));
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(bench.base() + "/api/v1/incidents"))
              .timeout(Duration.ofSeconds(120))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + shot.tenant.token())
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      inFlight.incrementAndGet();
      shot.sentMicros = Clocks.nowMicros();
      futures.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .whenComplete(
                  (response, error) -> {
                    shot.doneMicros = Clocks.nowMicros();
                    inFlight.decrementAndGet();
                    if (error != null) {
                      shot.error = error.toString();
                      return;
                    }
                    shot.status = response.statusCode();
                    if (response.statusCode() == 201) {
                      try {
                        JsonNode incident = json.readTree(response.body()).path("incident");
                        shot.number = incident.path("number").asLong(-1);
                        shot.incidentId = incident.path("id").asText(null);
                      } catch (IOException e) {
                        shot.error = "unreadable answer: " + e.getMessage();
                      }
                    } else {
                      shot.error =
                          "HTTP "
                              + response.statusCode()
                              + " "
                              + BenchService.abbreviate(response.body());
                    }
                  }));
    }
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.out.println("  not every request finished within 300 s after the last was sent: " + e);
    }
    return new Phase(
        shots,
        shots.isEmpty() ? 0 : shots.get(0).intendedMicros,
        shots.isEmpty() ? 0 : shots.get(shots.size() - 1).intendedMicros,
        capped);
  }

  private static List<Shot> ok(List<Shot> shots) {
    return shots.stream().filter(s -> s.status == 201 && s.number > 0).toList();
  }

  /** Waits until the sink has an SMS for every incident that was opened, or the timeout. */
  private void awaitPages(List<Shot> shots, Duration timeout) throws InterruptedException {
    List<Shot> opened = ok(shots);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (opened.stream().allMatch(s -> page(s) != null)) {
        return;
      }
      Thread.sleep(100);
    }
    long missing = opened.stream().filter(s -> page(s) == null).count();
    System.out.printf(
        "  %d of %d opened incidents had no SMS at the sink after %s%n",
        missing, opened.size(), timeout);
  }

  /** When the first SMS about the shot's incident reached the sink, or null. */
  private Long page(Shot s) {
    return sink.firstPageMicros(s.tenant.slug(), s.number);
  }

  /** When the first SMS about the shot's incident reached {@code to}, or null. */
  private Long page(Shot s, String to) {
    return sink.firstPageMicros(to, s.tenant.slug(), s.number);
  }

  /** The service's timestamps for each incident's first page: incident row, notification row. */
  private record Stamps(
      long incidentCreated, long notificationCreated, long claimed, long sent, long dueAt) {}

  private Map<Shot, Stamps> stamps(List<Shot> shots, String stepMarker) throws SQLException {
    Map<Shot, Stamps> found = new HashMap<>();
    for (Setup tenant : tenants) {
      Map<Long, Shot> byNumber = new HashMap<>();
      ok(shots).stream().filter(s -> s.tenant == tenant).forEach(s -> byNumber.put(s.number, s));
      if (!byNumber.isEmpty()) {
        stamps(tenant, byNumber, stepMarker).forEach((n, st) -> found.put(byNumber.get(n), st));
      }
    }
    return found;
  }

  private Map<Long, Stamps> stamps(Setup tenant, Map<Long, Shot> byNumber, String stepMarker)
      throws SQLException {
    Map<Long, Stamps> found = new HashMap<>();
    Long[] numbers = byNumber.keySet().toArray(Long[]::new);
    try (Connection c = direct.getConnection()) {
      c.setAutoCommit(false);
      BenchService.enterTenant(c, tenant.tenantId());
      Array array = c.createArrayOf("bigint", numbers);
      try (PreparedStatement q =
          c.prepareStatement(
              "/* bench */ SELECT i.number, i.created_at, n.created_at, n.claimed_at, n.sent_at, n.due_at"
                  + " FROM incidents i JOIN notifications n"
                  + " ON n.tenant_id = i.tenant_id AND n.incident_id = i.id"
                  + " WHERE i.tenant_id = ? AND i.number = ANY (?) AND n.idempotency_key LIKE ?"
                  + " ORDER BY n.created_at")) {
        q.setObject(1, UUID.fromString(tenant.tenantId()));
        q.setArray(2, array);
        q.setString(3, "%:" + stepMarker + ":%");
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            found.putIfAbsent(
                r.getLong(1),
                new Stamps(
                    micros(r.getTimestamp(2)),
                    micros(r.getTimestamp(3)),
                    micros(r.getTimestamp(4)),
                    micros(r.getTimestamp(5)),
                    micros(r.getTimestamp(6))));
          }
        }
      }
      c.commit();
    }
    return found;
  }

  private void reportTriggerPhase(double rate, Phase phase) throws SQLException {
    List<Shot> shots = phase.shots();
    List<Shot> opened = ok(shots);
    long sent = shots.stream().filter(s -> s.sentMicros > 0).count();
    long lastSent = shots.stream().mapToLong(s -> s.sentMicros).max().orElse(0);
    long lastDone = shots.stream().mapToLong(s -> s.doneMicros).max().orElse(0);
    double window = (phase.lastIntendedMicros() - phase.firstIntendedMicros()) / 1e6;
    Map<Shot, Stamps> stamps = stamps(shots, "0:0");
    long lastPage =
        opened.stream()
            .map(this::page)
            .filter(v -> v != null)
            .mapToLong(Long::longValue)
            .max()
            .orElse(0);

    Samples toSms = new Samples();
    Samples response = new Samples();
    Samples clientLag = new Samples();
    Samples toRow = new Samples();
    Samples rowToNotification = new Samples();
    Samples notificationToClaim = new Samples();
    Samples claimToSms = new Samples();
    Samples claimToSent = new Samples();
    for (Shot s : shots) {
      if (s.sentMicros > 0 && s.doneMicros > 0) {
        response.add((s.doneMicros - s.sentMicros) / 1000.0);
        clientLag.add((s.sentMicros - s.intendedMicros) / 1000.0);
      }
    }
    for (Shot s : opened) {
      Long page = page(s);
      if (page != null) {
        toSms.add((page - s.intendedMicros) / 1000.0);
      }
      Stamps st = stamps.get(s);
      if (st != null) {
        toRow.add((st.incidentCreated() - s.sentMicros) / 1000.0);
        rowToNotification.add((st.notificationCreated() - st.incidentCreated()) / 1000.0);
        if (st.claimed() > 0) {
          notificationToClaim.add((st.claimed() - st.notificationCreated()) / 1000.0);
          if (page != null) {
            claimToSms.add((page - st.claimed()) / 1000.0);
          }
          if (st.sent() > 0) {
            claimToSent.add((st.sent() - st.claimed()) / 1000.0);
          }
        }
      }
    }
    System.out.printf(
        "%n== trigger to first SMS at %.0f incidents/s (%.0f s planned) ==%n"
            + "  requests planned %d, sent %d (last sent %.1f s after the first was due), 201 %d,"
            + " failed %d, not sent (client cap) %d%n"
            + "  achieved: sent %.1f/s; answered %.1f/s (last answer %.1f s after the first was due);"
            + " SMS %.1f/s (last SMS %.1f s after)%n",
        rate,
        seconds,
        shots.size(),
        sent,
        (lastSent - phase.firstIntendedMicros()) / 1e6,
        opened.size(),
        shots.size() - opened.size() - phase.capped(),
        phase.capped(),
        sent / Math.max(1e-9, (lastSent - phase.firstIntendedMicros()) / 1e6),
        opened.size() / Math.max(1e-9, (lastDone - phase.firstIntendedMicros()) / 1e6),
        (lastDone - phase.firstIntendedMicros()) / 1e6,
        toSms.size() / Math.max(1e-9, (lastPage - phase.firstIntendedMicros()) / 1e6),
        (lastPage - phase.firstIntendedMicros()) / 1e6);
    printErrors(shots);
    System.out.println("  milliseconds                                 " + Samples.header());
    System.out.println("  trigger (planned send) -> SMS at the sink    " + toSms.row());
    System.out.println("  HTTP answer of POST /incidents               " + response.row());
    System.out.println("  where it went:");
    System.out.println("    client lag (planned -> sent)               " + clientLag.row());
    System.out.println("    sent -> trigger transaction began (a)      " + toRow.row());
    System.out.println("    began -> SMS notification written (b)      " + rowToNotification.row());
    System.out.println(
        "    written -> claimed by a sender (c)         " + notificationToClaim.row());
    System.out.println("    claimed -> SMS at the sink (d)             " + claimToSms.row());
    System.out.println("    (claimed -> provider call recorded sent)   " + claimToSent.row());
    System.out.printf(
        "  (a) HTTP, API-key check, waiting for a pooled connection; (b) the transaction up to the"
            + " page: incident counter and policy locks, step 1; (c) the rest of the transaction,"
            + " commit, the send queue; (d) claim transaction, composing, the HTTP call. Window %.1f s,"
            + " %d tenant(s)%n",
        window, tenants.size());
  }

  /** Failed requests, grouped by their message with ids masked. */
  private static void printErrors(List<Shot> shots) {
    Map<String, Integer> errors = new LinkedHashMap<>();
    shots.stream()
        .filter(s -> s.error != null)
        .forEach(
            s ->
                errors.merge(
                    BenchService.abbreviate(s.error)
                        .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>"),
                    1,
                    Integer::sum));
    errors.forEach((e, n) -> System.out.printf("  error x%d: %s%n", n, e));
  }

  // --- phase 2: step lateness with many pending triggers ---

  private List<Long> latenessPhase(List<Long> offsets) throws Exception {
    int measured = offsets.size();
    System.out.printf("%n== step lateness ==%n");
    // The incidents whose second step is measured: opened ahead of time at a pace the service
    // keeps up with; step 1 pages the schedule now, step 2 would wait until tomorrow.
    long started = System.nanoTime();
    List<Shot> opened = openIncidents(measured, 4, setup.pageNowService(), "measured");
    Map<String, String> escalations = escalationsOf(opened);
    System.out.printf(
        "  opened %d of %d incidents to measure in %.0f s%n",
        opened.size(), measured, (System.nanoTime() - started) / 1e9);

    int waiting = waitingTriggers();
    int toAdd = Math.max(0, pending - waiting);
    started = System.nanoTime();
    System.out.printf(
        "  %d triggers waiting; adding %d (%s) to reach %d%n",
        waiting, toAdd, pendingMode, pending);
    if (pendingMode.equals("jobs")) {
      addPendingJobs(toAdd);
    } else {
      addPendingIncidents(toAdd);
    }
    System.out.printf(
        "  added in %.0f s; now %d waiting%n",
        (System.nanoTime() - started) / 1e9, waitingTriggers());

    // Take the measured incidents' second steps off tomorrow; they are put back, due within the
    // window, each a minute before it falls due, as the step before it would have done.
    Scheduler quartz = app.<SwitchboardApplication>getApplication().scheduler().quartz();
    List<JobKey> keys = new ArrayList<>();
    opened.forEach(s -> keys.add(stepKey(s.incidentId, escalations.get(s.incidentId))));
    quartz.deleteJobs(keys);
    // Let the SMS of the opened incidents, autovacuum and the sweeper settle before measuring.
    Thread.sleep(15_000);
    explainAcquisition();

    FireRecorder recorder = new FireRecorder();
    quartz.getListenerManager().addJobListener(recorder);
    Window window =
        runWindow(
            quartz,
            offsets.subList(0, opened.size()),
            (i, due) -> {
              Shot s = opened.get(i);
              return JobBuilder.newJob(EscalationStepJob.class)
                  .withIdentity(stepKey(s.incidentId, escalations.get(s.incidentId)))
                  .usingJobData("tenant", setup.tenantId())
                  .usingJobData("incident", s.incidentId)
                  .usingJobData("escalation", escalations.get(s.incidentId))
                  .usingJobData("round", "0")
                  .usingJobData("step", "1")
                  .usingJobData("dueAt", due.toString())
                  .requestRecovery(true)
                  .build();
            },
            () -> opened.stream().allMatch(s -> page(s, setup.secondaryPhone()) != null),
            "step");
    quartz.getListenerManager().removeJobListener(recorder.getName());

    Set<String> incidents = new HashSet<>();
    opened.forEach(s -> incidents.add(s.incidentId));
    List<FireRecorder.Fire> fires =
        recorder.fires().stream()
            .filter(f -> f.jobName().endsWith(":0:1") && incidents.contains(f.incident()))
            .toList();
    Map<Shot, Stamps> stamps = stamps(opened, "0:1");
    Samples quartzLate = new Samples();
    Samples firedLate = new Samples();
    Samples stepLate = new Samples();
    Samples claimLate = new Samples();
    Samples smsLate = new Samples();
    Samples jobRun = new Samples();
    for (FireRecorder.Fire f : fires) {
      quartzLate.add(f.latenessMillis());
      firedLate.add(f.firedMillis() - f.dueMillis());
      if (f.endMicros() > 0) {
        jobRun.add((f.endMicros() - f.startMicros()) / 1000.0);
      }
    }
    long paged = 0;
    for (Shot s : opened) {
      Stamps st = stamps.get(s);
      if (st == null) {
        continue;
      }
      stepLate.add((st.notificationCreated() - st.dueAt()) / 1000.0);
      if (st.claimed() > 0) {
        claimLate.add((st.claimed() - st.dueAt()) / 1000.0);
      }
      Long page = page(s, setup.secondaryPhone());
      if (page != null) {
        smsLate.add((page - st.dueAt()) / 1000.0);
        paged++;
      }
    }
    System.out.printf(
        "  steps due %d (%.0f/s over %.0f s); fired %d; run by the engine %d; SMS at the sink %d;"
            + " %d triggers waiting when the first fell due%n",
        opened.size(),
        dueRate,
        dueSeconds,
        fires.size(),
        stepLate.size(),
        paged,
        window.waitingAtFirstDue());
    System.out.println(
        "  inserting each step's trigger (ms)             " + window.inserts().row());
    System.out.println("  lateness, milliseconds after the step was due  " + Samples.header());
    System.out.println("    Quartz fired the trigger (scheduler thread)  " + firedLate.row());
    System.out.println("    job started on a worker thread               " + quartzLate.row());
    System.out.println("    engine ran the step (notification row)       " + stepLate.row());
    System.out.println("    a sender claimed the SMS                     " + claimLate.row());
    System.out.println("    SMS at the sink                              " + smsLate.row());
    System.out.println("  step job duration (worker start -> end)        " + jobRun.row());
    window.report().forEach(System.out::println);
    latenessProduct =
        new double[][] {
          {firedLate.percentile(50), firedLate.percentile(99)},
          {quartzLate.percentile(50), quartzLate.percentile(99)},
          {stepLate.percentile(50), stepLate.percentile(99)},
          {smsLate.percentile(50), smsLate.percentile(99)}
        };
    return offsets.subList(0, opened.size());
  }

  private static JobKey stepKey(String incidentId, String escalationId) {
    return new JobKey("step:" + escalationId + ":0:1", "incident:" + incidentId);
  }

  /** Builds the job for the {@code i}th trigger, due at {@code due}. */
  @FunctionalInterface
  private interface JobMaker {
    JobDetail make(int i, Instant due);
  }

  /** What happened in a measurement window. */
  private record Window(Samples inserts, int waitingAtFirstDue, List<String> report) {}

  /**
   * Inserts one trigger per offset, each {@link #LEAD_MILLIS} before it is due (due = the window's
   * start + offset), as {@code EscalationJobs} does (check, then store the job and its fire-now
   * trigger); then waits until {@code finished} or three minutes after the last was due. Machine
   * load, database waits and statements are taken from 3 s before the first is due to the end.
   */
  private Window runWindow(
      Scheduler quartz, List<Long> offsets, JobMaker jobs, BooleanSupplier finished, String unit)
      throws Exception {
    long startMillis = System.currentTimeMillis() + 5_000 + LEAD_MILLIS;
    long lastDue = startMillis + offsets.get(offsets.size() - 1);
    Samples inserts = new Samples();
    MachineLoad.Snapshot before = null;
    WaitSampler waits = null;
    int waitingAtFirstDue = -1;
    List<String> report = new ArrayList<>();
    try {
      for (int i = 0; i <= offsets.size(); i++) {
        long insertAt =
            i < offsets.size() ? startMillis + offsets.get(i) - LEAD_MILLIS : Long.MAX_VALUE;
        if (before == null && Math.min(insertAt, lastDue) >= startMillis - 3_000) {
          BenchService.sleepUntilMicros((startMillis - 3_000) * 1000);
          before = machine.snapshot();
          statements.reset();
          waitingAtFirstDue = waitingTriggers();
          waits = new WaitSampler(direct, 250);
        }
        if (i == offsets.size()) {
          break;
        }
        BenchService.sleepUntilMicros(insertAt * 1000);
        long due = startMillis + offsets.get(i);
        JobDetail job = jobs.make(i, Instant.ofEpochMilli(due));
        Trigger trigger =
            TriggerBuilder.newTrigger()
                .withIdentity(job.getKey().getName(), job.getKey().getGroup())
                .startAt(new Date(due))
                .withSchedule(
                    SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        long t0 = System.nanoTime();
        if (!quartz.checkExists(job.getKey())) {
          quartz.scheduleJob(job, trigger);
        }
        inserts.add((System.nanoTime() - t0) / 1e6);
      }
      BenchService.sleepUntilMicros((lastDue + 5_000) * 1000);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (System.nanoTime() < deadline && !finished.getAsBoolean()) {
        Thread.sleep(100);
      }
    } finally {
      if (waits != null) {
        waits.close();
      }
    }
    MachineLoad.Snapshot after = machine.snapshot();
    report.add("  " + machine.describe(before, after));
    report.addAll(waits.report());
    report.addAll(statements.report(offsets.size(), unit));
    return new Window(inserts, waitingAtFirstDue, report);
  }

  /** The escalation of each incident (the service's policy), by incident id. */
  private Map<String, String> escalationsOf(List<Shot> shots) throws SQLException {
    Map<String, String> found = new HashMap<>();
    try (Connection c = direct.getConnection()) {
      c.setAutoCommit(false);
      BenchService.enterTenant(c, setup.tenantId());
      try (PreparedStatement q =
          c.prepareStatement(
              "/* bench */ SELECT incident_id, id FROM escalations"
                  + " WHERE tenant_id = ? AND incident_id = ANY (?)")) {
        q.setObject(1, UUID.fromString(setup.tenantId()));
        q.setArray(
            2,
            c.createArrayOf(
                "uuid", shots.stream().map(s -> UUID.fromString(s.incidentId)).toArray()));
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            found.put(r.getString(1), r.getString(2));
          }
        }
      }
      c.commit();
    }
    return found;
  }

  /** Opens {@code count} incidents from {@code clients} clients back to back; the ones opened. */
  private List<Shot> openIncidents(int count, int clients, String serviceId, String label)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Shot> shots = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService workers =
        Executors.newFixedThreadPool(clients, BenchService.daemon("open-client"));
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int w = 0; w < clients; w++) {
      done.add(
          CompletableFuture.runAsync(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                  Shot shot = new Shot();
                  shot.tenant = setup;
                  shot.intendedMicros = Clocks.nowMicros();
                  shot.sentMicros = shot.intendedMicros;
                  try {
                    HttpResponse<String> r =
                        bench.send(
                            "POST",
                            "/api/v1/incidents",
                            Map.of(
                                "serviceId",
                                serviceId,
                                "title",
                                label + " " + i,
                                "urgency",
                                "high"),
                            Map.of("Authorization", "Bearer " + setup.token()));
                    shot.doneMicros = Clocks.nowMicros();
                    shot.status = r.statusCode();
                    if (r.statusCode() == 201) {
                      JsonNode incident = json.readTree(r.body()).path("incident");
                      shot.number = incident.path("number").asLong(-1);
                      shot.incidentId = incident.path("id").asText(null);
                    } else {
                      shot.error =
                          "HTTP " + r.statusCode() + " " + BenchService.abbreviate(r.body());
                    }
                  } catch (Exception e) {
                    shot.error = e.toString();
                  }
                  shots.add(shot);
                }
              },
              workers));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(1, TimeUnit.HOURS);
    workers.shutdown();
    printErrors(shots);
    return ok(new ArrayList<>(shots));
  }

  /**
   * The plan of the query Quartz's scheduler thread runs to find due triggers (Quartz 2.5's
   * StdJDBCDelegate, with the scheduler name inlined as Quartz does), with the time bounds typed as
   * Quartz binds them (numeric, through setBigDecimal) and as bigint; and when PostgreSQL last
   * analysed the table.
   */
  private void explainAcquisition() throws SQLException {
    long now = System.currentTimeMillis();
    try (Connection c = direct.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery(
              "/* bench */ SELECT n_live_tup, last_autoanalyze, last_analyze, last_autovacuum"
                  + " FROM pg_stat_user_tables WHERE relname = 'qrtz_triggers'")) {
        if (r.next()) {
          System.out.printf(
              "  qrtz_triggers: %d live rows; last autoanalyze %s, analyze %s, autovacuum %s%n",
              r.getLong(1), r.getTimestamp(2), r.getTimestamp(3), r.getTimestamp(4));
        }
      }
      // Quartz binds the time bounds with setBigDecimal, so PostgreSQL compares the bigint column
      // with numeric parameters; shown against bigint parameters for comparison.
      for (String type : List.of("numeric", "bigint")) {
        s.execute(
            "PREPARE bench_acquire(varchar, "
                + type
                + ", "
                + type
                + ") AS SELECT TRIGGER_NAME, TRIGGER_GROUP,"
                + " NEXT_FIRE_TIME, PRIORITY FROM QRTZ_TRIGGERS WHERE SCHED_NAME = 'switchboard'"
                + " AND TRIGGER_STATE = $1 AND NEXT_FIRE_TIME <= $2 AND (MISFIRE_INSTR = -1 OR"
                + " (MISFIRE_INSTR != -1 AND NEXT_FIRE_TIME >= $3)) ORDER BY NEXT_FIRE_TIME ASC,"
                + " PRIORITY DESC");
        System.out.println(
            "  EXPLAIN ANALYZE of Quartz's trigger acquisition, time bounds as " + type + ":");
        try (ResultSet r =
            s.executeQuery(
                "EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_acquire('WAITING', "
                    + (now + 1_000)
                    + ", "
                    + (now - 60_000)
                    + ")")) {
          while (r.next()) {
            System.out.println("    " + r.getString(1));
          }
        }
        s.execute("DEALLOCATE bench_acquire");
      }
    }
  }

  /** p50/p99 of [fired, job started, engine step, SMS] lateness in the product run. */
  private double[][] latenessProduct;

  private int waitingTriggers() throws SQLException {
    try (Connection c = direct.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "/* bench */ SELECT count(*) FROM qrtz_triggers WHERE trigger_state = 'WAITING'")) {
      r.next();
      return r.getInt(1);
    }
  }

  /**
   * Step jobs shaped as {@code EscalationJobs} writes them (key, group, job data, fire-now misfire
   * rule, recovery), due 2 to 26 hours from now, written through the product's scheduler in
   * transactions of 1,000 (the scheduler joins a transaction bound with {@link BoundConnection}).
   * Their incidents do not exist: were one to fire, the engine would find nothing to do.
   */
  private void addPendingJobs(int count) throws Exception {
    Scheduler quartz = app.<SwitchboardApplication>getApplication().scheduler().quartz();
    long now = System.currentTimeMillis();
    long twoHours = TimeUnit.HOURS.toMillis(2);
    long day = TimeUnit.HOURS.toMillis(24);
    int done = 0;
    try (Connection c = direct.getConnection()) {
      c.setAutoCommit(false);
      while (done < count) {
        int batch = Math.min(1_000, count - done);
        Map<JobDetail, Set<? extends Trigger>> jobs = new HashMap<>();
        for (int i = 0; i < batch; i++) {
          UUID incident = UUID.randomUUID();
          UUID escalation = UUID.randomUUID();
          Instant due =
              Instant.ofEpochMilli(now + twoHours + ThreadLocalRandom.current().nextLong(day));
          String group = "incident:" + incident;
          String name = "step:" + escalation + ":0:1";
          JobDetail job =
              JobBuilder.newJob(EscalationStepJob.class)
                  .withIdentity(name, group)
                  .usingJobData("tenant", setup.tenantId())
                  .usingJobData("incident", incident.toString())
                  .usingJobData("escalation", escalation.toString())
                  .usingJobData("round", "0")
                  .usingJobData("step", "1")
                  .usingJobData("dueAt", due.toString())
                  .requestRecovery(true)
                  .build();
          Trigger trigger =
              TriggerBuilder.newTrigger()
                  .withIdentity(name, group)
                  .startAt(Date.from(due))
                  .withSchedule(
                      SimpleScheduleBuilder.simpleSchedule()
                          .withMisfireHandlingInstructionFireNow())
                  .build();
          jobs.put(job, Set.of(trigger));
        }
        try (BoundConnection.Scope ignored = BoundConnection.bind(c)) {
          quartz.scheduleJobs(jobs, false);
        }
        c.commit();
        done += batch;
        if (done % 20_000 == 0) {
          System.out.printf("  ... %d%n", done);
        }
      }
    }
  }

  /** Real incidents on the page-now policy (next step tomorrow), from 16 clients back to back. */
  private void addPendingIncidents(int count) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    ExecutorService workers = Executors.newFixedThreadPool(16, BenchService.daemon("seed-client"));
    List<CompletableFuture<Void>> done = new ArrayList<>();
    long started = System.nanoTime();
    for (int w = 0; w < 16; w++) {
      done.add(
          CompletableFuture.runAsync(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                  try {
                    HttpResponse<String> r =
                        bench.send(
                            "POST",
                            "/api/v1/incidents",
                            Map.of(
                                "serviceId",
                                setup.pageNowService(),
                                "title",
                                "pending " + i,
                                "urgency",
                                "high"),
                            Map.of("Authorization", "Bearer " + setup.token()));
                    if (r.statusCode() != 201) {
                      failures.incrementAndGet();
                    }
                  } catch (Exception e) {
                    failures.incrementAndGet();
                  }
                  if (i > 0 && i % 10_000 == 0) {
                    System.out.printf(
                        "  ... %d (%.0f/s)%n", i, i / ((System.nanoTime() - started) / 1e9));
                  }
                }
              },
              workers));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(3, TimeUnit.HOURS);
    workers.shutdown();
    System.out.printf(
        "  %d incidents, %d failed, %.0f/s%n",
        count, failures.get(), count / ((System.nanoTime() - started) / 1e9));
  }

  // --- phase 3: the baseline ---

  /** A job that does nothing; the listener notes when it ran. */
  public static final class NoOpJob implements Job {
    @Override
    public void execute(org.quartz.JobExecutionContext context) {}
  }

  /** Due-time offsets of the measured steps: one every 1/dueRate seconds for dueSeconds. */
  private List<Long> steadyOffsets() {
    int n = (int) Math.round(dueRate * dueSeconds);
    List<Long> offsets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      offsets.add(Math.round(i * 1000 / dueRate));
    }
    return offsets;
  }

  private void baselinePhase(List<Long> offsets) throws Exception {
    SwitchboardConfiguration config = app.getConfiguration();
    JobSettings settings = config.getJobs();
    DataSourceFactory database = config.getDataSourceFactory();
    app.after();
    app = null;
    bench.app = null;
    ManagedDataSource pool = database.build(new MetricRegistry(), "baseline-quartz");
    Supplier<Job> noOp = NoOpJob::new;
    Map<Class<? extends Job>, Supplier<? extends Job>> jobs = new HashMap<>();
    jobs.put(NoOpJob.class, noOp);
    // The product's jobs still waiting in the table are due hours from now; had one fired, or the
    // delivery sweeper's repeating trigger, it would run as a no-op too.
    jobs.put(EscalationStepJob.class, noOp);
    jobs.put(NotificationRuleJob.class, noOp);
    jobs.put(DeliverySweeper.SweepJob.class, noOp);
    JobScheduler baseline = new JobScheduler(settings, pool, jobs);
    FireRecorder recorder = new FireRecorder();
    baseline.quartz().getListenerManager().addJobListener(recorder);
    baseline.start();
    // The stopped service's node is recovered by the cluster check-in after a few seconds.
    Thread.sleep(15_000);
    System.out.printf(
        "%n== baseline: Quartz alone, no-op jobs ==%n  the service stopped; the product's"
            + " JobScheduler (JobStoreCMT, clustered, %d threads, idleWaitTime %s) on the same"
            + " database and tables; %d triggers waiting; %d triggers to insert with the same"
            + " due-time offsets, each %d s before it is due%n",
        settings.threads,
        settings.idleWaitTime,
        waitingTriggers(),
        offsets.size(),
        LEAD_MILLIS / 1000);
    Window window;
    try {
      window =
          runWindow(
              baseline.quartz(),
              offsets,
              (i, due) ->
                  JobBuilder.newJob(NoOpJob.class)
                      .withIdentity("baseline:" + i, "baseline:" + UUID.randomUUID())
                      .usingJobData("dueAt", due.toString())
                      .requestRecovery(true)
                      .build(),
              () ->
                  recorder.fires().stream()
                          .filter(f -> f.jobName().startsWith("baseline:") && f.endMicros() > 0)
                          .count()
                      >= offsets.size(),
              "trigger");
    } finally {
      baseline.stop();
      pool.stop();
    }
    Samples late = new Samples();
    Samples fired = new Samples();
    for (FireRecorder.Fire f : recorder.fires()) {
      if (f.jobName().startsWith("baseline:")) {
        late.add(f.latenessMillis());
        fired.add(f.firedMillis() - f.dueMillis());
      }
    }
    System.out.printf(
        "  triggers due %d; fired %d; %d triggers waiting when the first fell due%n",
        offsets.size(), late.size(), window.waitingAtFirstDue());
    System.out.println(
        "  inserting each trigger (ms)                       " + window.inserts().row());
    System.out.println("  lateness, milliseconds after the trigger was due  " + Samples.header());
    System.out.println("    Quartz fired the trigger (scheduler thread)     " + fired.row());
    System.out.println("    no-op job started on a worker thread            " + late.row());
    window.report().forEach(System.out::println);
    if (latenessProduct != null) {
      double f50 = fired.percentile(50);
      double f99 = fired.percentile(99);
      double b50 = late.percentile(50);
      double b99 = late.percentile(99);
      System.out.printf(
          "%n== product / baseline (baseline: fired p50 %s ms, p99 %s ms; job started p50 %s ms,"
              + " p99 %s ms) ==%n",
          Samples.ms(f50), Samples.ms(f99), Samples.ms(b50), Samples.ms(b99));
      String[] names = {
        "Quartz fired", "step job started", "engine ran the step", "SMS at the sink"
      };
      for (int i = 0; i < names.length; i++) {
        double d50 = i == 0 ? f50 : b50;
        double d99 = i == 0 ? f99 : b99;
        System.out.printf(
            "  %-20s p50 %s ms (x%.1f)   p99 %s ms (x%.1f)   [vs baseline %s]%n",
            names[i],
            Samples.ms(latenessProduct[i][0]),
            latenessProduct[i][0] / d50,
            Samples.ms(latenessProduct[i][1]),
            latenessProduct[i][1] / d99,
            i == 0 ? "fired" : "job started");
      }
    }
  }

  // --- plumbing ---

  private static long micros(Timestamp t) {
    return t == null ? 0 : Clocks.micros(t.toInstant());
  }
}
