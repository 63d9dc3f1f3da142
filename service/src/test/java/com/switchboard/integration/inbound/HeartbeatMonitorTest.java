package com.switchboard.integration.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.SwitchboardConfiguration;
import com.switchboard.alert.AlertEvent;
import com.switchboard.testing.Api;
import com.switchboard.testing.QuartzTime;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Heartbeat monitors against a real service, PostgreSQL and Quartz job store, with an intake that
 * records what it was handed: a missed interval hands it one trigger, the next ping the resolve.
 */
class HeartbeatMonitorTest {
  private static final int PINGS_PER_MINUTE = 5;
  private static final RecordingAlertIntake INTAKE = new RecordingAlertIntake();
  private static final TestClock CLOCK = TestClock.shared();
  private static DropwizardTestSupport<SwitchboardConfiguration> app;
  private static Api api;

  private Api.Login owner;
  private String serviceId;

  @BeforeAll
  static void start() {
    app =
        TestApp.start(
            application -> application.withAlertIntake(INTAKE),
            ConfigOverride.config(
                "integrations.heartbeatPingsPerMinute", Integer.toString(PINGS_PER_MINUTE)));
    api = new Api("http://localhost:" + app.getLocalPort());
  }

  @AfterAll
  static void stop() {
    app.after();
  }

  @BeforeEach
  void tenant() {
    INTAKE.clear();
    owner = api.signup("Heartbeats");
    serviceId = service(owner);
  }

  @AfterEach
  void resetClock() {
    CLOCK.reset();
  }

  private static String service(Api.Login login) {
    return api.createService(login, "Backups", "", api.createTeam(login, "Ops", "engineering"));
  }

  private record Monitor(String id, String key, String url) {}

  private static Monitor heartbeat(Api.Login login, String service, Map<String, Object> extra) {
    Map<String, Object> body = new HashMap<>(Map.of("type", "heartbeat", "name", "Nightly backup"));
    body.putAll(extra);
    Api.Reply created = api.post("/api/v1/services/" + service + "/integrations", body, login);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return new Monitor(
        created.id(), created.body().path("key").asText(), created.body().path("url").asText());
  }

  private Monitor heartbeat(Map<String, Object> extra) {
    return heartbeat(owner, serviceId, extra);
  }

  private static String path(String url) {
    return url.substring("http://localhost:8080".length());
  }

  /** What the intake got for this test's tenants (earlier tests' monitors are overdue too). */
  private List<RecordingAlertIntake.Call> calls(Api.Login... tenants) {
    List<String> ids = java.util.Arrays.stream(tenants).map(Api.Login::tenantId).toList();
    return INTAKE.calls().stream()
        .filter(call -> ids.contains(call.source().tenant().value().toString()))
        .toList();
  }

  private List<AlertEvent> events() {
    return calls(owner).stream().flatMap(call -> call.events().stream()).toList();
  }

  private String status(Monitor monitor) {
    return api.get("/api/v1/services/" + serviceId + "/integrations/" + monitor.id(), owner)
        .body()
        .path("heartbeat")
        .path("status")
        .asText();
  }

  private static void check() {
    QuartzTime.runNow(
        ((com.switchboard.SwitchboardApplication) app.getApplication()).scheduler(),
        HeartbeatMonitors.JOB_NAME);
  }

  @Test
  void createsAHeartbeatWithItsPingUrlAndDefaults() {
    Api.Reply created =
        api.post(
            "/api/v1/services/" + serviceId + "/integrations",
            Map.of("type", "heartbeat", "name", "Hourly sync"),
            owner);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String key = created.body().path("key").asText();
    assertThat(created.body().path("url").asText())
        .isEqualTo("http://localhost:8080/api/v1/heartbeats/" + key);
    assertThat(created.body().path("heartbeat").path("intervalSeconds").asInt()).isEqualTo(3600);
    assertThat(created.body().path("heartbeat").path("graceSeconds").asInt()).isEqualTo(300);
    assertThat(created.body().path("heartbeat").path("status").asText()).isEqualTo("waiting");
    assertThat(created.body().has("email")).isFalse();

    Monitor custom = heartbeat(Map.of("intervalSeconds", 86400, "graceSeconds", 0));
    Api.Reply read =
        api.get("/api/v1/services/" + serviceId + "/integrations/" + custom.id(), owner);
    assertThat(read.body().path("heartbeat").path("intervalSeconds").asInt()).isEqualTo(86400);
    assertThat(read.body().path("heartbeat").path("graceSeconds").asInt()).isEqualTo(0);
    // Events API v2 integrations carry no heartbeat fields.
    Api.Reply events =
        api.post(
            "/api/v1/services/" + serviceId + "/integrations",
            Map.of("type", "events_v2", "name", "Datadog"),
            owner);
    assertThat(events.body().has("heartbeat")).isFalse();
  }

