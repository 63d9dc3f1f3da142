package com.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.SwitchboardApplication;
import com.switchboard.SwitchboardConfiguration;
import com.switchboard.platform.db.EmbeddedPostgresServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the end-to-end load harnesses ({@link PagingLoad}, {@link SlaLoad}) run against: a throwaway
 * embedded PostgreSQL in a temporary directory (restarted once with {@code pg_stat_statements}), an
 * {@link SmsSink} standing in for Twilio, and the whole service in this JVM on loopback random
 * ports, started from a config resource with the database and Twilio's base URL filled in. Also the
 * HTTP client the harness calls the API with, a direct (unpooled) JDBC data source, and the tenant
 * set-up steps both harnesses share. {@link #close} stops everything and deletes the data.
 */
final class BenchService implements AutoCloseable {
  static final String PASSWORD = "correct horse battery staple";

  final ObjectMapper json = new ObjectMapper();
  final Path dataDirectory;
  final EmbeddedPostgresServer postgres;
  final StatementStats statements;
  final SmsSink sink;
  final PGSimpleDataSource direct;
  final MachineLoad machine;
  final HttpClient http;
  final ExecutorService clientPool;
  DropwizardTestSupport<SwitchboardConfiguration> app;

  /** A tenant signed up over the API, with an admin API key. */
  record Tenant(String tenantId, String slug, String ownerId, String token) {
    Map<String, String> bearer() {
      return Map.of("Authorization", "Bearer " + token);
    }
  }

  private BenchService(
      Path dataDirectory, StatementStats.Started started, long providerDelayMillis) {
    this.dataDirectory = dataDirectory;
    this.postgres = started.server();
    this.statements = started.stats();
    this.sink = new SmsSink(64, providerDelayMillis);
    this.clientPool = Executors.newFixedThreadPool(8, daemon("load-client"));
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(clientPool)
            .build();
    this.direct = new PGSimpleDataSource();
    direct.setUrl(postgres.jdbcUrl());
    direct.setUser(EmbeddedPostgresServer.APP_ROLE);
    direct.setPassword(EmbeddedPostgresServer.APP_ROLE);
    this.machine = new MachineLoad(postgres.dataDirectory());
  }

  /**
   * Starts PostgreSQL, the sink and the service ({@code configResource} on the class path); prints
   * the database's settings. On failure, stops what it started.
   */
  static BenchService start(String configResource, String name, long providerDelayMillis)
      throws Exception {
    Path dataDirectory = Files.createTempDirectory("switchboard-" + name + "-pg");
    BenchService bench;
    try {
      bench =
          new BenchService(
              dataDirectory,
              StatementStats.enable(EmbeddedPostgresServer.start(dataDirectory, 0)),
              providerDelayMillis);
    } catch (Exception | Error e) {
      deleteQuietly(dataDirectory);
      throw e;
    }
    try {
      bench.app = bench.startService(configResource, name);
      DatabaseSettings.print(bench.postgres);
      return bench;
    } catch (Exception | Error e) {
      bench.close();
      throw e;
    }
  }

  private DropwizardTestSupport<SwitchboardConfiguration> startService(
      String configResource, String name) throws IOException {
    Path config = Files.createTempFile("switchboard-" + name, ".yml");
    try (InputStream in = BenchService.class.getResourceAsStream(configResource)) {
      Files.write(config, in.readAllBytes());
    }
    config.toFile().deleteOnExit();
    DropwizardTestSupport<SwitchboardConfiguration> support =
        new DropwizardTestSupport<>(
            SwitchboardApplication.class,
            config.toString(),
            ConfigOverride.config("database.url", postgres.jdbcUrl()),
            ConfigOverride.config("database.user", EmbeddedPostgresServer.APP_ROLE),
            ConfigOverride.config("database.password", EmbeddedPostgresServer.APP_ROLE),
            ConfigOverride.config("notify.twilio.apiBaseUrl", sink.baseUrl()));
    try {
      support.before();
    } catch (Exception e) {
      throw new IllegalStateException("could not start Switchboard", e);
    }
    return support;
  }

  SwitchboardApplication application() {
    return app.getApplication();
  }

  // --- the tenant ---

  /** Signs a tenant up over the API and creates an admin API key with the owner's session. */
  Tenant signUp(String slugPrefix, String organization) throws Exception {
    String slug = slugPrefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    HttpResponse<String> signedUp =
        send(
            "POST",
            "/api/v1/signup",
            Map.of(
                "organization",
                organization,
                "slug",
                slug,
                "name",
                "Bench Owner",
                "email",
                "owner@" + slug + ".test",
                "password",
                PASSWORD),
            Map.of());
    expect(signedUp, 201, "signup");
    JsonNode tree = json.readTree(signedUp.body());
    String tenantId = tree.path("tenant").path("id").asText();
    String ownerId = tree.path("user").path("id").asText();
    String cookie =
        signedUp.headers().allValues("Set-Cookie").stream()
            .filter(h -> h.startsWith("sb_session="))
            .map(h -> h.substring("sb_session=".length(), h.indexOf(';')))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no session cookie after signup"));
    HttpResponse<String> key =
        send(
            "POST",
            "/api/v1/api-keys",
            Map.of("name", "monitoring", "role", "admin"),
            Map.of(
                "Cookie", "sb_session=" + cookie, "X-CSRF-Token", tree.path("csrfToken").asText()));
    expect(key, 201, "creating an API key");
    return new Tenant(tenantId, slug, ownerId, json.readTree(key.body()).path("token").asText());
  }

  /** Responders written with JDBC inside the tenant's scope; they never sign in. */
  List<String> insertUsers(String tenantId, int count) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = direct.getConnection()) {
      c.setAutoCommit(false);
      enterTenant(c, tenantId);
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO users (tenant_id, id, email, name, password_hash, role, time_zone,"
                  + " created_at, updated_at) VALUES (?, ?, ?, ?, 'x', 'responder', 'UTC', now(), now())")) {
        for (int i = 1; i <= count; i++) {
          UUID id = UUID.randomUUID();
          ids.add(id.toString());
          insert.setObject(1, UUID.fromString(tenantId));
          insert.setObject(2, id);
          insert.setString(3, "responder" + i + "@paging.test");
          insert.setString(4, "Responder " + i);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
    }
    return ids;
  }

  /** Adds an SMS method, verifies it with the code that reached the sink, adds a rule. */
  void verifiedSms(Map<String, String> bearer, String userId, String phone) throws Exception {
    HttpResponse<String> added =
        send(
            "POST",
            "/api/v1/users/" + userId + "/contact-methods",
            Map.of("channel", "sms", "address", phone),
            bearer);
    expect(added, 201, "adding an SMS number");
    String methodId = json.readTree(added.body()).path("method").path("id").asText();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (sink.code(phone) == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no verification code reached the sink for " + phone);
      }
      Thread.sleep(20);
    }
    expect(
        send(
            "POST",
            "/api/v1/users/" + userId + "/contact-methods/" + methodId + "/verify",
            Map.of("code", sink.code(phone)),
            bearer),
        200,
        "verifying " + phone);
    expect(
        send(
            "POST",
            "/api/v1/users/" + userId + "/notification-rules",
            Map.of("contactMethodId", methodId, "urgency", "high", "delayMinutes", 0),
            bearer),
        201,
        "adding a rule");
  }

  // --- HTTP ---

  String base() {
    return "http://127.0.0.1:" + app.getLocalPort();
  }

  HttpResponse<String> send(String method, String path, Object body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + path))
            .timeout(Duration.ofSeconds(120))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
            .header("Content-Type", "application/json");
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void expect(HttpResponse<String> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          what + " failed: " + response.statusCode() + " " + response.body());
    }
  }

  String id(HttpResponse<String> response, String what) throws IOException {
    expect(response, 201, what);
    return json.readTree(response.body()).path("id").asText();
  }

  // --- the harness's main ---

  /** A harness built from its {@code --name=value} options. */
  @FunctionalInterface
  interface Harness {
    void run(Map<String, String> options) throws Exception;
  }

  /**
   * Parses {@code --name=value} arguments, prints the machine, runs the harness and exits: 0 when
   * it finished, 1 (with the stack trace) when it failed.
   */
  static void main(String[] args, Harness harness) {
    int status = 1;
    try {
      Map<String, String> options = new LinkedHashMap<>();
      for (String arg : args) {
        if (!arg.startsWith("--") || !arg.contains("=")) {
          throw new IllegalArgumentException("options look like --name=value, not " + arg);
        }
        options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
      // Forget pooled connections before Jetty's 30 s idle timeout closes them: the JDK client
      // does not retry a POST that raced with the server closing its connection.
      System.setProperty("jdk.httpclient.keepalive.timeout", "20");
      System.out.printf(
          "machine: %d CPUs, %s %s, JVM %s, max heap %d MB; started %s%n",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("os.name"),
          System.getProperty("os.arch"),
          System.getProperty("java.vm.version"),
          Runtime.getRuntime().maxMemory() / (1024 * 1024),
          Instant.now());
      harness.run(options);
      status = 0;
    } catch (Throwable e) {
      // Printed here: System.exit below would otherwise swallow it.
      e.printStackTrace();
    } finally {
      System.exit(status);
    }
  }

  // --- small things ---

  static void enterTenant(Connection c, String tenantId) throws SQLException {
    try (PreparedStatement scope =
        c.prepareStatement("SELECT set_config('switchboard.tenant_id', ?, true)")) {
      scope.setString(1, tenantId);
      scope.executeQuery().close();
    }
  }

  static void sleepUntilMicros(long micros) throws InterruptedException {
    long wait;
    while ((wait = micros - Clocks.nowMicros()) > 0) {
      Thread.sleep(Math.max(1, Math.min(1_000, wait / 1000)));
    }
  }

  static String abbreviate(String text) {
    String flat = text == null ? "" : text.replaceAll("\\s+", " ");
    return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
  }

  static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }

  /** Stops the service, the sink and PostgreSQL, and deletes the data directory. */
  @Override
  public void close() {
    try {
      if (app != null) {
        app.after();
      }
    } catch (RuntimeException e) {
      System.out.println("stopping the service failed: " + e);
    }
    sink.close();
    clientPool.shutdownNow();
    try {
      postgres.stop();
    } catch (IOException | RuntimeException e) {
      System.out.println("stopping PostgreSQL failed: " + e);
    }
    deleteQuietly(dataDirectory);
  }
}
