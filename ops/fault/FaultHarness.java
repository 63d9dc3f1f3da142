import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault harness behind {@code ops/fault-harness.sh}: real processes on loopback (an external
 * PostgreSQL 15, service JVMs from switchboard.jar, provider stand-ins), one scenario after the
 * other, each on a fresh database. Prints one line per scenario with its figures and a last line
 * {@code N passed, M failed}; exits 0 only when all pass. Run with the service jar on the class
 * path (for Jackson and the PostgreSQL driver):
 *
 * <pre>java -cp service/target/switchboard.jar ops/fault/FaultHarness.java [--scenarios=a,b]</pre>
 */
public class FaultHarness {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final Pattern NUMBER = Pattern.compile("#(\\d+)");
  static final Pattern CODE = Pattern.compile("code:? ?(\\d{3} ?\\d{3})");
  static final String PASSWORD = "correct horse battery staple";

  static Path work;
  static Path jar;
  static Path standIn;
  static Path pgData;
  static int pgPort;
  static final List<Process> processes = new ArrayList<>();
  static final Random random = new Random(Long.getLong("harness.seed", 9L));

  record Result(String name, boolean passed, String figures) {}

  public static void main(String[] args) throws Exception {
    List<String> scenarios = List.of("node-crash", "db-restart", "provider-failure", "fuzz");
    for (String arg : args) {
      if (arg.startsWith("--scenarios=")) {
        scenarios = List.of(arg.substring(12).split(","));
      }
    }
    jar = Path.of(System.getProperty("harness.jar", "service/target/switchboard.jar")).toAbsolutePath();
    standIn = Path.of("ops/fault/ProviderStandIn.java").toAbsolutePath();
    work = Files.createTempDirectory("switchboard-faults");
    new File(work.toString()).setWritable(true, false);
    run("chmod", "755", work.toString());
    System.out.println("work directory " + work + " (logs of every process)");
    Runtime.getRuntime().addShutdownHook(new Thread(FaultHarness::stopAll));
    List<Result> results = new ArrayList<>();
    try {
      startPostgres();
      for (String scenario : scenarios) {
        long started = System.nanoTime();
        Result result;
        try {
          result =
              switch (scenario) {
                case "node-crash" -> nodeCrash();
                case "db-restart" -> dbRestart();
                case "provider-failure" -> providerFailure();
                case "fuzz" -> fuzz();
                default -> new Result(scenario, false, "unknown scenario");
              };
        } catch (Exception e) {
          result = new Result(scenario, false, "harness error: " + e);
          e.printStackTrace(System.err);
        } finally {
          stopServices();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf(
            "%-16s %s in %ds: %s%n",
            result.name(), result.passed() ? "PASS" : "FAIL", seconds, result.figures());
        results.add(result);
      }
    } finally {
      stopAll();
    }
    long passed = results.stream().filter(Result::passed).count();
    System.out.println(passed + " passed, " + (results.size() - passed) + " failed");
    System.exit(passed == results.size() && !results.isEmpty() ? 0 : 1);
  }

  // ---------------------------------------------------------------- scenarios

  /**
   * 3 nodes, 300 incidents whose 3-step policy pages by email; one node is killed with SIGKILL at
   * random moments, another halts itself through the fault switch between claim and send and
   * between send and record. Every intended message must reach the stand-in at least once and
   * every escalation must finish.
   */
  static Result nodeCrash() throws Exception {
    String db = createDatabase("node_crash");
    StandIn twilio = standIn("twilio-node-crash", 0, 0, 0);
    StandIn email = standIn("sendgrid-node-crash", 0, 0, 0);
    String faults = "halt-after-claim:0.01,halt-after-send:0.01";
    Node a = node("crash-a", db, twilio, email, "");
    Node b = node("crash-b", db, twilio, email, "");
    Node c = node("crash-c", db, twilio, email, faults);
    awaitHealthy(a, b, c);
    Client admin = Client.signup(a.base(), "Crash");
    String userEmail = admin.email;
    String method = admin.verifiedMethod(email, "email", userEmail);
    admin.rule(method);
    String service = admin.service("Checkout", admin.policy(3, 1));

    List<Node> nodes = List.of(a, b, c);
    int incidents = 300;
    AtomicInteger triggered = new AtomicInteger();
    AtomicInteger halted = new AtomicInteger();
    List<Long> kills = new java.util.concurrent.CopyOnWriteArrayList<>();
    long start = System.currentTimeMillis();
    long deadline = start + Duration.ofMinutes(7).toMillis();
    // Triggers at ~10/s over the nodes, falling back to node A (never killed) when one is down.
    ExecutorService load = Executors.newFixedThreadPool(4);
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < incidents; i++) {
      Node via = nodes.get(i % 3);
      String title = "crash " + i;
      sent.add(
          load.submit(
              () -> {
                for (Node node : List.of(via, a, a, a)) {
                  HttpResponse<String> r = admin.at(node.base()).triggerQuietly(service, title);
                  if (r != null && r.statusCode() == 201) {
                    triggered.incrementAndGet();
                    return;
                  }
                }
              }));
      Thread.sleep(100);
      if (i % 50 == 0) {
        maybeRestart(c, halted);
      }
    }
    // SIGKILL node B every 20-50 s for the first 3 minutes; node C halts on its own.
    long chaosEnd = start + Duration.ofMinutes(3).toMillis();
    long nextKill = System.currentTimeMillis() + random.nextInt(10_000);
    while (System.currentTimeMillis() < deadline) {
      long now = System.currentTimeMillis();
      if (now < chaosEnd && now >= nextKill) {
        b.kill();
        kills.add(System.currentTimeMillis());
        b.start();
        nextKill = now + 20_000 + random.nextInt(30_000);
      }
      maybeRestart(c, halted);
      if (now > chaosEnd
          && triggeredAll(sent)
          && allExhausted(db, incidents)
          && countUnsent(db) == 0) {
        break;
      }
      Thread.sleep(1000);
    }
    load.shutdownNow();
    List<Long> recoveries = new ArrayList<>();
    for (long killedAt : kills) {
      recoveries.add(recovery(db, killedAt));
    }
    Thread.sleep(2000);
    Delivery d = delivery(db, email.log(), "email");
    int exhausted = countWhere(db, "SELECT count(*) FROM escalations WHERE state = 'exhausted'");
    int escalations = countWhere(db, "SELECT count(*) FROM escalations");
    int expectedRows = incidents * 3;
    boolean passed =
        triggered.get() == incidents
            && d.rows == expectedRows
            && d.missing == 0
            && d.unsent == 0
            && exhausted == escalations
            && escalations == incidents;
    return new Result(
        "node-crash",
        passed,
        String.format(
            "%d incidents, %d of %d intended emails sent, %d missing, %d unsent, %d duplicates;"
                + " %d/%d escalations finished; %d SIGKILLs, %d fault-switch halts;"
                + " recovery after a kill (all messages due at the kill sent) max %d ms, %s",
            triggered.get(),
            d.sentRows,
            expectedRows,
            d.missing,
            d.unsent,
            d.duplicates,
            exhausted,
            escalations,
            kills.size(),
            halted.get(),
            recoveries.stream().mapToLong(Long::longValue).max().orElse(0),
            recoveries));
  }

