package com.switchboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.SwitchboardConfiguration;
import com.switchboard.alert.AlertSettings;
import com.switchboard.platform.db.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Load harness for the alert intake: events at line rate on {@code POST /v2/enqueue}, new incidents
 * to their first SMS, and overload, against pgbench's single-row inserts into the same PostgreSQL.
 *
 * <p>Runs on what {@link BenchService} starts (throwaway embedded PostgreSQL with fsync and
 * synchronous_commit on, the {@link SmsSink} standing in for Twilio, the service in this JVM) with
 * {@code events-bench-config.yml} (the per-key rate limit and the per-service incident cap raised,
 * see there). Sets up {@code --tenants} tenants over the API, each with {@code --services}
 * services, one person per service whose SMS number is verified, a one-step policy per service
 * paging its person, and one {@code events_v2} integration per service. Then, by phase:
 *
 * <ol>
 *   <li>{@code ceiling}: pgbench, {@code --clients} clients for {@code --pgbench-seconds},
 *       single-row INSERT transactions into a copy of {@code alert_events} (its columns, defaults
 *       and indexes), then 100-row inserts for reference;
 *   <li>{@code incidents}: events with new dedup keys across all services at each of {@code
 *       --incident-rates}; per event, planned send to the first SMS of the incident it opened;
 *   <li>{@code sustained}: one alert opened per service first, then open-loop events at each of
 *       {@code --rates}, {@code --new-share} of them new keys, the rest repeating the open ones;
 *       per step the 202s, their latency, the refusals and failures, the processor's backlog;
 *   <li>{@code overload}: one step at {@code --overload-rate}: every answer counted by kind.
 * </ol>
 *
 * <p>Every event carries its run and sequence number in {@code custom_details}; after each step the
 * harness checks that every event answered 202 is in {@code alert_events} and processed (waiting up
 * to {@code --drain-seconds} for the processor). Options: {@code
 * --phases=ceiling,incidents,sustained,overload --tenants=10 --services=10 --clients=16
 * --pgbench-seconds=20 --rates=500,1000,2000,4000 --seconds=20 --warmup-seconds=10 --new-share=0.1
 * --incident-rates=50,100,200,300 --overload-rate=15000 --overload-seconds=10 --max-in-flight=5000
 * --drain-seconds=120}. Run it with {@code ops/bench-events.sh}.
 */
public final class EventsLoad {
  private static final Pattern PGBENCH_TPS =
      Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

  private final Set<String> phases;
  private final int tenantCount;
  private final int servicesPerTenant;
  private final int clients;
  private final int pgbenchSeconds;
  private final List<Double> rates;
  private final List<Double> incidentRates;
  private final double seconds;
  private final double warmupSeconds;
  private final double newShare;
  private final double overloadRate;
  private final double overloadSeconds;
  private final int maxInFlight;
  private final int drainSeconds;

  private final ObjectMapper json = new ObjectMapper();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicInteger sequence = new AtomicInteger();
  private BenchService bench;
  private String superuserUrl;
  private final List<Target> targets = new ArrayList<>();
  private final Map<String, String> slugs = new HashMap<>();
  private double pgbenchSingleRowTps = Double.NaN;

  private EventsLoad(Map<String, String> options) {
    this.phases =
        new HashSet<>(
            List.of(
                options.getOrDefault("phases", "ceiling,incidents,sustained,overload").split(",")));
    this.tenantCount = Integer.parseInt(options.getOrDefault("tenants", "10"));
    this.servicesPerTenant = Integer.parseInt(options.getOrDefault("services", "10"));
    this.clients = Integer.parseInt(options.getOrDefault("clients", "16"));
    this.pgbenchSeconds = Integer.parseInt(options.getOrDefault("pgbench-seconds", "20"));
    this.rates = doubles(options.getOrDefault("rates", "500,1000,2000,4000"));
    this.incidentRates = doubles(options.getOrDefault("incident-rates", "50,100,200,300"));
    this.seconds = Double.parseDouble(options.getOrDefault("seconds", "20"));
    this.warmupSeconds = Double.parseDouble(options.getOrDefault("warmup-seconds", "10"));
    this.newShare = Double.parseDouble(options.getOrDefault("new-share", "0.1"));
    this.overloadRate = Double.parseDouble(options.getOrDefault("overload-rate", "15000"));
    this.overloadSeconds = Double.parseDouble(options.getOrDefault("overload-seconds", "10"));
    this.maxInFlight = Integer.parseInt(options.getOrDefault("max-in-flight", "5000"));
    this.drainSeconds = Integer.parseInt(options.getOrDefault("drain-seconds", "60"));
    if (tenantCount < 1
        || tenantCount > 100
        || servicesPerTenant < 1
        || servicesPerTenant > 100
        || clients < 1
        || clients > 100
        || pgbenchSeconds < 1
        || Stream.concat(rates.stream(), incidentRates.stream()).anyMatch(r -> r <= 0 || r > 50_000)
        || overloadRate <= 0
        || overloadRate > 100_000
        || seconds <= 0
        || seconds > 600
        || warmupSeconds < 0
        || newShare < 0
        || newShare > 1
        || drainSeconds < 0) {
      throw new IllegalArgumentException(
          "tenants and services in [1, 100], clients in [1, 100], rates in (0, 50000],"
              + " seconds in (0, 600], new-share in [0, 1]");
    }
  }

