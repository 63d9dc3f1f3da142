package com.switchboard.integration.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.SwitchboardConfiguration;
import com.switchboard.alert.AlertEvent;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}, which CI installs)
 * pointed at the service's alertmanager URL delivers a firing and then a resolved notification of
 * one alert group, which arrive as a trigger and a resolve with the same dedup key.
 */
class AlertmanagerDeliveryIT {
  private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final RecordingAlertIntake intake = new RecordingAlertIntake();
  private DropwizardTestSupport<SwitchboardConfiguration> app;
  private Process alertmanager;

  @TempDir Path dir;

  @BeforeEach
  void start() {
    assertThat(Files.isExecutable(BINARY))
        .as(
            BINARY
                + " is missing: install Debian's prometheus-alertmanager"
                + " (apt-get install prometheus-alertmanager; .ci/run does)")
        .isTrue();
    app = TestApp.start(application -> application.withAlertIntake(intake));
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (alertmanager != null) {
      alertmanager.destroy();
      alertmanager.waitFor();
    }
    app.after();
  }

  @Test
  void aFiringThenResolvedAlertArriveAsTriggerThenResolve() throws Exception {
    Api api = new Api("http://localhost:" + app.getLocalPort());
    Api.Login owner = api.signup("Alertmanager Delivery");
    String serviceId =
        api.createService(owner, "Database", "", api.createTeam(owner, "DBA", "engineering"));
    Api.Reply created =
        api.post(
            "/api/v1/services/" + serviceId + "/integrations",
            Map.of("type", "alertmanager", "name", "Prometheus"),
            owner);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String url =
        created
            .body()
            .path("url")
            .asText()
            .replace("http://localhost:8080", "http://127.0.0.1:" + app.getLocalPort());

    int port = freePort();
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "route:",
            "  receiver: switchboard",
            "  group_by: ['alertname']",
            "  group_wait: 1s",
            "  group_interval: 1s",
            "  repeat_interval: 1h",
            "receivers:",
            "  - name: switchboard",
            "    webhook_configs:",
            "      - url: '" + url + "'",
            "        send_resolved: true",
            ""));
    alertmanager =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("alertmanager.log").toFile())
            .start();
    String base = "http://127.0.0.1:" + port;
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> get(base + "/-/ready") == 200);

    Instant started = Instant.now();
    String alert =
        "[{\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"db-1:9100\",\"severity\":"
            + "\"warning\"},\"annotations\":{\"summary\":\"Disk full on db-1\"},"
            + "\"generatorURL\":\"http://prometheus.example:9090/graph\",\"startsAt\":\""
            + started
            + "\"%s}]";
    assertThat(post(base + "/api/v2/alerts", alert.formatted(""))).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> !intake.events().isEmpty());

    String ended = ",\"endsAt\":\"" + Instant.now().minusSeconds(1) + "\"";
    assertThat(post(base + "/api/v2/alerts", alert.formatted(ended))).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                intake.events().stream()
                    .anyMatch(event -> event.action() == AlertEvent.Action.RESOLVE));

    List<AlertEvent> events = intake.events();
    assertThat(events.get(0).action()).isEqualTo(AlertEvent.Action.TRIGGER);
    assertThat(events.get(0).summary()).isEqualTo("Disk full on db-1");
    assertThat(events.get(0).severity()).isEqualTo(AlertEvent.Severity.WARNING);
    assertThat(events.get(events.size() - 1).action()).isEqualTo(AlertEvent.Action.RESOLVE);
    assertThat(events).extracting(AlertEvent::dedupKey).containsOnly(events.get(0).dedupKey());
    assertThat(events.get(0).dedupKey()).contains("DiskFull");
    assertThat(intake.calls())
        .allSatisfy(
            call -> assertThat(call.source().integrationId().toString()).isEqualTo(created.id()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static int get(String url) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static int post(String url, String json) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
