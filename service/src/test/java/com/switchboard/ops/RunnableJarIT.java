package com.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.tenant.DemoTenantLoader;
import com.switchboard.testing.Api;
import com.switchboard.testing.ProviderApp;
import com.switchboard.testing.ProviderStub;
import com.switchboard.testing.ProviderStub.RecordedRequest;
import java.io.IOException;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts {@code target/switchboard.jar} exactly as the README does — no arguments, only environment
 * variables — and checks it serves on its own embedded PostgreSQL, keeps its data across a restart,
 * and says in the log where the data lives.
 */
class RunnableJarIT {
  private static final Path JAR = Path.of("target", "switchboard.jar");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern EMBEDDED_PORT =
      Pattern.compile("Embedded PostgreSQL is listening on 127\\.0\\.0\\.1:([0-9]+)");

  @TempDir Path workDirectory;
  private Process process;

  @AfterEach
  void stopJar() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void bareJarServesOnItsEmbeddedDatabaseAndKeepsDataAcrossRestarts() throws Exception {
    assertThat(JAR).as("run `mvn package` first").exists();
    Path data = workDirectory.resolve("data");
    int port = freePort();

    Path firstLog = start(port, data);
    Api api = new Api("http://localhost:" + port);
    Api.Login owner =
        api.login(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);
    assertThat(
            api.post(
                    "/api/v1/teams",
                    Map.of("name", "Made Before Restart", "kind", "support"),
                    owner)
                .status())
        .isEqualTo(201);
    assertThat(Files.readString(firstLog))
        .contains("its data lives in " + data.resolve("postgres").toAbsolutePath());
    assertThat(httpGet("http://localhost:" + port + "/").body()).contains("<html");

    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the jar stops on SIGTERM").isTrue();

    start(port, data);
    Api.Login again =
        api.login(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);
    assertThat(api.get("/api/v1/teams", again).raw()).contains("Made Before Restart");
  }

  /**
   * Every variable of the README's table, written as the README writes it, in one start: the jar
   * starts healthy, the provider settings reach Twilio and SendGrid intact (the providers talk to a
   * local stub, the one setting not in the README), links carry PUBLIC_URL's path, and the embedded
   * PostgreSQL it started is durable.
   */
  @Test
  void everyReadmeVariableWorksAsWrittenAndTheEmbeddedDatabaseIsDurable() throws Exception {
    assertThat(JAR).as("run `mvn package` first").exists();
    int port = freePort();
    String publicUrl = "https://proxy.example/switchboard";
    String sid = "AC0123456789abcdef0123456789abcdef";
    String token = "0123456789abcdef0123456789abcdef";
    String apiKey = "SG.readme-variables.0123456789";
    try (ProviderStub stub = ProviderStub.started()) {
      Map<String, String> env = new java.util.HashMap<>();
      env.put("PORT", Integer.toString(port));
      env.put("ADMIN_PORT", Integer.toString(freePort()));
      env.put("DATABASE_URL", "embedded");
      env.put("DATABASE_USER", "");
      env.put("DATABASE_PASSWORD", "p\\a\"ss: #1"); // unused by the embedded database; must parse
      env.put("DATABASE_POOL_SIZE", "20");
      env.put("SWITCHBOARD_DATA", workDirectory.resolve("data").toString());
      env.put("PUBLIC_URL", publicUrl);
      env.put("SWITCHBOARD_DEMO", "true");
      env.put("SWITCHBOARD_MIGRATE_ON_START", "true");
      env.put("LOG_FORMAT", "json");
      env.put("TWILIO_ACCOUNT_SID", sid);
      env.put("TWILIO_AUTH_TOKEN", token);
      env.put("TWILIO_FROM_NUMBER", "+14155550100");
      env.put("SENDGRID_API_KEY", apiKey);
      env.put("SENDGRID_FROM_ADDRESS", "pager@example.com");
      Path log =
          start(
              port,
              env,
              List.of(
                  "-Ddw.notify.twilio.apiBaseUrl=" + stub.baseUrl(),
                  "-Ddw.notify.sendgrid.host=" + stub.hostAndPort()));

      Api api = new Api("http://localhost:" + port);
      Api.Login owner =
          api.login(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);
      String checkout = null;
      for (JsonNode service : api.get("/api/v1/services", owner).body().path("items")) {
        if (service.path("name").asText().equals("Checkout API")) {
          checkout = service.path("id").asText();
        }
      }
      assertThat(checkout).as("the demo tenant's Checkout API").isNotNull();
      for (String urgency : List.of("high", "low")) {
        Api.Reply triggered =
            api.post(
                "/api/v1/incidents",
                Map.of("serviceId", checkout, "title", "cart errors", "urgency", urgency),
                owner);
        assertThat(triggered.status()).as(triggered.toString()).isEqualTo(201);
      }

      RecordedRequest sms =
          stub.awaitRequestsTo("/2010-04-01/Accounts/" + sid + "/Messages.json", 1, WAIT).get(0);
      RecordedRequest mail = stub.awaitRequestsTo("/v3/mail/send", 1, WAIT).get(0);
      assertThat(sms.form("From")).isEqualTo("+14155550100");
      assertThat(sms.header("Authorization"))
          .isEqualTo(
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8)));
      assertThat(sms.form("StatusCallback"))
          .startsWith(publicUrl + "/api/v1/webhooks/twilio/status/");
      assertThat(mail.header("Authorization")).isEqualTo("Bearer " + apiKey);
      assertThat(mail.json().path("from").path("email").asText()).isEqualTo("pager@example.com");
      assertThat(mail.json().path("content").path(0).path("value").asText())
          .contains(publicUrl + "/api/v1/email-actions/");
      String callback = sms.form("StatusCallback").substring(publicUrl.length());
      Map<String, String> delivered =
          Map.of(
              "AccountSid",
              sid,
              "MessageSid",
              "SM0123456789abcdef0123456789abcdef",
              "MessageStatus",
              "delivered");
      assertThat(
              httpPost(
                      "http://localhost:" + port + callback,
                      delivered,
                      ProviderApp.sign(token, publicUrl + callback, delivered))
                  .statusCode())
          .as("a status callback signed with TWILIO_AUTH_TOKEN for PUBLIC_URL")
          .isEqualTo(200);

      Matcher listening = EMBEDDED_PORT.matcher(Files.readString(log));
      assertThat(listening.find()).as("the log names the embedded database's port").isTrue();
      try (Connection connection =
              DriverManager.getConnection(
                  "jdbc:postgresql://127.0.0.1:" + listening.group(1) + "/switchboard",
                  "switchboard",
                  "switchboard");
          Statement statement = connection.createStatement()) {
        for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
          try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).as(setting).isEqualTo("on");
          }
        }
      }
    }
  }

  private Path start(int port, Path data) throws IOException {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("PORT", Integer.toString(port));
    env.put("ADMIN_PORT", Integer.toString(freePort()));
    env.put("SWITCHBOARD_DATA", data.toString());
    env.put("SWITCHBOARD_DEMO", "true");
    return start(port, env, List.of());
  }

  /**
   * Starts the jar with exactly these environment variables on top of this JVM's (no DATABASE_URL).
   */
  private Path start(int port, Map<String, String> env, List<String> jvmOptions)
      throws IOException {
    Path log = Files.createTempFile(workDirectory, "switchboard", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(JAR.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("DATABASE_URL");
    builder.environment().putAll(env);
    process = builder.start();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> httpGet("http://localhost:" + port + "/health").statusCode() == 200);
    return log;
  }

  private static HttpResponse<String> httpGet(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> httpPost(
      String url, Map<String, String> form, String signature)
      throws IOException, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