  private static List<Double> doubles(String list) {
    return Stream.of(list.split(",")).map(Double::parseDouble).toList();
  }

  public static void main(String[] args) {
    BenchService.main(args, options -> new EventsLoad(options).run());
  }

  private void run() throws Exception {
    bench = BenchService.start("/events-bench-config.yml", "events", 0);
    try {
      superuserUrl = bench.postgres.superuserJdbcUrl(EmbeddedPostgresServer.APP_DATABASE);
      printServiceSettings();
      if (phases.contains("ceiling")) {
        ceiling();
      }
      long started = System.nanoTime();
      for (int t = 0; t < tenantCount; t++) {
        setUp(t);
      }
      System.out.printf(
          "set up %d tenants x %d services, one events_v2 integration each, in %.0f s%n",
          tenantCount, servicesPerTenant, (System.nanoTime() - started) / 1e9);
      if (phases.contains("incidents")) {
        incidentPhases();
      }
      if (phases.contains("sustained")) {
        sustainedPhases();
      }
      if (phases.contains("overload")) {
        overloadPhase();
      }
    } finally {
      bench.close();
    }
  }

  private void printServiceSettings() {
    SwitchboardConfiguration c = bench.app.getConfiguration();
    AlertSettings a = c.getAlerts();
    System.out.printf(
        "service: database pool maxSize %d; alert intake queueCapacity %d, batchSize %d, maxWait"
            + " %s; processor batch %d, threads %d, incidents per transaction %d, poll %s;"
            + " incidents per service %d per %s; events per minute per key %d, max request age"
            + " %s; dispatcher threads %d%n",
        c.getDataSourceFactory().getMaxSize(),
        a.queueCapacity,
        a.batchSize,
        a.maxWait,
        a.processorBatchSize,
        a.processorThreads,
        a.incidentsPerTransaction,
        a.pollInterval,
        a.incidentsPerWindow,
        a.groupingWindow,
        c.getIntegrations().inbound.eventsPerMinutePerKey,
        c.getIntegrations().inbound.maxRequestAge,
        c.getNotify().dispatcherThreads);
  }

  // --- 1. the ceiling: pgbench ---