  /**
   * 2 nodes under 5 triggers/s; PostgreSQL stopped for 20 s, then started. No 2xx for anything not
   * stored, all accepted incidents there after, and the second steps of incidents opened before
   * the outage, which fall due in the gap, fire once each.
   */
  static Result dbRestart() throws Exception {
    String db = createDatabase("db_restart");
    StandIn twilio = standIn("twilio-db-restart", 0, 0, 0);
    StandIn email = standIn("sendgrid-db-restart", 0, 0, 0);
    Node a = node("restart-a", db, twilio, email, "");
    Node b = node("restart-b", db, twilio, email, "");
    awaitHealthy(a, b);
    Client admin = Client.signup(a.base(), "Restart");
    String method = admin.verifiedMethod(email, "email", admin.email);
    admin.rule(method);
    String service = admin.service("Checkout", admin.policy(2, 1));

    // Batch A: opened ~45 s before the outage, so their second steps fall due inside it.
    List<String> early = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      HttpResponse<String> r = admin.trigger(service, "early " + i);
      if (r.statusCode() == 201) {
        early.add("early " + i);
      }
      Thread.sleep(200);
    }
    long outageAt = System.currentTimeMillis() + 45_000;
    Map<String, Integer> answers = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>(early);
    AtomicInteger otherErrors = new AtomicInteger();
    ExecutorService load = Executors.newFixedThreadPool(8);
    List<Future<?>> sent = new ArrayList<>();
    long loadEnd = outageAt + 40_000;
    int n = 0;
    boolean stopped = false;
    boolean restarted = false;
    long stoppedAt = 0;
    while (System.currentTimeMillis() < loadEnd) {
      long now = System.currentTimeMillis();
      if (!stopped && now >= outageAt) {
        stopPostgres();
        stopped = true;
        stoppedAt = now;
      }
      if (stopped && !restarted && now >= stoppedAt + 20_000) {
        startPostgresServer();
        restarted = true;
      }
      if (now >= outageAt - 15_000) {
        String title = "load " + n++;
        Node via = n % 2 == 0 ? a : b;
        sent.add(
            load.submit(
                () -> {
                  HttpResponse<String> r = admin.at(via.base()).triggerQuietly(service, title);
                  int status = r == null ? 0 : r.statusCode();
                  answers.merge(String.valueOf(status), 1, Integer::sum);
                  if (status / 100 == 2) {
                    accepted.add(title);
                  } else if (status != 503 && status != 0) {
                    otherErrors.incrementAndGet();
                  }
                }));
      }
      Thread.sleep(200);
    }
    for (Future<?> f : sent) {
      f.get(60, TimeUnit.SECONDS);
    }
    load.shutdown();
    // The steps of batch A fall due within the gap; wait until they have fired.
    awaitUntil(
        Duration.ofMinutes(3),
        () ->
            countWhere(
                    db,
                    "SELECT count(*) FROM notifications n JOIN incidents i"
                        + " ON i.tenant_id = n.tenant_id AND i.id = n.incident_id"
                        + " WHERE i.title LIKE 'early %' AND n.status IN ('sent','delivered')")
                >= early.size() * 2);
    Thread.sleep(3000);
    Set<String> stored = new TreeSet<>();
    try (Connection c = connect(db);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT title FROM incidents")) {
      while (rows.next()) {
        stored.add(rows.getString(1));
      }
    }
    int lost = 0;
    for (String title : accepted) {
      if (!stored.contains(title)) {
        lost++;
      }
    }
    Delivery d = delivery(db, email.log(), "email");
    Map<Integer, Integer> perEarly = new HashMap<>();
    int earlyTwice = 0;
    int earlyOther = 0;
    try (Connection c = connect(db);
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT i.number, count(n.*) FROM incidents i LEFT JOIN notifications n"
                    + " ON n.tenant_id = i.tenant_id AND n.incident_id = i.id"
                    + " WHERE i.title LIKE 'early %' GROUP BY i.number")) {
      while (rows.next()) {
        if (rows.getInt(2) == 2) {
          earlyTwice++;
        } else {
          earlyOther++;
        }
      }
    }
    int earlyDuplicates = 0;
    Set<Integer> earlyNumbers = d.earlyNumbers(db);
    for (var e : d.perIncidentSends.entrySet()) {
      if (earlyNumbers.contains(e.getKey()) && e.getValue() > 2) {
        earlyDuplicates += e.getValue() - 2;
      }
    }
    boolean passed =
        lost == 0
            && otherErrors.get() == 0
            && d.missing == 0
            && d.unsent == 0
            && earlyOther == 0
            && earlyTwice == early.size()
            && earlyDuplicates == 0
            && healthy(a)
            && healthy(b);
    return new Result(
        "db-restart",
        passed,
        String.format(
            "%d triggers in the window, answers %s; %d accepted, %d accepted but not stored;"
                + " %d non-503 errors; %d/%d incidents opened before the outage paged by both"
                + " steps once (%d duplicate sends); %d messages missing, %d unsent;"
                + " nodes healthy after: %s",
            n,
            new TreeMap<>(answers),
            accepted.size(),
            lost,
            otherErrors.get(),
            earlyTwice,
            early.size(),
            earlyDuplicates,
            d.missing,
            d.unsent,
            healthy(a) && healthy(b)));
  }

  /**
   * The Twilio stand-in fails 30 % of calls with 500 and lets 10 % time out. Each incident pages by
   * SMS with an email rule as fallback: every incident must reach its person by SMS or email.
   */
  static Result providerFailure() throws Exception {
    String db = createDatabase("provider_failure");
    StandIn twilio = standIn("twilio-provider-failure", 0, 0, 0);
    StandIn email = standIn("sendgrid-provider-failure", 0, 0, 0);
    Node a = node("provider-a", db, twilio, email, "", "-Ddw.notify.twilio.timeout=2s");
    awaitHealthy(a);
    Client admin = Client.signup(a.base(), "Provider");
    String sms = admin.verifiedMethod(twilio, "sms", "+15550107788");
    String mail = admin.verifiedMethod(email, "email", admin.email);
    admin.rule(sms);
    admin.ruleAfter(mail, 10);
    String service = admin.service("Checkout", admin.policy(1, 1));
    twilio.process.destroyForcibly().waitFor();
    twilio = standIn("twilio-provider-failure", 0.30, 0.10, 5000, twilio.port, twilio.log);

    int incidents = 100;
    Set<Integer> numbers = new TreeSet<>();
    for (int i = 0; i < incidents; i++) {
      HttpResponse<String> r = admin.trigger(service, "provider " + i);
      if (r.statusCode() == 201) {
        numbers.add(JSON.readTree(r.body()).path("incident").path("number").asInt());
      }
      Thread.sleep(100);
    }
    StandIn finalTwilio = twilio;
    awaitUntil(
        Duration.ofMinutes(4),
        () -> countUnsent(db) == 0 && reached(finalTwilio, email, numbers).size() == numbers.size());
    Set<Integer> reached = reached(twilio, email, numbers);
    Map<String, Integer> outcomes = new TreeMap<>();
    for (String line : Files.readAllLines(twilio.log)) {
      String[] f = line.split("\t", 5);
      if (f.length >= 4 && f[1].equals("sms") && !f[4].contains("verification code")) {
        outcomes.merge(f[3], 1, Integer::sum);
      }
    }
    int failedRows =
        countWhere(db, "SELECT count(*) FROM notifications WHERE channel = 'sms' AND status = 'failed'");
    int fallbackEmails =
        countWhere(db, "SELECT count(*) FROM notifications WHERE channel = 'email' AND status IN ('sent','delivered')");
    Delivery smsDelivery = delivery(db, twilio.log, "sms");
    int unsent = countUnsent(db);
    boolean passed = numbers.size() == incidents && reached.size() == incidents && unsent == 0;
    return new Result(
        "provider-failure",
        passed,
        String.format(
            "%d incidents, %d reached by SMS or email, %d dropped; Twilio stand-in answers %s;"
                + " %d SMS given up (failed) and %d fallback emails sent; %d duplicate SMS;"
                + " %d messages unsent",
            numbers.size(),
            reached.size(),
            numbers.size() - reached.size(),
            outcomes,
            failedRows,
            fallbackEmails,
            smsDelivery.duplicates,
            unsent));
  }

  /**
   * Every endpoint of the running jar (from Jersey's model of its resource classes) gets generated
   * bad input for a bounded time: no 5xx, no stack trace, the node healthy after.
   */
  static Result fuzz() throws Exception {
    String db = createDatabase("fuzz");
    StandIn twilio = standIn("twilio-fuzz", 0, 0, 0);
    StandIn email = standIn("sendgrid-fuzz", 0, 0, 0);
    Node a = node("fuzz-a", db, twilio, email, "");
    awaitHealthy(a);
    Client admin = Client.signup(a.base(), "Fuzz");
    List<String[]> endpoints = Fuzz.endpoints(jar);
    Fuzz.Outcome outcome = Fuzz.run(a.base(), admin.key, endpoints, Duration.ofSeconds(60), 7L);
    boolean healthy = healthy(a);
    long unanswered = outcome.problems().stream().filter(p -> p.contains("no answer")).count();
    boolean passed = outcome.problems().isEmpty() && healthy && endpoints.size() > 20;
    for (String problem : outcome.problems().stream().limit(10).toList()) {
      System.out.println("  fuzz: " + problem);
    }
    return new Result(
        "fuzz",
        passed,
        String.format(
            "%d endpoints, %d requests in 60 s, statuses %s; %d 5xx, %d without an answer, %d"
                + " bodies with a stack trace or no JSON error shape; healthy after: %s",
            endpoints.size(),
            outcome.requests(),
            outcome.statuses(),
            outcome.serverErrors(),
            unanswered,
            outcome.problems().size() - outcome.serverErrors() - unanswered,
            healthy));
  }

  // ---------------------------------------------------------------- checks

  static void maybeRestart(Node node, AtomicInteger restarts) throws IOException {
    if (!node.alive()) {
      restarts.incrementAndGet();
      node.start();
    }
  }

  static boolean triggeredAll(List<Future<?>> sent) {
    return sent.stream().allMatch(Future::isDone);
  }

  /**
   * Milliseconds from a kill until the last message that was due at that moment and not yet sent
   * was sent (0 when nothing was waiting).
   */
  static long recovery(String db, long killedAt) {
    double at = killedAt / 1000.0;
    return countWhere(
        db,
        "SELECT coalesce(ceil(extract(epoch FROM max(sent_at)) * 1000 - "
            + killedAt
            + ")::int, 0) FROM notifications WHERE due_at <= to_timestamp("
            + at
            + ") AND (sent_at IS NULL OR sent_at >= to_timestamp("
            + at
            + "))");
  }

  static final class Delivery {
    int rows;
    int sentRows;
    int unsent;
    int missing;
    int duplicates;
    Map<Integer, Integer> perIncidentSends = new HashMap<>();

    Set<Integer> earlyNumbers(String db) throws SQLException {
      Set<Integer> numbers = new TreeSet<>();
      try (Connection c = connect(db);
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT number FROM incidents WHERE title LIKE 'early %'")) {
        while (r.next()) {
          numbers.add(r.getInt(1));
        }
      }
      return numbers;
    }
  }

  /**
   * Compares the notifications rows of a channel to what the stand-in received: per incident, the
   * rows recorded as sent against the successful requests naming its number.
   */
  static Delivery delivery(String db, Path log, String channel) throws Exception {
    Delivery d = new Delivery();
    Map<Integer, Integer> sentRows = new HashMap<>();
    try (Connection c = connect(db);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT i.number, n.status FROM notifications n JOIN incidents i"
                    + " ON i.tenant_id = n.tenant_id AND i.id = n.incident_id"
                    + " WHERE n.channel = '"
                    + channel
                    + "'")) {
      while (r.next()) {
        d.rows++;
        String status = r.getString(2);
        if (status.equals("sent") || status.equals("delivered")) {
          d.sentRows++;
          sentRows.merge(r.getInt(1), 1, Integer::sum);
        } else if (status.equals("pending") || status.equals("sending") || status.equals("scheduled")) {
          d.unsent++;
        }
      }
    }
    for (String line : Files.readAllLines(log)) {
      String[] f = line.split("\t", 5);
      if (f.length < 5 || !f[1].equals(channel) || !f[3].equals("ok") || f[4].contains("verification code")) {
        continue;
      }
      Matcher m = NUMBER.matcher(subjectOrText(f[4]));
      while (m.find()) {
        d.perIncidentSends.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
      }
    }
    for (var e : sentRows.entrySet()) {
      int sends = d.perIncidentSends.getOrDefault(e.getKey(), 0);
      d.missing += Math.max(0, e.getValue() - sends);
      d.duplicates += Math.max(0, sends - e.getValue());
    }
    return d;
  }

  /** An email's record is "subject | text": its incident numbers are the subject's. */
  static String subjectOrText(String recorded) {
    int bar = recorded.indexOf(" | ");
    return bar < 0 ? recorded : recorded.substring(0, bar);
  }

  static Set<Integer> reached(StandIn twilio, StandIn email, Set<Integer> numbers) {
    Set<Integer> reached = new TreeSet<>();
    for (Path log : List.of(twilio.log, email.log)) {
      try {
        for (String line : Files.readAllLines(log)) {
          String[] f = line.split("\t", 5);
          if (f.length == 5 && f[3].equals("ok")) {
            Matcher m = NUMBER.matcher(subjectOrText(f[4]));
            while (m.find()) {
              int n = Integer.parseInt(m.group(1));
              if (numbers.contains(n)) {
                reached.add(n);
              }
            }
          }
        }
      } catch (IOException e) {
        // not written yet
      }
    }
    return reached;
  }

  static int countUnsent(String db) {
    return countWhere(
        db, "SELECT count(*) FROM notifications WHERE status IN ('pending', 'sending')");
  }

  /** Messages that were due at {@code since} and are still not sent. */
  static int countOverdue(String db, long since) {
    return countWhere(
        db,
        "SELECT count(*) FROM notifications WHERE status IN ('pending', 'sending')"
            + " AND due_at <= to_timestamp("
            + since / 1000.0
            + ")");
  }

  static boolean allExhausted(String db, int incidents) {
    return countWhere(db, "SELECT count(*) FROM escalations WHERE state = 'exhausted'") >= incidents;
  }

  static int countWhere(String db, String sql) {
    try (Connection c = connect(db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      return -1;
    }
  }

  // ---------------------------------------------------------------- PostgreSQL

  static void startPostgres() throws Exception {
    pgData = work.resolve("pg");
    Files.createDirectories(pgData);
    run("chown", "-R", "postgres:postgres", pgData.toString());
    pgPort = freePort();
    run(
        "runuser", "-u", "postgres", "--", pgBin("initdb"), "-D", pgData.toString(), "-U",
        "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
    startPostgresServer();
    try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT current_setting('fsync'), current_setting('synchronous_commit'),"
                    + " current_setting('full_page_writes'), current_setting('shared_buffers'),"
                    + " version()")) {
      r.next();
      System.out.printf(
          "PostgreSQL on 127.0.0.1:%d: fsync=%s synchronous_commit=%s full_page_writes=%s"
              + " shared_buffers=%s max_connections=300; %s; %d cores%n",
          pgPort, r.getString(1), r.getString(2), r.getString(3), r.getString(4),
          r.getString(5).replaceAll(" on .*", ""), Runtime.getRuntime().availableProcessors());
      s.execute("CREATE ROLE switchboard LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD 'switchboard'");
    }
  }

  static void startPostgresServer() throws Exception {
    run(
        "runuser", "-u", "postgres", "--", pgBin("pg_ctl"), "-D", pgData.toString(), "-w", "-t",
        "60", "-l", pgData.resolve("server.log").toString(), "-o",
        "-p " + pgPort + " -k " + pgData + " -c listen_addresses=127.0.0.1 -c max_connections=300",
        "start");
  }

  static void stopPostgres() throws Exception {
    run("runuser", "-u", "postgres", "--", pgBin("pg_ctl"), "-D", pgData.toString(), "-m", "fast",
        "-w", "stop");
  }

  static String createDatabase(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " OWNER switchboard");
    }
    return name;
  }

  static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection(url(db), "postgres", "");
  }

  static String url(String db) {
    return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + db;
  }

  static String pgBin(String tool) {
    for (String version : List.of("17", "16", "15")) {
      Path p = Path.of("/usr/lib/postgresql", version, "bin", tool);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return tool;
  }

  // ---------------------------------------------------------------- processes

  record StandIn(Process process, int port, Path log) {}

  static StandIn standIn(String name, double fail500, double timeout, long timeoutMillis)
      throws Exception {
    return standIn(name, fail500, timeout, timeoutMillis, freePort(), work.resolve(name + ".log"));
  }

  static StandIn standIn(
      String name, double fail500, double timeout, long timeoutMillis, int port, Path log)
      throws Exception {
    Process p =
        new ProcessBuilder(
                javaBin(), "-Xmx64m", standIn.toString(), String.valueOf(port), log.toString(),
                String.valueOf(fail500), String.valueOf(timeout), String.valueOf(timeoutMillis))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(name + ".out").toFile()))
            .start();
    processes.add(p);
    awaitUntil(Duration.ofSeconds(60), () -> listening(port));
    return new StandIn(p, port, log);
  }

  static final class Node {
    final String name;
    final List<String> command;
    final int port;
    Process process;

    Node(String name, List<String> command, int port) {
      this.name = name;
      this.command = command;
      this.port = port;
    }

    String base() {
      return "http://127.0.0.1:" + port;
    }

    boolean alive() {
      return process.isAlive();
    }

    void start() throws IOException {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(name + ".log").toFile()))
              .start();
      processes.add(process);
    }

    /** SIGKILL, as {@code kill -9}. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }

    void restart() throws Exception {
      if (process.isAlive()) {
        kill();
      }
      start();
      awaitHealthy(this);
    }
  }

  static Node node(String name, String db, StandIn twilio, StandIn email, String faults, String... extra)
      throws IOException {
    int port = freePort();
    int admin = freePort();
    Path data = work.resolve(name + "-data");
    Files.createDirectories(data);
    List<String> command = new ArrayList<>();
    command.add(javaBin());
    command.add("-Xmx384m");
    if (!faults.isEmpty()) {
      command.add("-Dswitchboard.faults=" + faults);
    }
    command.addAll(
        List.of(
            "-Ddw.server.applicationConnectors[0].port=" + port,
            "-Ddw.server.adminConnectors[0].port=" + admin,
            "-Ddw.dataDirectory=" + data,
            "-Ddw.database.url=jdbc:postgresql://127.0.0.1:" + pgPort + "/" + db,
            "-Ddw.database.user=switchboard",
            "-Ddw.database.password=switchboard",
            "-Ddw.database.maxWaitForConnection=2s",
            "-Ddw.database.maxSize=16",
            "-Ddw.jobs.databaseConnections=8",
            "-Ddw.notify.databaseConnections=6",
            "-Ddw.notify.twilio.accountSid=AC00000000000000000000000000000000",
            "-Ddw.notify.twilio.authToken=harness-token",
            "-Ddw.notify.twilio.fromNumber=+15550100000",
            "-Ddw.notify.twilio.apiBaseUrl=http://127.0.0.1:" + twilio.port(),
            "-Ddw.notify.sendgrid.apiKey=SG.harness",
            "-Ddw.notify.sendgrid.fromAddress=pager@switchboard.test",
            "-Ddw.notify.sendgrid.host=127.0.0.1:" + email.port(),
            "-Ddw.notify.smsMinInterval=1ms",
            "-Ddw.notify.smsBurst=100",
            "-Ddw.logging.level=WARN"));
    command.addAll(List.of(extra));
    command.addAll(List.of("-jar", jar.toString()));
    Node node = new Node(name, command, port);
    node.start();
    return node;
  }

  static void awaitHealthy(Node... nodes) throws Exception {
    for (Node node : nodes) {
      awaitUntil(
          Duration.ofMinutes(3),
          () -> {
            if (!node.alive()) {
              throw new IllegalStateException(node.name + " exited; see its log in " + work);
            }
            return healthy(node);
          });
    }
  }

  static boolean healthy(Node node) {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(node.base() + "/health"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (Exception e) {
      return false;
    }
  }

  static void stopServices() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }

  static synchronized void stopAll() {
    stopServices();
    if (pgData != null && Files.exists(pgData.resolve("postmaster.pid"))) {
      try {
        stopPostgres();
        run("rm", "-rf", pgData.toString());
      } catch (Exception e) {
        System.err.println("stopping PostgreSQL failed: " + e);
      }
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static void run(String... command) throws Exception {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("commands.log").toFile()))
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed; see commands.log");
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void awaitUntil(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(250);
    }
  }

  // ---------------------------------------------------------------- API client

  static final class Client {
    final String base;
    final String key;
    final String email;
    final String userId;

    Client(String base, String key, String email, String userId) {
      this.base = base;
      this.key = key;
      this.email = email;
      this.userId = userId;
    }

    Client at(String otherBase) {
      return new Client(otherBase, key, email, userId);
    }

    static Client signup(String base, String organization) throws Exception {
      String slug = organization.toLowerCase() + "-" + System.nanoTime() % 100000;
      String email = "owner@" + slug + ".test";
      HttpResponse<String> r =
          send(
              base, "POST", "/api/v1/signup", null, null,
              Map.of("organization", organization, "slug", slug, "name", "Owner", "email", email,
                  "password", PASSWORD));
      expect(r, 201, "signup");
      JsonNode body = JSON.readTree(r.body());
      String cookie =
          r.headers().allValues("Set-Cookie").stream()
              .filter(h -> h.startsWith("sb_session="))
              .map(h -> h.substring(0, h.indexOf(';') < 0 ? h.length() : h.indexOf(';')))
              .findFirst()
              .orElseThrow();
      HttpResponse<String> key =
          send(
              base, "POST", "/api/v1/api-keys", cookie, body.path("csrfToken").asText(),
              Map.of("name", "harness", "role", "admin"));
      expect(key, 201, "api key");
      return new Client(
          base, JSON.readTree(key.body()).path("token").asText(), email,
          body.path("user").path("id").asText());
    }

    HttpResponse<String> post(String path, Object body) throws Exception {
      return send(base, "POST", path, null, key, body);
    }

    HttpResponse<String> trigger(String service, String title) throws Exception {
      return post(
          "/api/v1/incidents", Map.of("serviceId", service, "title", title, "urgency", "high"));
    }

    HttpResponse<String> triggerQuietly(String service, String title) {
      try {
        return trigger(service, title);
      } catch (Exception e) {
        return null;
      }
    }

    /** Adds and verifies a contact method with the code the stand-in received. */
    String verifiedMethod(StandIn provider, String channel, String address) throws Exception {
      HttpResponse<String> added =
          post(
              "/api/v1/users/" + userId + "/contact-methods",
              Map.of("channel", channel, "address", address));
      expect(added, 201, "contact method");
      JsonNode method = JSON.readTree(added.body()).path("method");
      String id = method.path("id").asText();
      if (method.path("verifiedAt").isTextual()) {
        return id;
      }
      String[] code = new String[1];
      awaitUntil(
          Duration.ofSeconds(30),
          () -> {
            try {
              for (String line : Files.readAllLines(provider.log())) {
                String[] f = line.split("\t", 5);
                if (f.length == 5 && f[2].equals(address)) {
                  Matcher m = CODE.matcher(f[4]);
                  if (m.find()) {
                    code[0] = m.group(1).replace(" ", "");
                  }
                }
              }
            } catch (IOException e) {
              return false;
            }
            return code[0] != null;
          });
      if (code[0] == null) {
        throw new IllegalStateException("no verification code reached the stand-in for " + address);
      }
      HttpResponse<String> verified =
          post(
              "/api/v1/users/" + userId + "/contact-methods/" + id + "/verify",
              Map.of("code", code[0]));
      expect(verified, 200, "verify");
      return id;
    }

    void rule(String method) throws Exception {
      ruleAfter(method, 0);
    }

    void ruleAfter(String method, int minutes) throws Exception {
      expect(
          post(
              "/api/v1/users/" + userId + "/notification-rules",
              Map.of("contactMethodId", method, "urgency", "high", "delayMinutes", minutes)),
          201,
          "rule");
    }

    /** A policy of {@code steps} steps, each paging the owner, {@code delay} minutes apart. */
    String policy(int steps, int delay) throws Exception {
      List<Map<String, Object>> body = new ArrayList<>();
      for (int i = 0; i < steps; i++) {
        body.add(
            Map.of(
                "delayMinutes", delay,
                "targets", List.of(Map.of("type", "user", "id", userId))));
      }
      HttpResponse<String> r =
          post(
              "/api/v1/escalation-policies",
              Map.of("name", "harness " + steps, "repeatCount", 0, "steps", body));
      expect(r, 201, "policy");
      return JSON.readTree(r.body()).path("id").asText();
    }

    String service(String name, String policy) throws Exception {
      HttpResponse<String> team =
          post("/api/v1/teams", Map.of("name", name + " team", "kind", "engineering"));
      expect(team, 201, "team");
      HttpResponse<String> service =
          post(
              "/api/v1/services",
              Map.of(
                  "name", name, "description", "",
                  "teamId", JSON.readTree(team.body()).path("id").asText()));
      expect(service, 201, "service");
      String id = JSON.readTree(service.body()).path("id").asText();
      expect(
          send(
              base, "PUT", "/api/v1/services/" + id + "/escalation-policy", null, key,
              Map.of("policyId", policy)),
          200,
          "service policy");
      return id;
    }

    static HttpResponse<String> send(
        String base, String method, String path, String cookie, String keyOrCsrf, Object body)
        throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      if (cookie != null) {
        request.header("Cookie", cookie);
        request.header("X-CSRF-Token", keyOrCsrf);
      } else if (keyOrCsrf != null) {
        request.header("Authorization", "Bearer " + keyOrCsrf);
      }
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void expect(HttpResponse<String> r, int status, String what) {
      if (r.statusCode() != status) {
        throw new IllegalStateException(what + ": " + r.statusCode() + " " + r.body());
      }
    }
  }

  // ---------------------------------------------------------------- fuzz

  static final class Fuzz {
    record Outcome(int requests, int serverErrors, Map<Integer, Integer> statuses, List<String> problems) {}

    /** Every resource method of the jar's {@code @Path} classes, with its full template. */
    static List<String[]> endpoints(Path jar) throws Exception {
      List<String[]> endpoints = new ArrayList<>();
      Set<String> seen = new TreeSet<>();
      try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
        for (var entries = file.entries(); entries.hasMoreElements(); ) {
          String name = entries.nextElement().getName();
          if (!name.startsWith("com/switchboard/") || !name.endsWith("Resource.class")) {
            continue;
          }
          Class<?> type =
              Class.forName(name.replace('/', '.').replace(".class", ""), false,
                  FaultHarness.class.getClassLoader());
          if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
            collect(org.glassfish.jersey.server.model.Resource.from(type), "/api", endpoints, seen);
          }
        }
      }
      return endpoints;
    }

    static void collect(
        org.glassfish.jersey.server.model.Resource resource, String prefix, List<String[]> out,
        Set<String> seen) {
      String path = resource.getPath() == null ? prefix
          : prefix.replaceAll("/$", "") + "/" + resource.getPath().replaceAll("^/", "");
      for (var method : resource.getResourceMethods()) {
        if (seen.add(method.getHttpMethod() + " " + path)) {
          out.add(new String[] {method.getHttpMethod(), path});
        }
      }
      for (var child : resource.getChildResources()) {
        collect(child, path, out, seen);
      }
    }

    static final List<String> IDS =
        List.of("0", "-1", "x", "99999999999999999999999", "%27%20OR%201%3D1", "%FF%FE", "%00",
            "%3Cscript%3E", "a".repeat(2000), "00000000-0000-0000-0000-000000000000");
    static final List<String> QUERIES =
        List.of("limit=-1", "limit=99999999999999999999", "before=x&status=nope", "at=%00&from=1e999",
            "address=%27--&channel=%3Cx%3E");
    static final List<String> TYPES =
        List.of("application/json", "text/plain", "application/x-www-form-urlencoded",
            "application/json; charset=bogus");

    static Outcome run(String base, String key, List<String[]> endpoints, Duration budget, long seed) {
      Random r = new Random(seed);
      Map<Integer, Integer> statuses = new TreeMap<>();
      List<String> problems = new ArrayList<>();
      int requests = 0;
      int serverErrors = 0;
      long end = System.nanoTime() + budget.toNanos();
      while (System.nanoTime() < end) {
        for (String[] endpoint : endpoints) {
          if (System.nanoTime() >= end) {
            break;
          }
          String path = endpoint[1].replaceAll("\\{[^}]+}", IDS.get(r.nextInt(IDS.size())));
          if (r.nextBoolean()) {
            path += "?" + QUERIES.get(r.nextInt(QUERIES.size()));
          }
          byte[] body = body(r);
          HttpRequest.Builder request =
              HttpRequest.newBuilder(URI.create(base + path))
                  .timeout(Duration.ofSeconds(30))
                  .method(endpoint[0], HttpRequest.BodyPublishers.ofByteArray(body))
                  .header("Content-Type", TYPES.get(r.nextInt(TYPES.size())));
          if (r.nextInt(3) > 0) {
            request.header("Authorization", "Bearer " + key);
          }
          try {
            HttpResponse<String> reply;
            try {
              reply = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
              // A kept-alive connection the server closed after refusing an unread body: clients
              // send again on a fresh connection, and so does this.
              if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                throw e;
              }
              reply = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            requests++;
            statuses.merge(reply.statusCode(), 1, Integer::sum);
            String text = reply.body();
            if (reply.statusCode() >= 500) {
              serverErrors++;
              problems.add(endpoint[0] + " " + path + " -> " + reply.statusCode() + " " + abbreviate(text));
            } else if (text.contains("at com.") || text.contains("Exception")) {
              problems.add(endpoint[0] + " " + path + " -> stack trace: " + abbreviate(text));
            } else if (reply.statusCode() >= 400
                && !text.contains("\"error\"")
                && !pagerDutyShaped(path, reply.statusCode(), text)) {
              problems.add(endpoint[0] + " " + path + " -> no JSON error: " + abbreviate(text));
            }
          } catch (Exception e) {
            problems.add(endpoint[0] + " " + abbreviate(path) + " -> no answer: " + e);
          }
        }
      }
      return new Outcome(requests, serverErrors, statuses, problems);
    }

    /**
     * The inbound event endpoints answer a bad event in PagerDuty's documented shape (status
     * "invalid event" and its errors), which monitoring tools parse, instead of ours; FuzzTest
     * accepts the same.
     */
    static boolean pagerDutyShaped(String path, int status, String text) {
      return path.startsWith("/api/v1/integrations/")
          && status == 400
          && text.contains("\"status\":\"invalid event\"")
          && text.contains("\"errors\":[\"");
    }

    static byte[] body(Random r) {
      String injection = "'; DROP TABLE users; -- <img src=x onerror=alert(1)> ${jndi:ldap://x}";
      String text =
          switch (r.nextInt(10)) {
            case 0 -> "";
            case 1 -> "{";
            case 2 -> "{\"a\":".repeat(3000);
            case 3 -> "[".repeat(5000);
            case 4 -> "{\"limit\":1e999999,\"delayMinutes\":123456789012345678901234567890}";
            case 5 -> "{\"name\":\"" + "x".repeat(70_000) + "\"}";
            case 6 -> "{\"name\":123,\"title\":[],\"urgency\":{},\"email\":true,\"serviceId\":\""
                + injection + "\"}";
            case 7 -> "{\"name\":\"" + injection + "\",\"title\":\"" + injection + "\",\"email\":\""
                + injection + "\",\"address\":\"" + injection + "\"}";
            case 8 -> null;
            default -> "null";
          };
      if (text == null) {
        byte[] noise = new byte[1 + r.nextInt(200)];
        r.nextBytes(noise);
        return noise;
      }
      return text.getBytes(StandardCharsets.UTF_8);
    }

    static String abbreviate(String text) {
      String flat = text.replaceAll("\\s+", " ");
      return flat.length() > 140 ? flat.substring(0, 140) + "…" : flat;
    }
  }
}
