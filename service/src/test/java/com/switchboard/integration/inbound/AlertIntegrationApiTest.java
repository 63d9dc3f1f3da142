package com.switchboard.integration.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Owners and admins manage a service's inbound integrations and the severity mapping. */
class AlertIntegrationApiTest {
  private final Api api = TestApp.api();
  private Api.Login owner;
  private String serviceId;

  @BeforeEach
  void tenant() {
    owner = api.signup("Inbound Crud");
    serviceId =
        api.createService(owner, "Checkout", "", api.createTeam(owner, "Web", "engineering"));
  }

  private String path() {
    return "/api/v1/services/" + serviceId + "/integrations";
  }

  private List<List<String>> keyRoutes() {
    return TenantRows.rows(
        owner.tenantId(),
        "SELECT tenant_id::text, integration_id::text FROM alert_integration_keys"
            + " WHERE tenant_id = ?::uuid ORDER BY integration_id",
        owner.tenantId());
  }

  @Test
  void createsListsRotatesAndDeletesIntegrationsWithTheirUrls() {
    Api.Reply events = api.post(path(), Map.of("type", "events_v2", "name", "Datadog"), owner);
    assertThat(events.status()).as("%s", events).isEqualTo(201);
    JsonNode body = events.body();
    assertThat(body.path("serviceId").asText()).isEqualTo(serviceId);
    assertThat(body.path("type").asText()).isEqualTo("events_v2");
    assertThat(body.path("name").asText()).isEqualTo("Datadog");
    String key = body.path("key").asText();
    assertThat(key).matches("[a-z0-9]{32}");
    assertThat(body.path("url").asText()).isEqualTo("http://localhost:8080/v2/enqueue");
    assertThat(body.path("createdAt").asText()).isNotEmpty();

    Api.Reply am = api.post(path(), Map.of("type", "alertmanager", "name", "Prometheus"), owner);
    assertThat(am.status()).as("%s", am).isEqualTo(201);
    String amKey = am.body().path("key").asText();
    assertThat(am.body().path("url").asText())
        .isEqualTo("http://localhost:8080/api/v1/integrations/alertmanager/" + amKey);
    Api.Reply generic = api.post(path(), Map.of("type", "generic", "name", "Cron"), owner);
    assertThat(generic.body().path("url").asText())
        .endsWith("/api/v1/integrations/generic/" + generic.body().path("key").asText());
    // Heartbeat and email integrations are stored now; their receivers come separately.
    assertThat(api.post(path(), Map.of("type", "heartbeat", "name", "Nightly"), owner).status())
        .isEqualTo(201);

    Api.Reply list = api.get(path(), owner);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().path("items")).hasSize(4);
    Api.Reply one = api.get(path() + "/" + events.id(), owner);
    assertThat(one.body().path("key").asText()).isEqualTo(key);
    assertThat(keyRoutes()).hasSize(4);

    Api.Reply rotated = api.post(path() + "/" + events.id() + "/rotate-key", null, owner);
    assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
    assertThat(rotated.body().path("key").asText()).matches("[a-z0-9]{32}").isNotEqualTo(key);
    assertThat(keyRoutes()).hasSize(4);

    Api.Reply deleted = api.delete(path() + "/" + events.id(), owner);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(api.get(path() + "/" + events.id(), owner).status()).isEqualTo(404);
    assertThat(keyRoutes()).hasSize(3);

    assertThat(
            TenantRows.rows(
                owner.tenantId(),
                "SELECT action FROM audit_events WHERE tenant_id = ?::uuid"
                    + " AND target_type = 'alert_integration' ORDER BY occurred_at, action",
                owner.tenantId()))
        .extracting(row -> row.get(0))
        .contains(
            "alert_integration.created",
            "alert_integration.key_rotated",
            "alert_integration.deleted");
  }

  @Test
  void theKeyRoutingTableHoldsOnlyAHashOfTheKey() {
    Api.Reply created = api.post(path(), Map.of("type", "events_v2", "name", "Datadog"), owner);
    String key = created.body().path("key").asText();
    List<List<String>> rows =
        TenantRows.rows(
            owner.tenantId(),
            "SELECT encode(key_sha256, 'hex') FROM alert_integration_keys"
                + " WHERE integration_id = ?::uuid",
            created.id());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get(0)).hasSize(64).doesNotContain(key);
  }

  @Test
  void badInputIsRefused() {
    assertThat(api.post(path(), Map.of("type", "nagios", "name", "x"), owner).status())
        .isEqualTo(422);
    assertThat(api.post(path(), Map.of("type", "generic", "name", " "), owner).status())
        .isEqualTo(422);
    assertThat(api.post(path(), Map.of("type", "generic"), owner).status()).isEqualTo(422);
    assertThat(
            api.post(
                    "/api/v1/services/" + java.util.UUID.randomUUID() + "/integrations",
                    Map.of("type", "generic", "name", "x"),
                    owner)
                .status())
        .isEqualTo(404);
    assertThat(api.get("/api/v1/services/not-a-uuid/integrations", owner).status()).isEqualTo(404);
  }

  @Test
  void onlyOwnersAndAdminsSeeIntegrationsAndChangeTheMapping() {
    Api.Reply created = api.post(path(), Map.of("type", "generic", "name", "Cron"), owner);
    Api.Login admin = api.addMember(owner, "admin");
    Api.Login responder = api.addMember(owner, "responder");
    Api.Login viewer = api.addMember(owner, "viewer");
    assertThat(api.get(path(), admin).status()).isEqualTo(200);
    for (Api.Login other : List.of(responder, viewer)) {
      assertThat(api.get(path(), other).status()).isEqualTo(403);
      assertThat(api.get(path() + "/" + created.id(), other).status()).isEqualTo(403);
      assertThat(
              api.put("/api/v1/alert-settings/severity-urgency", Map.of("warning", "high"), other)
                  .status())
          .isEqualTo(403);
      assertThat(api.get("/api/v1/alert-settings/severity-urgency", other).status()).isEqualTo(200);
    }
  }

  @Test
  void theSeverityMappingHasDefaultsAndChangesPerSeverity() {
    Api.Reply defaults = api.get("/api/v1/alert-settings/severity-urgency", owner);
    assertThat(defaults.status()).isEqualTo(200);
    assertThat(defaults.body().toString())
        .isEqualTo(
            "{\"critical\":\"high\",\"error\":\"high\",\"warning\":\"low\",\"info\":\"low\"}");

    Api.Reply changed =
        api.put(
            "/api/v1/alert-settings/severity-urgency",
            Map.of("warning", "high", "error", "low"),
            owner);
    assertThat(changed.status()).as("%s", changed).isEqualTo(200);
    assertThat(changed.body().toString())
        .isEqualTo(
            "{\"critical\":\"high\",\"error\":\"low\",\"warning\":\"high\",\"info\":\"low\"}");
    assertThat(api.get("/api/v1/alert-settings/severity-urgency", owner).body())
        .isEqualTo(changed.body());

    assertThat(
            api.put("/api/v1/alert-settings/severity-urgency", Map.of("fatal", "high"), owner)
                .status())
        .isEqualTo(422);
    assertThat(
            api.put("/api/v1/alert-settings/severity-urgency", Map.of("info", "urgent"), owner)
                .status())
        .isEqualTo(422);
    assertThat(api.put("/api/v1/alert-settings/severity-urgency", Map.of(), owner).status())
        .isEqualTo(422);
    assertThat(api.put("/api/v1/alert-settings/severity-urgency", List.of(1), owner).status())
        .isEqualTo(400);
  }
}