  @Test
  void everyPingMethodAnswersJsonAndMovesTheDeadline() {
    Monitor monitor = heartbeat(Map.of("intervalSeconds", 600, "graceSeconds", 60));
    for (String method : List.of("GET", "POST", "HEAD")) {
      Api.Reply ping = api.raw(method, path(monitor.url()), null, null, Api.ANONYMOUS);
      assertThat(ping.status()).as("%s %s", method, ping).isEqualTo(200);
      assertThat(ping.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/json");
      if (!method.equals("HEAD")) {
        assertThat(ping.body().path("status").asText()).isEqualTo("ok");
        assertThat(ping.body().path("nextDueAt").asText()).isNotEmpty();
      }
    }
    // A POST with a body (curl -d) pings too.
    assertThat(
            api.raw(
                    "POST",
                    path(monitor.url()),
                    "application/x-www-form-urlencoded",
                    "ok=1".getBytes(),
                    Api.ANONYMOUS)
                .status())
        .isEqualTo(200);
    Api.Reply read =
        api.get("/api/v1/services/" + serviceId + "/integrations/" + monitor.id(), owner);
    assertThat(read.body().path("heartbeat").path("status").asText()).isEqualTo("up");
    assertThat(read.body().path("heartbeat").path("lastPingAt").asText()).isNotEmpty();
    assertThat(events()).isEmpty();
  }

  @Test
  void aMissedIntervalTriggersOnceAndTheNextPingResolves() {
    Monitor monitor = heartbeat(Map.of("intervalSeconds", 60, "graceSeconds", 30));
    check();
    assertThat(events()).as("not yet due").isEmpty();

    CLOCK.advance(Duration.ofSeconds(100));
    check();
    assertThat(calls(owner)).hasSize(1);
    RecordingAlertIntake.Call call = calls(owner).get(0);
    assertThat(call.source().tenant().value().toString()).isEqualTo(owner.tenantId());
    assertThat(call.source().serviceId().toString()).isEqualTo(serviceId);
    assertThat(call.source().integrationId().toString()).isEqualTo(monitor.id());
    assertThat(call.source().integrationType()).isEqualTo("heartbeat");
    AlertEvent trigger = call.events().get(0);
    assertThat(trigger.action()).isEqualTo(AlertEvent.Action.TRIGGER);
    assertThat(trigger.dedupKey()).isEqualTo("heartbeat:" + monitor.id());
    assertThat(trigger.summary())
        .startsWith("Heartbeat Nightly backup missed: no ping since it was created at ");
    assertThat(trigger.severity()).isEqualTo(AlertEvent.Severity.CRITICAL);
    assertThat(trigger.urgency()).isEqualTo(com.switchboard.paging.Urgency.HIGH);
    assertThat(status(monitor)).isEqualTo("missed");

    // Still missed, later: no second trigger.
    CLOCK.advance(Duration.ofMinutes(10));
    check();
    assertThat(events()).hasSize(1);

    Api.Reply ping = api.get(path(monitor.url()), Api.ANONYMOUS);
    assertThat(ping.status()).as("%s", ping).isEqualTo(200);
    assertThat(events()).hasSize(2);
    AlertEvent resolve = events().get(1);
    assertThat(resolve.action()).isEqualTo(AlertEvent.Action.RESOLVE);
    assertThat(resolve.dedupKey()).isEqualTo("heartbeat:" + monitor.id());

    // Pings while up resolve nothing more; the next miss counts from the last ping.
    assertThat(api.get(path(monitor.url()), Api.ANONYMOUS).status()).isEqualTo(200);
    check();
    assertThat(events()).hasSize(2);
    CLOCK.advance(Duration.ofSeconds(100));
    check();
    assertThat(events()).hasSize(3);
    assertThat(events().get(2).action()).isEqualTo(AlertEvent.Action.TRIGGER);
    assertThat(events().get(2).summary()).doesNotContain("created");
  }

  @Test
  void aMissIsRecordedOnlyOnceTheIntakeTookIt() {
    Monitor monitor = heartbeat(Map.of("intervalSeconds", 60, "graceSeconds", 0));
    CLOCK.advance(Duration.ofSeconds(90));
    INTAKE.overloaded(5);
    check();
    assertThat(events()).isEmpty();
    assertThat(status(monitor)).isEqualTo("waiting");

    INTAKE.overloaded(null);
    check();
    assertThat(events()).extracting(AlertEvent::action).containsExactly(AlertEvent.Action.TRIGGER);

    // A ping whose resolve the intake cannot take is not recorded: 503, still missed.
    INTAKE.overloaded(7);
    Api.Reply refused = api.get(path(monitor.url()), Api.ANONYMOUS);
    assertThat(refused.status()).as("%s", refused).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).contains("7");
    assertThat(refused.body().path("error").isMissingNode()).isFalse();
    INTAKE.overloaded(null);
    assertThat(api.get(path(monitor.url()), Api.ANONYMOUS).status()).isEqualTo(200);
    assertThat(events())
        .extracting(AlertEvent::action)
        .containsExactly(AlertEvent.Action.TRIGGER, AlertEvent.Action.RESOLVE);
  }

