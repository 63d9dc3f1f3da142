package com.switchboard.integration.inbound;

import static com.switchboard.integration.inbound.InboundEventsTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact JSON a PagerDuty Events v2 client and Prometheus Alertmanager (webhook, version 4)
 * send, through the real intake and processor: they open one incident per dedup key, count repeats
 * on it, page once, and acknowledge and resolve it by the key.
 */
class InboundToIncidentTest {
  private static final AtomicInteger PHONES = new AtomicInteger(7300);

  private final Api api = TestApp.api();
  private Login owner;
  private Paging paging;
  private String phone;
  private String service;

  @BeforeEach
  void setUp() {
    owner = api.signup("Inbound To Incident");
    paging = new Paging(api, owner);
    Login member = api.addMember(owner, "responder");
    phone = "+1415556" + PHONES.incrementAndGet();
    String method = paging.verifiedMethod(member.userId(), "sms", phone);
    paging.rule(member.userId(), method, "high", 0);
    paging.rule(member.userId(), method, "low", 0);
    String policy = paging.policy("On call", 0, 30, List.of(List.of(Paging.user(member.userId()))));
    service = paging.service("Checkout", policy);
  }

  private record Integration(String key, String path) {}

  private Integration integration(String type) {
    Api.Reply created =
        api.post(
            "/api/v1/services/" + service + "/integrations",
            Map.of("type", type, "name", "Our " + type),
            owner);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return new Integration(
        created.body().path("key").asText(),
        URI.create(created.body().path("url").asText()).getRawPath());
  }

  private Api.Reply post(String path, String body) {
    return api.raw(
        "POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8), Api.ANONYMOUS);
  }

  private void awaitProcessed() {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                TestDatabase.get()
                        .countInTenant(owner.tenantId(), "alert_events WHERE processed_at IS NULL")
                    == 0);
  }

  private List<JsonNode> incidents() {
    List<JsonNode> items = new ArrayList<>();
    api.get(
            "/api/v1/incidents?status=triggered,acknowledged,resolved&limit=100&serviceId="
                + service,
            owner)
        .body()
        .path("items")
        .forEach(items::add);
    return items;
  }

  private JsonNode onlyIncident() {
    List<JsonNode> incidents = incidents();
    assertThat(incidents).hasSize(1);
    return incidents.get(0);
  }

  @Test
  void eventsV2TriggerTwiceThenAcknowledgeThenResolveByDedupKey() {
    Integration events = integration("events_v2");
    String trigger = fixture("events-v2/trigger.json").replace("ROUTING_KEY", events.key());
    for (int i = 0; i < 2; i++) {
      Api.Reply accepted = post("/v2/enqueue", trigger);
      assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
      assertThat(accepted.body().path("dedup_key").asText()).isEqualTo("db-1/disk");
    }
    awaitProcessed();
    JsonNode incident = onlyIncident();
    assertThat(incident.path("title").asText()).isEqualTo("Disk 95% full on db-1.example.com");
    assertThat(incident.path("alertCount").asInt()).isEqualTo(2);
    assertThat(incident.path("urgency").asText()).isEqualTo("low");
    assertThat(paging.awaitPages(1)).hasSize(1);
    JsonNode alerts =
        api.get("/api/v1/incidents/" + incident.path("id").asText() + "/alerts", owner).body();
    assertThat(alerts.path("items")).hasSize(1);
    assertThat(alerts.path("items").get(0).path("links").get(0).path("href").asText())
        .isEqualTo("https://runbooks.example.com/disk-full");
    assertThat(alerts.path("items").get(0).path("clientUrl").asText())
        .isEqualTo("https://monitoring.example.com");

    assertThat(
            post(
                    "/v2/enqueue",
                    fixture("events-v2/acknowledge.json").replace("ROUTING_KEY", events.key()))
                .status())
        .isEqualTo(202);
    awaitProcessed();
    assertThat(onlyIncident().path("status").asText()).isEqualTo("acknowledged");

    assertThat(
            post(
                    "/api/v1/integrations/events",
                    fixture("events-v2/resolve.json").replace("ROUTING_KEY", events.key()))
                .status())
        .isEqualTo(202);
    awaitProcessed();
    assertThat(onlyIncident().path("status").asText()).isEqualTo("resolved");
    assertThat(
            TestDatabase.get()
                .countInTenant(owner.tenantId(), "notifications WHERE address = '" + phone + "'"))
        .as("one page for the whole life of the alert")
        .isEqualTo(1);
  }

  @Test
  void alertmanagerGroupFiresOnceRepeatsOnTheSameIncidentAndResolves() {
    Integration am = integration("alertmanager");
    String firing = fixture("alertmanager/firing.json");
    assertThat(post(am.path(), firing).status()).isEqualTo(202);
    assertThat(post(am.path(), firing).status()).isEqualTo(202);
    awaitProcessed();
    JsonNode incident = onlyIncident();
    assertThat(incident.path("status").asText()).isEqualTo("triggered");
    assertThat(incident.path("alertCount").asInt()).isEqualTo(2);
    assertThat(incident.path("urgency").asText()).isEqualTo("high");
    assertThat(paging.awaitPages(1)).hasSize(1);

    assertThat(post(am.path(), fixture("alertmanager/resolved.json")).status()).isEqualTo(202);
    awaitProcessed();
    assertThat(onlyIncident().path("status").asText()).isEqualTo("resolved");
  }
}
