package com.switchboard.integration.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.SwitchboardConfiguration;
import com.switchboard.alert.AlertEvent;
import com.switchboard.alert.AlertSource;
import com.switchboard.paging.Urgency;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import com.switchboard.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inbound event endpoints against a real service and PostgreSQL, with an intake that records
 * what they handed it: each format's exact JSON (fixtures) parses to the expected {@link
 * AlertEvent}, and every refusal answers PagerDuty's shape and hands nothing to the intake.
 */
class InboundEventsTest {
  private static final int PER_MINUTE = 10;
  private static final Duration MAX_REQUEST_AGE = Duration.ofSeconds(3);
  private static final Duration ROUTE_CACHE_TTL = Duration.ofSeconds(2);
  private static final RecordingAlertIntake INTAKE = new RecordingAlertIntake();

  /** How far ahead of the real one the clock of requests' ages runs, in nanoseconds. */
  private static final AtomicLong REQUEST_CLOCK_AHEAD = new AtomicLong();

  private static DropwizardTestSupport<SwitchboardConfiguration> app;
  private static Api api;

  private Api.Login owner;
  private String serviceId;

  @BeforeAll
  static void start() {
    app =
        TestApp.start(
            application ->
                application
                    .withAlertIntake(INTAKE)
                    .withRequestNanoTime(() -> System.nanoTime() + REQUEST_CLOCK_AHEAD.get()),
            ConfigOverride.config(
                "integrations.inbound.eventsPerMinutePerKey", Integer.toString(PER_MINUTE)),
            ConfigOverride.config(
                "integrations.inbound.maxRequestAge", MAX_REQUEST_AGE.toMillis() + "ms"),
            ConfigOverride.config(
                "integrations.inbound.routeCacheTtl", ROUTE_CACHE_TTL.toMillis() + "ms"));
    api = new Api("http://localhost:" + app.getLocalPort());
  }

  @AfterAll
  static void stop() {
    app.after();
  }

  @AfterEach
  void resetClock() {
    TestClock.shared().reset();
    REQUEST_CLOCK_AHEAD.set(0);
  }

  @BeforeEach
  void tenant() {
    INTAKE.clear();
    owner = api.signup("Inbound Events");
    serviceId =
        api.createService(owner, "Checkout", "", api.createTeam(owner, "Web", "engineering"));
  }

  private record Integration(String id, String key, String url) {}

  private Integration integration(String type) {
    Api.Reply created =
        api.post(
            "/api/v1/services/" + serviceId + "/integrations",
            Map.of("type", type, "name", "Our " + type),
            owner);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return new Integration(
        created.id(), created.body().path("key").asText(), created.body().path("url").asText());
  }

