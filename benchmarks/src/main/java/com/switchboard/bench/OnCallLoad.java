package com.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.SwitchboardApplication;
import com.switchboard.SwitchboardConfiguration;
import com.switchboard.auth.AuthMethod;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.platform.db.ColumnTypes;
import com.switchboard.platform.db.EmbeddedPostgresServer;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.db.WireEnums;
import com.switchboard.schedule.OnCallService;
import com.switchboard.schedule.ScheduleDao;
import com.switchboard.schedule.ScheduleViews.TenantOnCall;
import com.switchboard.schedule.ShiftCalculator;
import com.switchboard.team.TeamKind;
import com.switchboard.tenant.TenantId;
import com.switchboard.user.UserDao;
import com.switchboard.user.UserId;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * End-to-end load harness for "who is on call now" across a tenant ({@code GET /api/v1/oncall}).
 *
 * <p>Starts a throwaway embedded PostgreSQL and the whole service in this JVM, the way the
 * service's tests do ({@code TestDatabase}, {@code TestApp}); signs up a tenant through the API;
 * inserts the schedules, layers and overrides directly with JDBC inside the tenant's
 * row-level-security scope; then times sequential GETs over loopback after a warm-up, for the whole
 * tenant and for one team. Afterwards it splits one answer's time into SQL, the service method
 * (SQL, row mapping, model building, {@link ShiftCalculator}) and JSON, by calling those pieces
 * directly.
 *
 * <p>Every loop is bounded; the harness stops the service and the database and exits by itself.
 * Options (all optional): {@code --schedules=5000 --team-size=50 --warmup=10 --runs=30 --seed=4}.
 * Run it with {@code ops/bench-oncall.sh}.
 */
public final class OnCallLoad {
  private static final List<String> ZONES =
      List.of(
          "America/New_York",
          "America/Los_Angeles",
          "Europe/Berlin",
          "Europe/London",
          "Asia/Kolkata",
          "Australia/Lord_Howe",
          "UTC");
  private static final String[] DAYS = {
    "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"
  };
  private static final String OFF_HOURS =
      "[{\"startDay\":\"MONDAY\",\"startTime\":\"18:00\",\"endDay\":\"TUESDAY\",\"endTime\":\"09:00\"},"
          + "{\"startDay\":\"TUESDAY\",\"startTime\":\"18:00\",\"endDay\":\"WEDNESDAY\",\"endTime\":\"09:00\"},"
          + "{\"startDay\":\"WEDNESDAY\",\"startTime\":\"18:00\",\"endDay\":\"THURSDAY\",\"endTime\":\"09:00\"},"
          + "{\"startDay\":\"THURSDAY\",\"startTime\":\"18:00\",\"endDay\":\"FRIDAY\",\"endTime\":\"09:00\"},"
          + "{\"startDay\":\"FRIDAY\",\"startTime\":\"18:00\",\"endDay\":\"MONDAY\",\"endTime\":\"09:00\"}]";
  private static final String BUSINESS_HOURS =
      "[{\"startDay\":\"MONDAY\",\"startTime\":\"09:00\",\"endDay\":\"MONDAY\",\"endTime\":\"17:00\"},"
          + "{\"startDay\":\"TUESDAY\",\"startTime\":\"09:00\",\"endDay\":\"TUESDAY\",\"endTime\":\"17:00\"},"
          + "{\"startDay\":\"WEDNESDAY\",\"startTime\":\"09:00\",\"endDay\":\"WEDNESDAY\",\"endTime\":\"17:00\"},"
          + "{\"startDay\":\"THURSDAY\",\"startTime\":\"09:00\",\"endDay\":\"THURSDAY\",\"endTime\":\"17:00\"},"
          + "{\"startDay\":\"FRIDAY\",\"startTime\":\"09:00\",\"endDay\":\"FRIDAY\",\"endTime\":\"17:00\"}]";

  private final int schedules;
  private final int teamSize;
  private final int warmup;
  private final int runs;
  private final Random random;