  private void ceiling() throws Exception {
    try (Connection c = DriverManager.getConnection(superuserUrl);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench_events");
      s.execute("CREATE TABLE bench_events (LIKE alert_events INCLUDING ALL)");
    }
    String row =
        "('6f1b2c3d-0000-4000-8000-000000000001', ('6f1b2c3d-0000-4000-8000-0000000000' ||"
            + " :s)::uuid, '6f1b2c3d-0000-4000-8000-000000000002', 'events_v2',"
            + " now(), 'trigger', 'db-' || :s || '/disk', 'low', 'warning',"
            + " 'Disk 95% full on db-1.example.com',"
            + " '{\"source\": \"db-1.example.com\", \"component\": \"postgres\", \"group\":"
            + " \"prod-db\", \"class\": \"disk\", \"custom_details\": {\"free space\": \"5%\"},"
            + " \"client\": \"Example Monitoring\"}')";
    String columns =
        "INSERT INTO bench_events (tenant_id, service_id, integration_id, integration_type,"
            + " received_at, action, dedup_key, urgency, severity, summary, payload)";
    String single = "\\set s random(10, 99)\n" + columns + " VALUES " + row + ";\n";
    String hundred =
        columns
            + " SELECT '6f1b2c3d-0000-4000-8000-000000000001', ('6f1b2c3d-0000-4000-8000-0000000000'"
            + " || (10 + g % 90))::uuid, '6f1b2c3d-0000-4000-8000-000000000002', 'events_v2',"
            + " now(), 'trigger', 'db-' || g || '/disk', 'low', 'warning',"
            + " 'Disk 95% full on db-1.example.com', '{\"source\": \"db-1.example.com\","
            + " \"component\": \"postgres\", \"group\": \"prod-db\", \"class\": \"disk\","
            + " \"custom_details\": {\"free space\": \"5%\"}, \"client\": \"Example Monitoring\"}'"
            + " FROM generate_series(1, 100) g;\n";
    System.out.printf(
        "%n== ceiling: pgbench, %d clients, %d s each, into bench_events (LIKE alert_events"
            + " INCLUDING ALL), as the superuser (no RLS) ==%n",
        clients, pgbenchSeconds);
    MachineLoad.Snapshot before = bench.machine.snapshot();
    pgbenchSingleRowTps = pgbench("single-row INSERT per transaction", single, 1);
    MachineLoad.Snapshot after = bench.machine.snapshot();
    System.out.println("  " + bench.machine.describe(before, after));
    before = bench.machine.snapshot();
    pgbench("100-row INSERT per transaction", hundred, 100);
    after = bench.machine.snapshot();
    System.out.println("  " + bench.machine.describe(before, after));
    try (Connection c = DriverManager.getConnection(superuserUrl);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE bench_events");
    }
  }

