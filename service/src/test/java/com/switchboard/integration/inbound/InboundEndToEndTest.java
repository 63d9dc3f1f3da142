package com.switchboard.integration.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The exact JSON of an Events API v2 client and of Alertmanager, through the application's own
 * alert intake, trigger, dedupe and resolve incidents. Needs the alert core (branch helper/alert):
 * on main the application refuses events with 503 until it is merged.
 */
@Disabled("enable once the alert intake (helper/alert) is merged and wired as the application's")
class InboundEndToEndTest {
  private final Api api = TestApp.api();
  private Api.Login owner;
  private String serviceId;

  @BeforeEach
  void tenant() {
    owner = api.signup("Inbound End To End");
    serviceId =
        api.createService(owner, "Checkout", "", api.createTeam(owner, "Web", "engineering"));
  }

  private Api.Reply post(String path, String body) {
    return api.raw(
        "POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8), Api.ANONYMOUS);
  }

  private JsonNode incidents() {
    Api.Reply reply = api.get("/api/v1/incidents?serviceId=" + serviceId, owner);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.body().path("items");
  }

  private Map<String, String> integration(String type) {
    Api.Reply created =
        api.post(
            "/api/v1/services/" + serviceId + "/integrations",
            Map.of("type", type, "name", type),
            owner);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return Map.of(
        "key",
        created.body().path("key").asText(),
        "path",
        created.body().path("url").asText().substring("http://localhost:8080".length()));
  }

  @Test
  void eventsV2TriggersDedupeOntoOneIncidentAndResolveIt() {
    String key = integration("events_v2").get("key");
    String trigger =
        InboundEventsTest.fixture("events-v2/trigger.json").replace("ROUTING_KEY", key);
    assertThat(post("/v2/enqueue", trigger).status()).isEqualTo(202);
    assertThat(post("/v2/enqueue", trigger).status()).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode items = incidents();
              assertThat(items).hasSize(1);
              assertThat(items.get(0).path("dedupKey").asText()).isEqualTo("db-1/disk");
              assertThat(items.get(0).path("alertCount").asInt()).isEqualTo(2);
            });

    String resolve =
        InboundEventsTest.fixture("events-v2/resolve.json").replace("ROUTING_KEY", key);
    assertThat(post("/v2/enqueue", resolve).status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(incidents().get(0).path("status").asText()).isEqualTo("resolved"));
  }

  @Test
  void alertmanagerFiringOpensAnIncidentAndResolvedResolvesIt() {
    String path = integration("alertmanager").get("path");
    assertThat(post(path, InboundEventsTest.fixture("alertmanager/firing.json")).status())
        .isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode items = incidents();
              assertThat(items).hasSize(1);
              assertThat(items.get(0).path("status").asText()).isEqualTo("triggered");
              assertThat(items.get(0).path("urgency").asText()).isEqualTo("high");
            });

    assertThat(post(path, InboundEventsTest.fixture("alertmanager/resolved.json")).status())
        .isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(incidents().get(0).path("status").asText()).isEqualTo("resolved"));
  }
}