  private OnCallLoad(Map<String, String> options) {
    this.schedules = Integer.parseInt(options.getOrDefault("schedules", "5000"));
    this.teamSize = Integer.parseInt(options.getOrDefault("team-size", "50"));
    this.warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
    this.runs = Integer.parseInt(options.getOrDefault("runs", "30"));
    this.random = new Random(Long.parseLong(options.getOrDefault("seed", "4")));
    if (schedules < 1 || teamSize < 1 || warmup < 0 || runs < 1 || runs > 10_000) {
      throw new IllegalArgumentException("schedules, team-size, runs >= 1; warmup >= 0");
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("options look like --runs=30, not " + arg);
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    int status = 1;
    try {
      new OnCallLoad(options).run();
      status = 0;
    } finally {
      // Jetty, the pool and the JDK HTTP client leave non-daemon threads behind.
      System.exit(status);
    }
  }

  private void run() throws Exception {
    System.out.printf(
        "machine: %d CPUs, %s %s, JVM %s (%s), max heap %d MB%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.vm.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
    Path dataDirectory = Files.createTempDirectory("switchboard-bench-pg");
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory, 0);
    DropwizardTestSupport<SwitchboardConfiguration> app = null;
    try {
      DatabaseSettings.print(postgres);
      app = startService(postgres);
      measure(app, postgres);
    } finally {
      if (app != null) {
        app.after();
      }
      postgres.stop();
      deleteQuietly(dataDirectory);
    }
  }

  private static DropwizardTestSupport<SwitchboardConfiguration> startService(
      EmbeddedPostgresServer postgres) throws IOException {
    Path config = Files.createTempFile("switchboard-bench", ".yml");
    try (InputStream in = OnCallLoad.class.getResourceAsStream("/bench-config.yml")) {
      Files.write(config, in.readAllBytes());
    }
    config.toFile().deleteOnExit();
    DropwizardTestSupport<SwitchboardConfiguration> app =
        new DropwizardTestSupport<>(
            SwitchboardApplication.class,
            config.toString(),
            ConfigOverride.config("database.url", postgres.jdbcUrl()),
            ConfigOverride.config("database.user", EmbeddedPostgresServer.APP_ROLE),
            ConfigOverride.config("database.password", EmbeddedPostgresServer.APP_ROLE));
    try {
      app.before();
    } catch (Exception e) {
      throw new IllegalStateException("could not start Switchboard", e);
    }
    return app;
  }

  private void measure(
      DropwizardTestSupport<SwitchboardConfiguration> app, EmbeddedPostgresServer pg)
      throws Exception {
    String base = "http://127.0.0.1:" + app.getLocalPort();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ObjectMapper json = app.getObjectMapper();

    Login owner = signup(http, json, base);
    long started = System.nanoTime();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Seeded seeded = seed(pg, owner, now);
    System.out.printf(
        "seeded tenant %s: %d users, %d teams, %d schedules, %d layer rows (%d in force now),"
            + " %d overrides (%d in force now) in %.1f s%n",
        owner.tenantId,
        seeded.users,
        seeded.teams.size(),
        schedules,
        seeded.layers,
        seeded.layersInForce,
        seeded.overrides,
        seeded.overridesInForce,
        (System.nanoTime() - started) / 1e9);

    String team = seeded.teams.get(0).toString();
    Result all = time(http, json, base + "/api/v1/oncall", owner, schedules, false);
    Result zipped = time(http, json, base + "/api/v1/oncall", owner, schedules, true);
    Result one = time(http, json, base + "/api/v1/oncall?teamId=" + team, owner, teamSize, false);
    System.out.println();
    System.out.printf(
        "%-34s %7s %7s %7s %7s %9s %9s %8s%n",
        "GET (sequential, loopback)", "median", "p90", "max", "min", "bytes", "gzip", "on call");
    all.print("/api/v1/oncall (" + schedules + " schedules)");
    zipped.print("  the same, Accept-Encoding: gzip");
    one.print("/api/v1/oncall?teamId= (" + teamSize + ")");

    breakdown(app, pg, json, owner, now);
  }

  // --- the tenant and its data ---

  private record Login(String tenantId, String userId, String cookie) {}

  private static Login signup(HttpClient http, ObjectMapper json, String base) throws Exception {
    String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] body =
        json.writeValueAsBytes(
            Map.of(
                "organization", "Benchmark Org",
                "slug", slug,
                "name", "Bench Owner",
                "email", "owner@" + slug + ".test",
                "password", "correct horse battery staple"));
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (reply.statusCode() != 201) {
      throw new IllegalStateException("signup failed: " + reply.statusCode() + " " + reply.body());
    }
    JsonNode tree = json.readTree(reply.body());
    String cookie =
        reply.headers().allValues("Set-Cookie").stream()
            .filter(h -> h.startsWith("sb_session="))
            .map(h -> h.substring("sb_session=".length(), h.indexOf(';')))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no session cookie after signup"));
    return new Login(
        tree.path("tenant").path("id").asText(), tree.path("user").path("id").asText(), cookie);
  }