  static String fixture(String name) {
    try (InputStream in = InboundEventsTest.class.getResourceAsStream("/fixtures/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Api.Reply post(String path, String body) {
    return api.raw(
        "POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8), Api.ANONYMOUS);
  }

  private Api.Reply enqueue(String body) {
    return post("/v2/enqueue", body);
  }

  private static String path(Integration integration) {
    return integration.url().substring("http://localhost:8080".length());
  }

  private static void assertRejected(Api.Reply reply, String error) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(400);
    assertThat(reply.body().path("status").asText()).isEqualTo("invalid event");
    assertThat(reply.body().path("message").asText()).isEqualTo("Event object is invalid");
    assertThat(reply.body().path("errors").toString()).contains(error);
  }

  private long counter(String name) {
    return app.getEnvironment().metrics().counter(name).getCount();
  }

  @Test
  void anEventsV2TriggerFromAClientIsParsedWhole() {
    Integration events = integration("events_v2");
    Api.Reply reply =
        enqueue(fixture("events-v2/trigger.json").replace("ROUTING_KEY", events.key()));

    assertThat(reply.status()).as("%s", reply).isEqualTo(202);
    assertThat(reply.body().toString())
        .isEqualTo(
            "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"db-1/disk\"}");
    assertThat(INTAKE.calls()).hasSize(1);
    AlertSource source = INTAKE.calls().get(0).source();
    assertThat(source.tenant().value().toString()).isEqualTo(owner.tenantId());
    assertThat(source.serviceId().toString()).isEqualTo(serviceId);
    assertThat(source.integrationId().toString()).isEqualTo(events.id());
    assertThat(source.integrationType()).isEqualTo("events_v2");
    AlertEvent event = INTAKE.events().get(0);
    assertThat(event.action()).isEqualTo(AlertEvent.Action.TRIGGER);
    assertThat(event.dedupKey()).isEqualTo("db-1/disk");
    assertThat(event.summary()).isEqualTo("Disk 95% full on db-1.example.com");
    assertThat(event.severity()).isEqualTo(AlertEvent.Severity.WARNING);
    assertThat(event.urgency()).isEqualTo(Urgency.LOW);
    assertThat(event.source()).isEqualTo("db-1.example.com");
    assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-12-07T08:42:58.315Z"));
    assertThat(event.component()).isEqualTo("postgres");
    assertThat(event.group()).isEqualTo("prod-db");
    assertThat(event.eventClass()).isEqualTo("disk");
    assertThat(event.customDetails().path("mount").asText()).isEqualTo("/var/lib/postgresql");
    assertThat(event.links())
        .containsExactly(new AlertEvent.Link("https://runbooks.example.com/disk-full", "Runbook"));
    assertThat(event.images())
        .containsExactly(
            new AlertEvent.Image(
                "https://grafana.example.com/render/disk.png",
                "https://grafana.example.com/d/disk",
                "Disk usage"));
    assertThat(event.client()).isEqualTo("Example Monitoring");
    assertThat(event.clientUrl()).isEqualTo("https://monitoring.example.com");

    // The same handler under /api, then acknowledge and resolve by the dedup key.
    Api.Reply ack =
        post(
            "/api/v1/integrations/events",
            fixture("events-v2/acknowledge.json").replace("ROUTING_KEY", events.key()));
    assertThat(ack.status()).as("%s", ack).isEqualTo(202);
    Api.Reply resolve =
        enqueue(fixture("events-v2/resolve.json").replace("ROUTING_KEY", events.key()));
    assertThat(resolve.body().path("dedup_key").asText()).isEqualTo("db-1/disk");
    assertThat(INTAKE.events())
        .extracting(AlertEvent::action, AlertEvent::dedupKey)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AlertEvent.Action.TRIGGER, "db-1/disk"),
            org.assertj.core.groups.Tuple.tuple(AlertEvent.Action.ACKNOWLEDGE, "db-1/disk"),
            org.assertj.core.groups.Tuple.tuple(AlertEvent.Action.RESOLVE, "db-1/disk"));
    assertThat(counter(InboundEvents.ACCEPTED + ".events_v2")).isGreaterThanOrEqualTo(3);
  }

  @Test
  void alertmanagersPagerDutyNotifierIsAcceptedAsSent() {
    Integration events = integration("events_v2");
    Api.Reply trigger =
        enqueue(
            fixture("events-v2/alertmanager-trigger.json").replace("ROUTING_KEY", events.key()));
    Api.Reply resolve =
        enqueue(
            fixture("events-v2/alertmanager-resolve.json").replace("ROUTING_KEY", events.key()));

    assertThat(trigger.status()).as("%s", trigger).isEqualTo(202);
    assertThat(resolve.status()).as("%s", resolve).isEqualTo(202);
    List<AlertEvent> received = INTAKE.events();
    assertThat(received)
        .extracting(AlertEvent::action)
        .containsExactly(AlertEvent.Action.TRIGGER, AlertEvent.Action.RESOLVE);
    assertThat(received)
        .extracting(AlertEvent::dedupKey)
        .containsOnly("5b6f1b1c3d0e8d7c8f5a9e2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d");
    assertThat(received.get(0).summary())
        .isEqualTo("[FIRING:1] HighRequestLatency (api-1:9100 api critical)");
    assertThat(received.get(0).urgency()).isEqualTo(Urgency.HIGH);
    assertThat(received.get(0).customDetails().path("num_firing").asText()).isEqualTo("1");
  }