  /** Runs pgbench with {@code script}; prints and returns its tps (NaN when it did not say). */
  private double pgbench(String label, String script, int rowsPerTransaction) throws Exception {
    Path file = Files.createTempFile("bench-events", ".sql");
    Path log = Files.createTempFile("bench-events", ".log");
    try {
      Files.writeString(file, script);
      Process p =
          new ProcessBuilder(
                  "pgbench",
                  "-h",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(bench.postgres.port()),
                  "-U",
                  "postgres",
                  "-n",
                  "-c",
                  Integer.toString(clients),
                  "-j",
                  Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                  "-T",
                  Integer.toString(pgbenchSeconds),
                  "-f",
                  file.toString(),
                  EmbeddedPostgresServer.APP_DATABASE)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(pgbenchSeconds + 120L, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("pgbench did not finish");
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      Matcher tps = PGBENCH_TPS.matcher(out);
      double value = tps.find() ? Double.parseDouble(tps.group(1)) : Double.NaN;
      for (String line : out.split("\n")) {
        if (line.startsWith("number of transactions actually processed")
            || line.startsWith("latency average")
            || line.startsWith("number of failed")
            || line.startsWith("tps")
            || line.contains("ERROR")
            || line.contains("FATAL")) {
          System.out.println("  pgbench: " + line.trim());
        }
      }
      System.out.printf(
          Locale.ROOT,
          "  %s: %.0f tps = %.0f rows/s (exit %d)%n",
          label,
          value,
          value * rowsPerTransaction,
          p.exitValue());
      return value;
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(log);
    }
  }

  // --- set-up ---

  /** A service with its integration key; {@code openKey} is the alert opened on it. */
  private record Target(
      String tenantId, String slug, String serviceId, String key, String openKey) {}

  private void setUp(int index) throws Exception {
    BenchService.Tenant tenant = bench.signUp("events-" + index, "Events Bench");
    Map<String, String> bearer = tenant.bearer();
    slugs.put(tenant.tenantId(), tenant.slug());
    // One person on call per service (the owner for the first), each with a verified number: a
    // storm across services pages many people, and no two services' pages queue on one number.
    List<String> people = new ArrayList<>(List.of(tenant.ownerId()));
    people.addAll(bench.insertUsers(tenant.tenantId(), servicesPerTenant - 1));
    List<String> policies = new ArrayList<>();
    for (int s = 0; s < servicesPerTenant; s++) {
      String phone = String.format(Locale.ROOT, "+1555%03d%04d", index, s);
      bench.verifiedSms(bearer, people.get(s), phone);
      policies.add(
          bench.id(
              bench.send(
                  "POST",
                  "/api/v1/escalation-policies",
                  Map.of(
                      "name",
                      "Page person " + s,
                      "repeatCount",
                      0,
                      "steps",
                      List.of(
                          Map.of(
                              "delayMinutes",
                              1440,
                              "targets",
                              List.of(Map.of("type", "user", "id", people.get(s)))))),
                  bearer),
              "creating a policy"));
    }
    String team =
        bench.id(
            bench.send(
                "POST", "/api/v1/teams", Map.of("name", "Platform", "kind", "engineering"), bearer),
            "creating a team");
    for (int s = 0; s < servicesPerTenant; s++) {
      String service =
          bench.id(
              bench.send(
                  "POST",
                  "/api/v1/services",
                  Map.of("name", "Service " + s, "description", "", "teamId", team),
                  bearer),
              "creating a service");
      BenchService.expect(
          bench.send(
              "PUT",
              "/api/v1/services/" + service + "/escalation-policy",
              Map.of("policyId", policies.get(s)),
              bearer),
          200,
          "setting the policy");
      HttpResponse<String> integration =
          bench.send(
              "POST",
              "/api/v1/services/" + service + "/integrations",
              Map.of("type", "events_v2", "name", "Bench monitoring"),
              bearer);
      BenchService.expect(integration, 201, "creating an integration");
      String key = json.readTree(integration.body()).path("key").asText();
      targets.add(
          new Target(
              tenant.tenantId(),
              tenant.slug(),
              service,
              key,
              "open-" + run + "-" + index + "-" + s));
    }
  }

  // --- the load ---

  /** One event of an open loop. Times in epoch microseconds; 0 while unknown. */
  private static final class Shot {
    Target target;
    String dedupKey;
    boolean newKey;
    long seq;
    long intendedMicros;
    volatile long sentMicros;
    volatile long doneMicros;
    volatile int status;
    volatile boolean retryAfter;
    volatile String error;
  }

  /** What an event of the loop is: its service, and whether it repeats the open key. */
  @FunctionalInterface
  private interface Plan {
    Shot make(int i);
  }

  private Shot repeatOrNew(int i) {
    Shot shot = new Shot();
    shot.target = targets.get(ThreadLocalRandom.current().nextInt(targets.size()));
    shot.newKey = ThreadLocalRandom.current().nextDouble() < newShare;
    return shot;
  }

  private Shot newIncident(int i) {
    Shot shot = new Shot();
    shot.target = targets.get(i % targets.size());
    shot.newKey = true;
    return shot;
  }

  /** The Events v2 JSON a PagerDuty client sends, tagged with the run and sequence number. */
  private byte[] body(Shot shot) throws IOException {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("free space", "5%");
    details.put("bench_run", run);
    details.put("bench_seq", shot.seq);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("summary", "Disk 95% full on db-1.example.com (" + shot.dedupKey + ")");
    payload.put("source", "db-1.example.com");
    payload.put("severity", "critical");
    payload.put("timestamp", Instant.now().toString());
    payload.put("component", "postgres");
    payload.put("group", "prod-db");
    payload.put("class", "disk");
    payload.put("custom_details", details);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("routing_key", shot.target.key());
    event.put("event_action", "trigger");
    event.put("dedup_key", shot.dedupKey);
    event.put("payload", payload);
    event.put(
        "links",
        List.of(Map.of("href", "https://runbooks.example.com/disk-full", "text", "Runbook")));
    event.put("client", "Example Monitoring");
    event.put("client_url", "https://monitoring.example.com");
    return json.writeValueAsBytes(event);
  }

  private record Phase(List<Shot> shots, long firstIntendedMicros, int capped) {}

  /**
   * Sends {@code rate} events per second for {@code seconds} to {@code /v2/enqueue}, each at its
   * planned instant whatever the earlier ones are doing, and waits for every answer (bounded).
   */
  private Phase openLoop(double rate, double seconds, Plan plan) throws Exception {
    // A fresh client, so no connection has sat idle since an earlier phase.
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(bench.clientPool)
            .build();
    URI uri = URI.create(bench.base() + "/v2/enqueue");
    int total = (int) Math.round(rate * seconds);
    List<Shot> shots = new ArrayList<>(total);
    List<CompletableFuture<?>> futures = new ArrayList<>(total);
    AtomicInteger inFlight = new AtomicInteger();
    int capped = 0;
    long startNanos = System.nanoTime() + 100_000_000L;
    long startMicros = Clocks.nowMicros() + 100_000L;
    double intervalNanos = 1e9 / rate;
    for (int i = 0; i < total; i++) {
      Shot shot = plan.make(i);
      shot.seq = sequence.incrementAndGet();
      shot.dedupKey = shot.newKey ? "new-" + run + "-" + shot.seq : shot.target.openKey();
      byte[] body = body(shot);
      long target = startNanos + Math.round(i * intervalNanos);
      long wait;
      while ((wait = target - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      shot.intendedMicros = startMicros + (target - startNanos) / 1_000;
      shots.add(shot);
      if (inFlight.get() >= maxInFlight) {
        shot.error = "not sent: " + maxInFlight + " requests already in flight";
        capped++;
        continue;
      }
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
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
                    shot.retryAfter = response.headers().firstValue("Retry-After").isPresent();
                    if (response.statusCode() != 202) {
                      shot.error =
                          "HTTP "
                              + response.statusCode()
                              + " "
                              + BenchService.abbreviate(response.body());
                    }
                  }));
    }
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(75, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.out.println("  not every request finished within 75 s after the last was sent: " + e);
    }
    return new Phase(shots, shots.isEmpty() ? 0 : shots.get(0).intendedMicros, capped);
  }