  private static final class Seeded {
    int users;
    final List<UUID> teams = new ArrayList<>();
    int layers;
    int layersInForce;
    int overrides;
    int overridesInForce;
  }

  /**
   * Users, teams of {@code teamSize} schedules, schedules of 1 to 3 layers (every turn kind, a
   * third of the upper layers restricted, one position in ten with an ended earlier version) and 0
   * to 3 overrides each around now, in one transaction inside the tenant's scope.
   */
  private Seeded seed(EmbeddedPostgresServer pg, Login owner, Instant now) throws SQLException {
    Seeded seeded = new Seeded();
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(pg.jdbcUrl());
    source.setUser(EmbeddedPostgresServer.APP_ROLE);
    source.setPassword(EmbeddedPostgresServer.APP_ROLE);
    source.setReWriteBatchedInserts(true);
    UUID tenant = UUID.fromString(owner.tenantId);
    UUID ownerId = UUID.fromString(owner.userId);
    Timestamp created = Timestamp.from(now.minus(Duration.ofDays(400)));
    try (Connection c = source.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement scope =
          c.prepareStatement("SELECT set_config('switchboard.tenant_id', ?, true)")) {
        scope.setString(1, owner.tenantId);
        scope.executeQuery().close();
      }
      List<UUID> users = new ArrayList<>();
      users.add(ownerId);
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO users (tenant_id, id, email, name, password_hash, role, time_zone,"
                  + " created_at, updated_at) VALUES (?, ?, ?, ?, 'x', 'responder', ?, ?, ?)")) {
        for (int i = 1; i < 60; i++) {
          UUID id = UUID.randomUUID();
          users.add(id);
          insert.setObject(1, tenant);
          insert.setObject(2, id);
          insert.setString(3, "responder" + i + "@bench.test");
          insert.setString(4, "Responder " + i);
          insert.setString(5, ZONES.get(i % ZONES.size()));
          insert.setTimestamp(6, created);
          insert.setTimestamp(7, created);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      seeded.users = users.size();

      int teamCount = (schedules + teamSize - 1) / teamSize;
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO teams (tenant_id, id, name, kind, created_at) VALUES (?, ?, ?, ?, ?)")) {
        for (int t = 0; t < teamCount; t++) {
          UUID id = UUID.randomUUID();
          seeded.teams.add(id);
          insert.setObject(1, tenant);
          insert.setObject(2, id);
          insert.setString(3, String.format(Locale.ROOT, "Team %04d", t));
          insert.setString(4, t % 5 == 4 ? "support" : "engineering");
          insert.setTimestamp(5, created);
          insert.addBatch();
        }
        insert.executeBatch();
      }

      try (PreparedStatement schedule =
              c.prepareStatement(
                  "INSERT INTO schedules (tenant_id, id, name, time_zone, team_id, created_at,"
                      + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement layer =
              c.prepareStatement(
                  "INSERT INTO schedule_layers (tenant_id, id, schedule_id, position, name,"
                      + " starts_at, ends_at, turn_kind, turn_count, handoff_day, handoff_time,"
                      + " participants, restrictions, replaces_id, created_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)");
          PreparedStatement override =
              c.prepareStatement(
                  "INSERT INTO schedule_overrides (tenant_id, id, schedule_id, user_id, starts_at,"
                      + " ends_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int s = 0; s < schedules; s++) {
          UUID scheduleId = UUID.randomUUID();
          schedule.setObject(1, tenant);
          schedule.setObject(2, scheduleId);
          schedule.setString(3, String.format(Locale.ROOT, "Schedule %05d", s));
          schedule.setString(4, ZONES.get(random.nextInt(ZONES.size())));
          schedule.setObject(5, seeded.teams.get(s / teamSize));
          schedule.setTimestamp(6, created);
          schedule.setTimestamp(7, created);
          schedule.addBatch();

          int layerCount = 1 + random.nextInt(3);
          for (int p = 0; p < layerCount; p++) {
            Instant start = now.minus(Duration.ofMinutes(random.nextInt(300 * 24 * 60)));
            UUID replaces = null;
            if (random.nextInt(10) == 0) {
              replaces = UUID.randomUUID();
              addLayer(
                  layer,
                  c,
                  tenant,
                  replaces,
                  scheduleId,
                  p,
                  start.minus(Duration.ofDays(90)),
                  start,
                  null,
                  users,
                  seeded);
            }
            addLayer(
                layer,
                c,
                tenant,
                UUID.randomUUID(),
                scheduleId,
                p,
                start,
                null,
                replaces,
                users,
                seeded);
            seeded.layersInForce++;
          }

          int overrideCount = random.nextInt(4);
          for (int o = 0; o < overrideCount; o++) {
            Instant start =
                now.plus(Duration.ofMinutes(random.nextInt(20 * 24 * 60) - 10 * 24 * 60));
            Instant end = start.plus(Duration.ofMinutes(30L * (4 + random.nextInt(140))));
            override.setObject(1, tenant);
            override.setObject(2, UUID.randomUUID());
            override.setObject(3, scheduleId);
            override.setObject(4, users.get(random.nextInt(users.size())));
            override.setTimestamp(5, Timestamp.from(start));
            override.setTimestamp(6, Timestamp.from(end));
            override.setObject(7, ownerId);
            override.setTimestamp(8, Timestamp.from(now));
            override.addBatch();
            seeded.overrides++;
            if (!start.isAfter(now) && end.isAfter(now)) {
              seeded.overridesInForce++;
            }
          }
          if (s % 500 == 499) {
            schedule.executeBatch();
            layer.executeBatch();
            override.executeBatch();
          }
        }
        schedule.executeBatch();
        layer.executeBatch();
        override.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
      try (Statement analyze = c.createStatement()) {
        // What autovacuum would soon do on a real server; keeps the plans those of steady state.
        analyze.execute("ANALYZE");
      }
    }
    return seeded;
  }

  private void addLayer(
      PreparedStatement layer,
      Connection c,
      UUID tenant,
      UUID id,
      UUID scheduleId,
      int position,
      Instant start,
      Instant end,
      UUID replaces,
      List<UUID> users,
      Seeded seeded)
      throws SQLException {
    int kind = random.nextInt(4);
    UUID[] participants = new UUID[2 + random.nextInt(7)];
    for (int i = 0; i < participants.length; i++) {
      participants[i] = users.get(random.nextInt(users.size()));
    }
    Array array = c.createArrayOf("uuid", participants);
    String restrictions = "[]";
    if (position > 0) {
      int r = random.nextInt(6);
      restrictions = r < 2 ? OFF_HOURS : r == 2 ? BUSINESS_HOURS : "[]";
    }
    layer.setObject(1, tenant);
    layer.setObject(2, id);
    layer.setObject(3, scheduleId);
    layer.setInt(4, position);
    layer.setString(5, "Layer " + (position + 1));
    layer.setTimestamp(6, Timestamp.from(start));
    layer.setTimestamp(7, end == null ? null : Timestamp.from(end));
    switch (kind) {
      case 0 -> {
        layer.setString(8, "hours");
        layer.setObject(9, List.of(8, 12, 24).get(random.nextInt(3)));
      }
      case 1 -> {
        layer.setString(8, "days");
        layer.setObject(9, 1 + random.nextInt(2));
      }
      case 2 -> {
        layer.setString(8, "weeks");
        layer.setObject(9, 1 + random.nextInt(2));
      }
      default -> {
        layer.setString(8, "weekly");
        layer.setObject(9, null, java.sql.Types.INTEGER);
      }
    }
    if (kind == 3) {
      layer.setString(10, DAYS[random.nextInt(7)]);
      layer.setObject(
          11,
          List.of(LocalTime.of(9, 0), LocalTime.of(17, 0), LocalTime.of(10, 30))
              .get(random.nextInt(3)));
    } else {
      layer.setNull(10, java.sql.Types.VARCHAR);
      layer.setNull(11, java.sql.Types.TIME);
    }
    layer.setArray(12, array);
    layer.setString(13, restrictions);
    layer.setObject(14, replaces);
    layer.setTimestamp(15, Timestamp.from(start));
    layer.addBatch();
    seeded.layers++;
  }

  // --- timing over HTTP ---

  private record Result(long[] nanos, int bytes, int gzipBytes, int items, int onCall) {
    void print(String label) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      System.out.printf(
          "%-34s %7.1f %7.1f %7.1f %7.1f %9d %9d %8s%n",
          label,
          ms(median(sorted)),
          ms(percentile(sorted, 90)),
          ms(sorted[sorted.length - 1]),
          ms(sorted[0]),
          bytes,
          gzipBytes,
          onCall + "/" + items);
    }
  }