  @Test
  void aTriggerWithoutADedupKeyGetsOneAndTheAnswerSaysIt() {
    Integration events = integration("events_v2");
    Api.Reply reply =
        enqueue(
            "{\"routing_key\":\""
                + events.key()
                + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\",\"source\":\"h\","
                + "\"severity\":\"critical\"}}");

    assertThat(reply.status()).as("%s", reply).isEqualTo(202);
    String dedupKey = reply.body().path("dedup_key").asText();
    assertThat(dedupKey).matches("[0-9a-f]{32}");
    assertThat(INTAKE.events()).extracting(AlertEvent::dedupKey).containsExactly(dedupKey);
    assertThat(INTAKE.events().get(0).urgency()).isEqualTo(Urgency.HIGH);
  }

  @Test
  void theTenantsSeverityMappingSetsTheUrgency() {
    Integration events = integration("events_v2");
    assertThat(
            api.put("/api/v1/alert-settings/severity-urgency", Map.of("warning", "high"), owner)
                .status())
        .isEqualTo(200);
    enqueue(fixture("events-v2/trigger.json").replace("ROUTING_KEY", events.key()));
    assertThat(INTAKE.events().get(0).urgency()).isEqualTo(Urgency.HIGH);
  }

  static Stream<Arguments> badEvents() {
    String trigger =
        "\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\",\"source\":\"h\","
            + "\"severity\":\"error\"}";
    return Stream.of(
        Arguments.of("no routing_key", "{" + trigger + "}", "'routing_key' is missing"),
        Arguments.of(
            "unknown routing_key",
            "{\"routing_key\":\"" + "0".repeat(32) + "\"," + trigger + "}",
            "'routing_key' is not the key"),
        Arguments.of(
            "malformed routing_key",
            "{\"routing_key\":\"short\"," + trigger + "}",
            "'routing_key' is not the key"),
        Arguments.of(
            "bad event_action",
            "{\"routing_key\":\"KEY\",\"event_action\":\"explode\",\"payload\":{}}",
            "'event_action' must be trigger, acknowledge or resolve"),
        Arguments.of(
            "missing summary",
            "{\"routing_key\":\"KEY\",\"event_action\":\"trigger\",\"payload\":{\"source\":\"h\","
                + "\"severity\":\"error\"}}",
            "'payload.summary' is missing"),
        Arguments.of(
            "summary too long",
            "{\"routing_key\":\"KEY\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\""
                + "x".repeat(1025)
                + "\",\"source\":\"h\",\"severity\":\"error\"}}",
            "'payload.summary' is longer than 1024 characters"),
        Arguments.of(
            "bad severity",
            "{\"routing_key\":\"KEY\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\","
                + "\"source\":\"h\",\"severity\":\"fatal\"}}",
            "'payload.severity' must be critical, error, warning or info"),
        Arguments.of(
            "missing source",
            "{\"routing_key\":\"KEY\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\","
                + "\"severity\":\"error\"}}",
            "'payload.source' is missing"),
        Arguments.of(
            "resolve without dedup_key",
            "{\"routing_key\":\"KEY\",\"event_action\":\"resolve\"}",
            "'dedup_key' is required to resolve"),
        Arguments.of(
            "dedup_key too long",
            "{\"routing_key\":\"KEY\",\"dedup_key\":\"" + "d".repeat(256) + "\"," + trigger + "}",
            "'dedup_key' is longer than 255 characters"),
        Arguments.of("malformed JSON", "{\"routing_key\":", "the body is not valid JSON"),
        Arguments.of("not an object", "[1,2]", "the body must be a JSON object"),
        Arguments.of("empty body", "", "the body must be a JSON object"),
        Arguments.of(
            "oversized body",
            "{\"routing_key\":\"KEY\","
                + trigger
                + ",\"pad\":\""
                + "p".repeat(InboundEvents.MAX_BODY_BYTES)
                + "\"}",
            "larger than 524288 bytes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEvents")
  void badEventsAreRefusedAsPagerDutyDoesAndNothingIsHandedOn(
      String name, String body, String error) {
    Integration events = integration("events_v2");
    long rejected = counter(InboundEvents.REJECTED + ".events_v2");

    Api.Reply reply = enqueue(body.replace("KEY", events.key()));

    assertRejected(reply, error);
    assertThat(INTAKE.calls()).isEmpty();
    assertThat(counter(InboundEvents.REJECTED + ".events_v2")).isEqualTo(rejected + 1);
  }

  @Test
  void anEventLargerThanTheApisUsualLimitButWithinPagerDutysIsAccepted() {
    Integration events = integration("events_v2");
    String body =
        fixture("events-v2/trigger.json")
            .replace("ROUTING_KEY", events.key())
            .replace("\"5%\"", "\"" + "f".repeat(200 * 1024) + "\"");
    Api.Reply reply = enqueue(body);
    assertThat(reply.status()).as("%s", reply).isEqualTo(202);
    assertThat(INTAKE.events()).hasSize(1);
  }

  @Test
  void overThePerKeyRateTheAnswerIs429WithRetryAfterAndNothingIsHandedOn() {
    Integration events = integration("events_v2");
    Integration other = integration("events_v2");
    String body = fixture("events-v2/trigger.json");
    for (int i = 0; i < PER_MINUTE; i++) {
      assertThat(enqueue(body.replace("ROUTING_KEY", events.key())).status()).isEqualTo(202);
    }

    Api.Reply throttled = enqueue(body.replace("ROUTING_KEY", events.key()));

    assertThat(throttled.status()).as("%s", throttled).isEqualTo(429);
    assertThat(throttled.body().path("status").asText()).isEqualTo("throttle event");
    long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);
    assertThat(INTAKE.events()).hasSize(PER_MINUTE);
    // Another key has its own bucket; this one refills with time.
    assertThat(enqueue(body.replace("ROUTING_KEY", other.key())).status()).isEqualTo(202);
    TestClock.shared().advance(Duration.ofSeconds(retryAfter));
    assertThat(enqueue(body.replace("ROUTING_KEY", events.key())).status()).isEqualTo(202);
  }

  @Test
  void anOverloadedIntakeIsAnswered503WithRetryAfter() {
    Integration events = integration("events_v2");
    INTAKE.overloaded(7);

    Api.Reply reply =
        enqueue(fixture("events-v2/trigger.json").replace("ROUTING_KEY", events.key()));

    assertThat(reply.status()).as("%s", reply).isEqualTo(503);
    assertThat(reply.headers().firstValue("Retry-After")).contains("7");
    assertThat(reply.body().path("status").asText()).isEqualTo("unavailable");
    assertThat(INTAKE.calls()).isEmpty();
  }

  @Test
  void aRequestThatWaitedLongerThanTheLimitToBeHandledIsAnswered503Unread() throws Exception {
    Integration events = integration("events_v2");
    byte[] body =
        fixture("events-v2/trigger.json")
            .replace("ROUTING_KEY", events.key())
            .getBytes(StandardCharsets.UTF_8);

    String answer;
    try (Socket socket = new Socket("localhost", app.getLocalPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      // The request begins now (Jetty takes the instant); its handling waits for the rest of its
      // head, as it would wait for a thread on an overloaded node, while its age's clock moves on.
      out.write("POST /v2/enqueue HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      REQUEST_CLOCK_AHEAD.set(MAX_REQUEST_AGE.plusMillis(500).toNanos());
      out.write(
          ("Host: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(answer).startsWith("HTTP/1.1 503");
    assertThat(answer).containsIgnoringCase("Retry-After: 1");
    assertThat(answer).contains("\"status\":\"unavailable\"");
    assertThat(INTAKE.calls()).isEmpty();
  }

  @Test
  void aRotatedKeyIsRefusedAtOnceAndADeletedIntegrationsKeyToo() {
    Integration events = integration("events_v2");
    String body = fixture("events-v2/trigger.json");
    assertThat(enqueue(body.replace("ROUTING_KEY", events.key())).status()).isEqualTo(202);

    Api.Reply rotated =
        api.post(
            "/api/v1/services/" + serviceId + "/integrations/" + events.id() + "/rotate-key",
            null,
            owner);
    String newKey = rotated.body().path("key").asText();

    assertRejected(enqueue(body.replace("ROUTING_KEY", events.key())), "'routing_key' is not");
    assertThat(enqueue(body.replace("ROUTING_KEY", newKey)).status()).isEqualTo(202);
    api.delete("/api/v1/services/" + serviceId + "/integrations/" + events.id(), owner);
    assertRejected(enqueue(body.replace("ROUTING_KEY", newKey)), "'routing_key' is not");
    assertThat(INTAKE.events()).hasSize(2);
  }

  @Test
  void aKeyDeletedByAnotherNodeStopsRoutingHereOnceTheRouteCacheTimeHasPassed() {
    Integration events = integration("events_v2");
    String body = fixture("events-v2/trigger.json").replace("ROUTING_KEY", events.key());
    assertThat(enqueue(body).status()).isEqualTo(202);

    // Another node deletes it: this node is not told, and refuses the key once its route expires.
    TestDatabase.get()
        .executeInTenant(
            owner.tenantId(), "DELETE FROM alert_integrations WHERE id = ?::uuid", events.id());
    TestClock.shared().advance(ROUTE_CACHE_TTL.plusSeconds(1));

    assertRejected(enqueue(body), "'routing_key' is not");
    assertThat(INTAKE.events()).hasSize(1);
  }

  @Test
  void aKeyWorksOnlyThroughItsOwnIntegrationType() {
    Integration events = integration("events_v2");
    Integration am = integration("alertmanager");
    assertRejected(
        post(
            "/api/v1/integrations/alertmanager/" + events.key(),
            fixture("alertmanager/firing.json")),
        "not the key of a alertmanager integration");
    assertRejected(
        enqueue(fixture("events-v2/trigger.json").replace("ROUTING_KEY", am.key())),
        "'routing_key' is not");
    assertThat(INTAKE.calls()).isEmpty();
  }

  @Test
  void alertmanagersWebhookFiresAndResolvesByGroupKey() {
    Integration am = integration("alertmanager");
    Api.Reply firing = post(path(am), fixture("alertmanager/firing.json"));
    Api.Reply resolved = post(path(am), fixture("alertmanager/resolved.json"));

    assertThat(firing.status()).as("%s", firing).isEqualTo(202);
    assertThat(resolved.status()).as("%s", resolved).isEqualTo(202);
    String groupKey = "{}:{alertname=\"HighRequestLatency\"}";
    assertThat(firing.body().path("dedup_key").asText()).isEqualTo(groupKey);
    List<AlertEvent> received = INTAKE.events();
    assertThat(received)
        .extracting(AlertEvent::action)
        .containsExactly(AlertEvent.Action.TRIGGER, AlertEvent.Action.RESOLVE);
    assertThat(received).extracting(AlertEvent::dedupKey).containsOnly(groupKey);
    AlertEvent trigger = received.get(0);
    // No common summary annotation (the two alerts differ): the alert name and the count.
    assertThat(trigger.summary()).isEqualTo("[FIRING:2] HighRequestLatency");
    assertThat(trigger.severity()).isEqualTo(AlertEvent.Severity.CRITICAL);
    assertThat(trigger.urgency()).isEqualTo(Urgency.HIGH);
    assertThat(trigger.source()).isEqualTo("api");
    assertThat(trigger.timestamp()).isEqualTo(Instant.parse("2026-12-07T09:59:30.5Z"));
    assertThat(trigger.client()).isEqualTo("Alertmanager");
    assertThat(trigger.clientUrl()).isEqualTo("http://alertmanager.example:9093");
    JsonNode details = trigger.customDetails();
    assertThat(details.path("commonLabels").path("job").asText()).isEqualTo("api");
    assertThat(details.path("alerts")).hasSize(2);
    assertThat(details.path("alerts").get(1).path("annotations").path("summary").asText())
        .isEqualTo("High request latency on api-2");
    assertThat(trigger.links())
        .extracting(AlertEvent.Link::href)
        .containsExactly(
            "http://prometheus.example:9090/graph?g0.expr=job%3Aapi_latency_p99%3E1&g0.tab=1",
            "http://alertmanager.example:9093");
    assertThat(counter(InboundEvents.ACCEPTED + ".alertmanager")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void alertmanagerBadPayloadsAreRefused() {
    Integration am = integration("alertmanager");
    assertRejected(
        post(
            path(am),
            fixture("alertmanager/firing.json")
                .replace("\"firing\",\"alerts\"", "\"odd\",\"alerts\"")),
        "'status' must be firing or resolved");
    assertRejected(
        post(
            path(am),
            fixture("alertmanager/firing.json").replace("\"version\":\"4\"", "\"version\":\"3\"")),
        "'version' 3 is not supported");
    assertRejected(
        post(path(am), "{\"status\":\"firing\",\"alerts\":[]}"), "'groupKey' is missing");
    assertRejected(
        post(
            "/api/v1/integrations/alertmanager/" + "z".repeat(32),
            fixture("alertmanager/firing.json")),
        "not the key");
    assertThat(INTAKE.calls()).isEmpty();
  }

  @Test
  void theGenericWebhookTriggersAndResolves() {
    Integration generic = integration("generic");
    Api.Reply trigger =
        post(
            path(generic),
            "{\"summary\":\"Backup failed\",\"source\":\"cron@db-1\",\"details\":{\"exit\":2},"
                + "\"links\":[{\"href\":\"https://ci.example.com/1\",\"text\":\"log\"}]}");
    assertThat(trigger.status()).as("%s", trigger).isEqualTo(202);
    String dedupKey = trigger.body().path("dedup_key").asText();
    Api.Reply resolve =
        post(path(generic), "{\"action\":\"resolve\",\"dedupKey\":\"" + dedupKey + "\"}");
    assertThat(resolve.status()).as("%s", resolve).isEqualTo(202);

    List<AlertEvent> received = INTAKE.events();
    assertThat(received)
        .extracting(AlertEvent::action)
        .containsExactly(AlertEvent.Action.TRIGGER, AlertEvent.Action.RESOLVE);
    assertThat(received.get(0).summary()).isEqualTo("Backup failed");
    assertThat(received.get(0).severity()).isEqualTo(AlertEvent.Severity.ERROR);
    assertThat(received.get(0).urgency()).isEqualTo(Urgency.HIGH);
    assertThat(received.get(0).source()).isEqualTo("cron@db-1");
    assertThat(received.get(0).customDetails().path("exit").asInt()).isEqualTo(2);
    assertThat(received.get(0).links())
        .containsExactly(new AlertEvent.Link("https://ci.example.com/1", "log"));
    assertThat(received.get(1).dedupKey()).isEqualTo(dedupKey);

    assertRejected(post(path(generic), "{\"source\":\"x\"}"), "'summary' is missing");
    assertRejected(post(path(generic), "{\"action\":\"resolve\"}"), "'dedupKey' is required");
    assertRejected(
        post(path(generic), "{\"summary\":\"s\",\"severity\":\"page\"}"), "'severity' must be");
    assertThat(INTAKE.events()).hasSize(2);
  }

  @Test
  void aSessionBrowserWithoutCsrfTokenIsNotNeededNorInTheWay() {
    Integration events = integration("events_v2");
    Api.Reply reply =
        api.raw(
            "POST",
            "/v2/enqueue",
            "text/plain",
            fixture("events-v2/trigger.json")
                .replace("ROUTING_KEY", events.key())
                .getBytes(StandardCharsets.UTF_8),
            owner.withoutCsrf());
    assertThat(reply.status()).as("%s", reply).isEqualTo(202);
  }
}