  private static List<Shot> accepted(List<Shot> shots) {
    return shots.stream().filter(s -> s.status == 202).toList();
  }

  /** Counts, rates and latency of the answers; returns the 202 latency from the planned send. */
  private Samples reportAnswers(String title, double rate, Phase phase) {
    List<Shot> shots = phase.shots();
    long sent = shots.stream().filter(s -> s.sentMicros > 0).count();
    long lastSent = shots.stream().mapToLong(s -> s.sentMicros).max().orElse(0);
    long lastDone = shots.stream().mapToLong(s -> s.doneMicros).max().orElse(0);
    List<Shot> ok = accepted(shots);
    Map<String, Integer> kinds = new LinkedHashMap<>();
    Samples planned = new Samples();
    Samples answered = new Samples();
    Samples clientLag = new Samples();
    for (Shot s : shots) {
      String kind;
      if (s.status == 202) {
        kind = "202";
      } else if (s.status == 429 || s.status == 503) {
        kind = s.status + (s.retryAfter ? " with Retry-After" : " WITHOUT Retry-After");
      } else if (s.status > 0) {
        kind = "HTTP " + s.status;
      } else if (s.sentMicros == 0) {
        kind = "not sent (client cap)";
      } else {
        kind = "failed: " + failure(s.error);
      }
      kinds.merge(kind, 1, Integer::sum);
      if (s.status == 202) {
        planned.add((s.doneMicros - s.intendedMicros) / 1000.0);
        answered.add((s.doneMicros - s.sentMicros) / 1000.0);
      }
      if (s.sentMicros > 0) {
        clientLag.add((s.sentMicros - s.intendedMicros) / 1000.0);
      }
    }
    double window = Math.max(1e-9, (lastDone - phase.firstIntendedMicros()) / 1e6);
    System.out.printf(
        Locale.ROOT,
        "%n== %s at %.0f events/s (%.0f s planned) ==%n"
            + "  planned %d, sent %d (%.0f/s; last sent %.1f s after the first was due); answered"
            + " 202 %d = %.0f/s over %.1f s (first due to last answer)%n"
            + "  answers: %s%n",
        title,
        rate,
        shots.size() / rate,
        shots.size(),
        sent,
        sent / Math.max(1e-9, (lastSent - phase.firstIntendedMicros()) / 1e6),
        (lastSent - phase.firstIntendedMicros()) / 1e6,
        ok.size(),
        ok.size() / window,
        window,
        kinds);
    printErrors(shots);
    System.out.println("  milliseconds                              " + Samples.header());
    System.out.println("  202 answer, from the planned send          " + planned.row());
    System.out.println("  202 answer, from the actual send           " + answered.row());
    System.out.println("  client lag (planned -> sent)               " + clientLag.row());
    return planned;
  }

  private static String failure(String error) {
    if (error == null) {
      return "unknown";
    }
    String head = error.contains(":") ? error.substring(0, error.indexOf(':')) : error;
    return head.substring(head.lastIndexOf('.') + 1);
  }

  /** Failed requests other than 202, grouped by their message with ids masked. */
  private static void printErrors(List<Shot> shots) {
    Map<String, Integer> errors = new LinkedHashMap<>();
    shots.stream()
        .filter(s -> s.error != null)
        .forEach(
            s ->
                errors.merge(
                    BenchService.abbreviate(s.error).replaceAll("[0-9a-z]{32}", "<key>"),
                    1,
                    Integer::sum));
    errors.entrySet().stream()
        .limit(8)
        .forEach(e -> System.out.printf("  error x%d: %s%n", e.getValue(), e.getKey()));
  }