  private Result time(
      HttpClient http,
      ObjectMapper json,
      String url,
      Login owner,
      int expectedItems,
      boolean acceptGzip)
      throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .header("Cookie", "sb_session=" + owner.cookie)
            .header("Accept", "application/json");
    if (acceptGzip) {
      // What a browser sends; the timing then includes compressing and inflating the body.
      builder.header("Accept-Encoding", "gzip");
    }
    HttpRequest request = builder.GET().build();
    byte[] last = null;
    for (int i = 0; i < warmup; i++) {
      last = get(http, request);
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      last = get(http, request);
      nanos[i] = System.nanoTime() - start;
    }
    JsonNode items = json.readTree(last).path("items");
    if (items.size() != expectedItems) {
      throw new IllegalStateException(
          url + " answered " + items.size() + " schedules, expected " + expectedItems);
    }
    int onCall = 0;
    for (JsonNode item : items) {
      if (item.hasNonNull("user")) {
        onCall++;
      }
    }
    return new Result(nanos, last.length, gzip(last), items.size(), onCall);
  }

  private static byte[] get(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<byte[]> reply = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (reply.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
      try (InputStream in =
          new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(reply.body()))) {
        byte[] body = in.readAllBytes();
        if (reply.statusCode() == 200) {
          return body;
        }
      }
    }
    if (reply.statusCode() != 200) {
      throw new IllegalStateException(
          request.uri()
              + " answered "
              + reply.statusCode()
              + ": "
              + new String(reply.body(), StandardCharsets.UTF_8));
    }
    return reply.body();
  }

  // --- where the time goes ---

  /**
   * Splits one tenant-wide answer: the four queries through the service's own DAOs (SQL, transfer
   * and Jdbi row mapping), the same queries' rows read raw over JDBC, the service method as a whole
   * (those queries plus model building and the shift engine, no HTTP), and the JSON writing with
   * the application's own ObjectMapper.
   */
  private void breakdown(
      DropwizardTestSupport<SwitchboardConfiguration> app,
      EmbeddedPostgresServer pg,
      ObjectMapper json,
      Login owner,
      Instant now)
      throws Exception {
    Jdbi jdbi =
        new JdbiFactory()
            .build(app.getEnvironment(), app.getConfiguration().getDataSourceFactory(), "bench");
    jdbi.installPlugin(new PostgresPlugin());
    ColumnTypes.register(jdbi);
    WireEnums.register(jdbi, TeamKind.class);
    TenantDatabase db = new TenantDatabase(jdbi);
    TenantId tenant = new TenantId(UUID.fromString(owner.tenantId));
    Caller caller =
        new Caller(
            tenant,
            new UserId(UUID.fromString(owner.userId)),
            "owner@bench.test",
            "Bench Owner",
            Role.OWNER,
            AuthMethod.SESSION,
            UUID.randomUUID(),
            null,
            "127.0.0.1");
    OnCallService service = new OnCallService(db, new ShiftCalculator(), Clock.systemUTC());

    System.out.println();
    System.out.printf(
        "where the time goes (whole tenant, in-process, median of %d after %d warm-up)%n",
        runs, warmup);
    Map<String, Supplier<Object>> steps = new LinkedHashMap<>();
    steps.put(
        "DAO listSchedules",
        () -> db.inTenant(tenant, h -> h.attach(ScheduleDao.class).listSchedules(tenant)));
    steps.put(
        "DAO layersInForceAt",
        () -> db.inTenant(tenant, h -> h.attach(ScheduleDao.class).layersInForceAt(tenant, now)));
    steps.put(
        "DAO overridesInForceAt",
        () ->
            db.inTenant(tenant, h -> h.attach(ScheduleDao.class).overridesInForceAt(tenant, now)));
    steps.put("DAO users", () -> db.inTenant(tenant, h -> h.attach(UserDao.class).list(tenant)));
    steps.put(
        "raw JDBC: the same 4 queries",
        () -> db.inTenant(tenant, h -> rawQueries(h.getConnection(), tenant, now)));
    steps.put(
        "service tenantOnCall (no HTTP)", () -> service.tenantOnCall(caller, now, null, null));
    TenantOnCall answer = service.tenantOnCall(caller, now, null, null);
    steps.put(
        "JSON writeValueAsBytes",
        () -> {
          try {
            return json.writeValueAsBytes(answer);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
    for (Map.Entry<String, Supplier<Object>> step : steps.entrySet()) {
      for (int i = 0; i < warmup; i++) {
        step.getValue().get();
      }
      long[] nanos = new long[runs];
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        step.getValue().get();
        nanos[i] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      System.out.printf(
          "  %-34s median %7.1f ms   p90 %7.1f ms%n",
          step.getKey(), ms(median(nanos)), ms(percentile(nanos, 90)));
    }
    explain(pg, owner, now);
  }

  /** The rows of the four queries, read column by column without mapping them to objects. */
  private static int rawQueries(Connection c, TenantId tenant, Instant now) {
    String[] sql = {
      ScheduleDao.SCHEDULES + " ORDER BY lower(s.name), s.id",
      ScheduleDao.LAYERS
          + " AND starts_at <= :at AND (ends_at IS NULL OR ends_at > :at)"
          + " ORDER BY schedule_id, position, starts_at, id",
      ScheduleDao.OVERRIDES
          + " AND starts_at <= :at AND ends_at > :at ORDER BY schedule_id, sequence",
      "SELECT * FROM users WHERE tenant_id = :tenantId",
    };
    int cells = 0;
    try {
      for (String query : sql) {
        try (PreparedStatement statement = c.prepareStatement(positional(query))) {
          bind(statement, query, tenant, now);
          try (ResultSet rows = statement.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
              for (int i = 1; i <= columns; i++) {
                if (rows.getObject(i) != null) {
                  cells++;
                }
              }
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return cells;
  }

  private static String positional(String query) {
    return query.replace(":tenantId", "?").replace(":at", "?");
  }

  private static void bind(PreparedStatement statement, String query, TenantId tenant, Instant now)
      throws SQLException {
    int index = 1;
    for (int i = 0; i < query.length(); i++) {
      if (query.startsWith(":tenantId", i)) {
        statement.setObject(index++, tenant.value());
      } else if (query.startsWith(":at", i)) {
        statement.setTimestamp(index++, Timestamp.from(now));
      }
    }
  }

  /** PostgreSQL's own execution time for the biggest query, for comparison with the above. */
  private static void explain(EmbeddedPostgresServer pg, Login owner, Instant now)
      throws SQLException {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(pg.jdbcUrl());
    source.setUser(EmbeddedPostgresServer.APP_ROLE);
    source.setPassword(EmbeddedPostgresServer.APP_ROLE);
    String query =
        ScheduleDao.LAYERS
            + " AND starts_at <= :at AND (ends_at IS NULL OR ends_at > :at)"
            + " ORDER BY schedule_id, position, starts_at, id";
    try (Connection c = source.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement scope =
          c.prepareStatement("SELECT set_config('switchboard.tenant_id', ?, true)")) {
        scope.setString(1, owner.tenantId);
        scope.executeQuery().close();
      }
      try (PreparedStatement statement =
          c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + positional(query))) {
        bind(statement, query, new TenantId(UUID.fromString(owner.tenantId)), now);
        System.out.println("  EXPLAIN ANALYZE layersInForceAt:");
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            System.out.println("    " + rows.getString(1));
          }
        }
      }
      c.rollback();
    }
  }

  // --- small helpers ---

  private static long median(long[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Nearest rank. */
  private static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static int gzip(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(body);
    }
    return out.size();
  }

  private static void deleteQuietly(Path directory) {
    try (var paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory; the OS cleans it up eventually
    }
  }

  static {
    // Unused zones fail fast here rather than in the middle of seeding.
    ZONES.forEach(ZoneId::of);
  }
}