  @Test
  void eachTenantsMissesGoToItsOwnTenantOnly() {
    Monitor ours = heartbeat(Map.of("intervalSeconds", 60, "graceSeconds", 0));
    Api.Login other = api.signup("Other Heartbeats");
    String otherService = service(other);
    Monitor theirs = heartbeat(other, otherService, Map.of("intervalSeconds", 120));
    CLOCK.advance(Duration.ofSeconds(90));
    check();
    assertThat(calls(owner, other)).hasSize(1);
    assertThat(calls(owner, other).get(0).source().tenant().value().toString())
        .isEqualTo(owner.tenantId());
    assertThat(calls(owner, other).get(0).source().integrationId().toString()).isEqualTo(ours.id());

    // The other tenant cannot see ours, and its key pings only its own.
    assertThat(
            api.get("/api/v1/services/" + serviceId + "/integrations/" + ours.id(), other).status())
        .isEqualTo(404);
    assertThat(api.get(path(theirs.url()), Api.ANONYMOUS).status()).isEqualTo(200);
    assertThat(status(ours)).isEqualTo("missed");
  }

  @Test
  void unknownKeysAndOtherTypesKeysAreNotFound() {
    Api.Reply unknown =
        api.get("/api/v1/heartbeats/" + "a".repeat(IntegrationKeys.LENGTH), Api.ANONYMOUS);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("not_found");
    assertThat(api.get("/api/v1/heartbeats/not-a-key", Api.ANONYMOUS).status()).isEqualTo(404);
    assertThat(api.raw("POST", "/api/v1/heartbeats/%20", null, null, Api.ANONYMOUS).status())
        .isEqualTo(404);
    Api.Reply generic =
        api.post(
            "/api/v1/services/" + serviceId + "/integrations",
            Map.of("type", "generic", "name", "Cron"),
            owner);
    Api.Reply wrongType =
        api.get("/api/v1/heartbeats/" + generic.body().path("key").asText(), Api.ANONYMOUS);
    assertThat(wrongType.status()).isEqualTo(404);
    assertThat(wrongType.errorCode()).isEqualTo("not_found");

    // A rotated key stops pinging at once.
    Monitor monitor = heartbeat(Map.of());
    api.post(
        "/api/v1/services/" + serviceId + "/integrations/" + monitor.id() + "/rotate-key",
        null,
        owner);
    assertThat(api.get(path(monitor.url()), Api.ANONYMOUS).status()).isEqualTo(404);
  }

  @Test
  void aLoopingPingerIsRefusedWith429() {
    Monitor monitor = heartbeat(Map.of());
    for (int i = 0; i < PINGS_PER_MINUTE; i++) {
      assertThat(api.get(path(monitor.url()), Api.ANONYMOUS).status()).isEqualTo(200);
    }
    Api.Reply refused = api.get(path(monitor.url()), Api.ANONYMOUS);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.errorCode()).isEqualTo("rate_limited");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void badSettingsAreRefused() {
    String path = "/api/v1/services/" + serviceId + "/integrations";
    for (Map<String, Object> bad :
        List.<Map<String, Object>>of(
            Map.of("intervalSeconds", 59),
            Map.of("intervalSeconds", 604801),
            Map.of("intervalSeconds", 120, "graceSeconds", 121),
            Map.of("graceSeconds", -1),
            Map.of("graceSeconds", 3601))) {
      Map<String, Object> body = new HashMap<>(Map.of("type", "heartbeat", "name", "x"));
      body.putAll(bad);
      Api.Reply reply = api.post(path, body, owner);
      assertThat(reply.status()).as("%s → %s", bad, reply).isEqualTo(422);
      assertThat(reply.errorCode()).isEqualTo("validation_failed");
    }
    Api.Reply notANumber =
        api.post(
            path, Map.of("type", "heartbeat", "name", "x", "intervalSeconds", "hourly"), owner);
    assertThat(notANumber.status()).as("%s", notANumber).isBetween(400, 422);
    Api.Reply notHeartbeat =
        api.post(path, Map.of("type", "generic", "name", "x", "intervalSeconds", 60), owner);
    assertThat(notHeartbeat.status()).isEqualTo(422);
    assertThat(notHeartbeat.raw()).contains("intervalSeconds");
    assertThat(api.get(path, owner).body().path("items").size()).as("nothing was stored").isZero();
    // At the limits: accepted.
    assertThat(
            api.post(
                    path,
                    Map.of(
                        "type",
                        "heartbeat",
                        "name",
                        "x",
                        "intervalSeconds",
                        60,
                        "graceSeconds",
                        60),
                    owner)
                .status())
        .isEqualTo(201);
    assertThat(
            api.post(
                    path,
                    Map.of("type", "heartbeat", "name", "y", "intervalSeconds", 604800),
                    owner)
                .status())
        .isEqualTo(201);
  }
}