  // --- the database's side ---

  /** Events of this run with their sequence number, and whether each is processed. */
  private Map<Long, Boolean> stored(long fromSeq, long toSeq) throws SQLException {
    Map<Long, Boolean> found = new HashMap<>();
    try (Connection c = DriverManager.getConnection(superuserUrl);
        PreparedStatement q =
            c.prepareStatement(
                "/* bench */ SELECT (payload->'custom_details'->>'bench_seq')::bigint,"
                    + " processed_at IS NOT NULL FROM alert_events"
                    + " WHERE payload->'custom_details'->>'bench_run' = ?"
                    + " AND (payload->'custom_details'->>'bench_seq')::bigint BETWEEN ? AND ?")) {
      q.setString(1, run);
      q.setLong(2, fromSeq);
      q.setLong(3, toSeq);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          found.merge(r.getLong(1), r.getBoolean(2), (a, b) -> a && b);
        }
      }
    }
    return found;
  }

  private long unprocessed() throws SQLException {
    try (Connection c = DriverManager.getConnection(superuserUrl);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "/* bench */ SELECT count(*) FROM alert_events WHERE processed_at IS NULL")) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * Waits until the processor has taken every event (bounded by {@code --drain-seconds}), printing
   * the backlog each second; then checks every 202'd event of the phase is stored and processed.
   */
  private void drainAndCheck(Phase phase, Backlog backlog) throws Exception {
    long lastSent = phase.shots().stream().mapToLong(s -> s.sentMicros).max().orElse(0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
    long left;
    while ((left = unprocessed()) > 0 && System.nanoTime() < deadline) {
      backlog.note(left);
      Thread.sleep(250);
    }
    backlog.note(left);
    backlog.stop();
    double drained = (Clocks.nowMicros() - lastSent) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "  processor backlog (unprocessed events, each second from the first send): %s%n"
            + "  backlog peak %d; %s%n",
        backlog.series(),
        backlog.peak(),
        left == 0
            ? String.format(Locale.ROOT, "drained %.1f s after the last send", drained)
            : left + " events still unprocessed " + drainSeconds + " s after the last send");
    check(phase);
  }

  /** Every 202'd event stored (and processed); events stored that were not answered 202. */
  private void check(Phase phase) throws SQLException {
    List<Shot> shots = phase.shots();
    long from = shots.stream().mapToLong(s -> s.seq).min().orElse(0);
    long to = shots.stream().mapToLong(s -> s.seq).max().orElse(-1);
    Map<Long, Boolean> stored = stored(from, to);
    long accepted = 0;
    long lost = 0;
    long unprocessedAccepted = 0;
    long storedNotAccepted = 0;
    for (Shot s : shots) {
      Boolean processed = stored.get(s.seq);
      if (s.status == 202) {
        accepted++;
        if (processed == null) {
          lost++;
        } else if (!processed) {
          unprocessedAccepted++;
        }
      } else if (processed != null) {
        storedNotAccepted++;
      }
    }
    System.out.printf(
        "  check: %d answered 202; %d of them NOT in alert_events (lost); %d stored but not yet"
            + " processed; %d stored although not answered 202 (%d rows of the run's sequence"
            + " numbers)%n",
        accepted, lost, unprocessedAccepted, storedNotAccepted, stored.size());
  }

  /** The processor's backlog sampled once a second on its own thread during a phase. */
  private final class Backlog {
    private final List<Long> samples = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;

    Backlog() {
      thread =
          new Thread(
              () -> {
                while (running) {
                  try {
                    note(unprocessed());
                    samples.add(peakSinceLast);
                    peakSinceLast = 0;
                    Thread.sleep(1_000);
                  } catch (InterruptedException e) {
                    return;
                  } catch (SQLException e) {
                    samples.add(-1L);
                  }
                }
              },
              "backlog-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    private volatile long peakSinceLast;

    void note(long value) {
      peak = Math.max(peak, value);
      peakSinceLast = Math.max(peakSinceLast, value);
    }

    void stop() throws InterruptedException {
      running = false;
      thread.interrupt();
      thread.join(5_000);
    }

    long peak() {
      return peak;
    }

    String series() {
      synchronized (samples) {
        return samples.toString();
      }
    }
  }

  // --- 2. new incidents to first SMS ---

  private void incidentPhases() throws Exception {
    if (warmupSeconds > 0) {
      Phase warm = openLoop(incidentRates.get(0), warmupSeconds, this::newIncident);
      awaitPages(warm, Duration.ofSeconds(120));
      System.out.printf(
          "%nwarm-up: %d new-key events at %.0f/s, %d accepted; not measured%n",
          warm.shots().size(), incidentRates.get(0), accepted(warm.shots()).size());
    }
    for (double rate : incidentRates) {
      if (saturated) {
        System.out.printf(
            "%n== new incidents at %.0f events/s: skipped (a lower rate already crossed"
                + " 1 s) ==%n",
            rate);
        continue;
      }
      Thread.sleep(3_000);
      MachineLoad.Snapshot before = bench.machine.snapshot();
      bench.statements.reset();
      Phase phase;
      Backlog backlog = new Backlog();
      try (WaitSampler waits = new WaitSampler(bench.direct, 250)) {
        phase = openLoop(rate, seconds, this::newIncident);
        awaitPages(phase, Duration.ofSeconds(drainSeconds));
        MachineLoad.Snapshot after = bench.machine.snapshot();
        reportAnswers("new incidents", rate, phase);
        saturated = reportPages(phase) > 1_000;
        System.out.println("  " + bench.machine.describe(before, after));
        waits.report().forEach(System.out::println);
        bench
            .statements
            .report(accepted(phase.shots()).size(), "incident")
            .forEach(System.out::println);
      }
      drainAndCheck(phase, backlog);
    }
  }

  /** The incident number each new key opened, by dedup key (only keys of {@code shots}). */
  private Map<String, Long> incidentNumbers(List<Shot> shots) throws SQLException {
    Map<String, Long> numbers = new HashMap<>();
    String[] keys = shots.stream().map(s -> s.dedupKey).toArray(String[]::new);
    try (Connection c = DriverManager.getConnection(superuserUrl);
        PreparedStatement q =
            c.prepareStatement(
                "/* bench */ SELECT a.dedup_key, i.number FROM alerts a JOIN incidents i"
                    + " ON i.tenant_id = a.tenant_id AND i.id = a.incident_id"
                    + " WHERE a.opened_incident AND a.dedup_key = ANY (?)")) {
      Array array = c.createArrayOf("text", keys);
      q.setArray(1, array);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          numbers.put(r.getString(1), r.getLong(2));
        }
      }
    }
    return numbers;
  }

  private Long page(Shot s, Map<String, Long> numbers) {
    Long number = numbers.get(s.dedupKey);
    return number == null ? null : bench.sink.firstPageMicros(s.target.slug(), number);
  }

  /** Waits until every accepted event's incident has an SMS at the sink, or the timeout. */
  private void awaitPages(Phase phase, Duration timeout) throws Exception {
    List<Shot> ok = accepted(phase.shots());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<String, Long> numbers = incidentNumbers(ok);
      long missing = ok.stream().filter(s -> page(s, numbers) == null).count();
      if (missing == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        System.out.printf(
            "  %d of %d accepted events had no SMS for their incident after %s%n",
            missing, ok.size(), timeout);
        return;
      }
      Thread.sleep(500);
    }
  }

  /** Skips the higher steps of a phase once one step is past the mark. */
  private boolean saturated;

  /** Prints the first SMS latency; returns its p99 from the planned send (infinite if unpaged). */
  private double reportPages(Phase phase) throws SQLException {
    List<Shot> ok = accepted(phase.shots());
    Map<String, Long> numbers = incidentNumbers(ok);
    Samples fromPlanned = new Samples();
    Samples fromAnswer = new Samples();
    long lastPage = 0;
    for (Shot s : ok) {
      Long page = page(s, numbers);
      if (page != null) {
        fromPlanned.add((page - s.intendedMicros) / 1000.0);
        fromAnswer.add((page - s.doneMicros) / 1000.0);
        lastPage = Math.max(lastPage, page);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "  incidents opened %d of %d accepted; first SMS at the sink for %d (%.0f/s, last %.1f s"
            + " after the first was due)%n",
        numbers.size(),
        ok.size(),
        fromPlanned.size(),
        fromPlanned.size() / Math.max(1e-9, (lastPage - phase.firstIntendedMicros()) / 1e6),
        (lastPage - phase.firstIntendedMicros()) / 1e6);
    System.out.println("  first SMS, from the planned send          " + fromPlanned.row());
    System.out.println("  first SMS, from the 202 answer            " + fromAnswer.row());
    return fromPlanned.size() < ok.size() || ok.isEmpty()
        ? Double.POSITIVE_INFINITY
        : fromPlanned.percentile(99);
  }

  // --- 3. /v2/enqueue sustained ---

  private void sustainedPhases() throws Exception {
    // One open alert per service: the key 90 % of the events repeat.
    Phase open = openLoop(50, targets.size() / 50.0, this::openAlert);
    if (accepted(open.shots()).size() != targets.size()) {
      throw new IllegalStateException("could not open one alert per service");
    }
    awaitPages(open, Duration.ofSeconds(120));
    System.out.printf("%nopened one alert on each of %d services%n", targets.size());
    if (warmupSeconds > 0) {
      Phase warm = openLoop(rates.get(0), warmupSeconds, this::repeatOrNew);
      System.out.printf(
          "warm-up: %d events at %.0f/s, %d accepted; not measured%n",
          warm.shots().size(), rates.get(0), accepted(warm.shots()).size());
      drainAndCheck(warm, new Backlog());
    }
    Map<Double, Double> p99s = new LinkedHashMap<>();
    Map<Double, Double> answered = new LinkedHashMap<>();
    saturated = false;
    for (double rate : rates) {
      if (saturated) {
        System.out.printf(
            "%n== /v2/enqueue sustained at %.0f events/s: skipped (a lower rate"
                + " already had p99 over 1 s or answered under 80 %% of what was offered) ==%n",
            rate);
        continue;
      }
      Thread.sleep(3_000);
      MachineLoad.Snapshot before = bench.machine.snapshot();
      bench.statements.reset();
      Phase phase;
      Backlog backlog = new Backlog();
      try (WaitSampler waits = new WaitSampler(bench.direct, 250)) {
        phase = openLoop(rate, seconds, this::repeatOrNew);
        MachineLoad.Snapshot after = bench.machine.snapshot();
        Samples latency = reportAnswers("/v2/enqueue sustained", rate, phase);
        p99s.put(rate, latency.percentile(99));
        long lastDone = phase.shots().stream().mapToLong(s -> s.doneMicros).max().orElse(0);
        answered.put(
            rate,
            accepted(phase.shots()).size()
                / Math.max(1e-9, (lastDone - phase.firstIntendedMicros()) / 1e6));
        saturated =
            !(latency.percentile(99) <= 1_000)
                || accepted(phase.shots()).size() < 0.8 * phase.shots().size();
        System.out.println("  " + bench.machine.describe(before, after));
        waits.report().forEach(System.out::println);
        bench
            .statements
            .report(accepted(phase.shots()).size(), "event")
            .forEach(System.out::println);
      }
      drainAndCheck(phase, backlog);
    }
    System.out.printf(
        "%n== sustained summary (pgbench single-row: %.0f tps) ==%n", pgbenchSingleRowTps);
    double best = 0;
    for (double rate : p99s.keySet()) {
      double p99 = p99s.get(rate);
      boolean meets = p99 < 100;
      System.out.printf(
          Locale.ROOT,
          "  offered %6.0f/s: answered 202 %6.0f/s, p99 %s ms%s; x%.2f of pgbench%n",
          rate,
          answered.get(rate),
          Samples.ms(p99),
          meets ? " (< 100 ms)" : "",
          answered.get(rate) / pgbenchSingleRowTps);
      if (meets) {
        best = Math.max(best, answered.get(rate));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "  highest 202 rate at p99 < 100 ms: %.0f events/s = %.2f x pgbench single-row tps"
            + " (aim >= 0.5)%n",
        best,
        best / pgbenchSingleRowTps);
  }

  private Shot openAlert(int i) {
    Shot shot = new Shot();
    shot.target = targets.get(i);
    shot.newKey = false;
    return shot;
  }

  // --- 4. overload ---

  private void overloadPhase() throws Exception {
    Thread.sleep(3_000);
    MachineLoad.Snapshot before = bench.machine.snapshot();
    Phase phase;
    Backlog backlog = new Backlog();
    try (WaitSampler waits = new WaitSampler(bench.direct, 250)) {
      phase = openLoop(overloadRate, overloadSeconds, this::repeatOrNew);
      MachineLoad.Snapshot after = bench.machine.snapshot();
      reportAnswers("overload", overloadRate, phase);
      System.out.println("  " + bench.machine.describe(before, after));
      waits.report().forEach(System.out::println);
    }
    drainAndCheck(phase, backlog);
  }
}
