package com.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlaPolicyApiTest {
  private final Api api = TestApp.api();
  private Login owner;
  private String escalationPolicy;

  @BeforeEach
  void setUp() {
    owner = api.signup("SLA Policies");
    escalationPolicy =
        new Paging(api, owner)
            .policy("Premium support", 0, 5, List.of(List.of(Paging.user(owner.userId()))));
  }

  private Map<String, Object> premium() {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "Premium 24x7");
    body.put("tier", "premium");
    body.put(
        "targets",
        List.of(
            Map.of("priority", "urgent", "firstResponseMinutes", 30, "resolutionMinutes", 240),
            Map.of("priority", "normal", "firstResponseMinutes", 120, "nextResponseMinutes", 240)));
    body.put("escalationPolicyId", escalationPolicy);
    return body;
  }

  private Map<String, Object> businessHours() {
    return Map.of(
        "timeZone",
        "America/New_York",
        "windows",
        List.of(
            Map.of(
                "startDay", "MONDAY",
                "startTime", "09:00",
                "endDay", "MONDAY",
                "endTime", "17:00")),
        "holidays",
        List.of("2026-12-25"));
  }

  @Test
  void anAdminCreatesReadsReplacesAndDeletesAPolicyAndEveryoneReadsIt() {
    Reply created = api.post("/api/v1/sla-policies", premium(), owner);
    assertThat(created.status()).isEqualTo(201);
    JsonNode policy = created.body();
    assertThat(policy.path("tier").asText()).isEqualTo("premium");
    assertThat(policy.path("warningPercent").asInt()).isEqualTo(75);
    assertThat(policy.path("businessHours").isNull()).isTrue();
    assertThat(policy.path("targets").get(0).path("resolutionMinutes").asInt()).isEqualTo(240);
    assertThat(policy.path("targets").get(0).path("nextResponseMinutes").isNull()).isTrue();

    Login viewer = api.addMember(owner, "viewer");
    assertThat(api.get("/api/v1/sla-policies", viewer).body().path("items")).hasSize(1);
    assertThat(api.get("/api/v1/sla-policies/" + created.id(), viewer).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/sla-policies", premium(), viewer).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/sla-policies", premium(), api.addMember(owner, "agent")).status())
        .isEqualTo(403);

    Map<String, Object> business = premium();
    business.put("businessHours", businessHours());
    business.put("warningPercent", 50);
    Reply replaced = api.put("/api/v1/sla-policies/" + created.id(), business, owner);
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.body().path("businessHours").path("timeZone").asText())
        .isEqualTo("America/New_York");
    assertThat(replaced.body().path("businessHours").path("holidays").get(0).asText())
        .isEqualTo("2026-12-25");
    assertThat(
            replaced.body().path("businessHours").path("windows").get(0).path("startTime").asText())
        .isEqualTo("09:00:00");
    assertThat(replaced.body().path("warningPercent").asInt()).isEqualTo(50);

    assertThat(api.delete("/api/v1/sla-policies/" + created.id(), owner).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/sla-policies/" + created.id(), owner).status()).isEqualTo(404);
    JsonNode audit = api.get("/api/v1/audit?limit=50", owner).body();
    assertThat(audit.findValuesAsText("action"))
        .contains("sla_policy.created", "sla_policy.updated", "sla_policy.deleted");
  }

  @Test
  void aTierHasOnePolicyWhateverItsCase() {
    assertThat(api.post("/api/v1/sla-policies", premium(), owner).status()).isEqualTo(201);
    Map<String, Object> again = premium();
    again.put("tier", "PREMIUM");
    Reply clash = api.post("/api/v1/sla-policies", again, owner);
    assertThat(clash.status()).isEqualTo(409);
    assertThat(clash.errorCode()).isEqualTo("conflict");
  }

  @Test
  void badPoliciesAreRefusedWithTheFieldNamed() {
    Map<String, Object> unknownPolicy = premium();
    unknownPolicy.put("escalationPolicyId", "7b3f1c2e-1111-4a4a-9b9b-123456789abc");
    assertRefused(unknownPolicy, 404, "escalation policy not found");

    Map<String, Object> zeroMinutes = premium();
    zeroMinutes.put("targets", List.of(Map.of("priority", "urgent", "firstResponseMinutes", 0)));
    assertRefused(zeroMinutes, 422, "targets[0].firstResponseMinutes");

    Map<String, Object> tooLong = premium();
    tooLong.put("targets", List.of(Map.of("priority", "urgent", "firstResponseMinutes", 525_601)));
    assertRefused(tooLong, 422, "targets[0].firstResponseMinutes");

    Map<String, Object> twice = premium();
    twice.put(
        "targets",
        List.of(
            Map.of("priority", "urgent", "firstResponseMinutes", 5),
            Map.of("priority", "urgent", "firstResponseMinutes", 6)));
    assertRefused(twice, 422, "targets[1].priority");

    Map<String, Object> priority = premium();
    priority.put("targets", List.of(Map.of("priority", "critical", "firstResponseMinutes", 5)));
    assertRefused(priority, 422, "targets[0].priority");

    Map<String, Object> warning = premium();
    warning.put("warningPercent", 100);
    assertRefused(warning, 422, "warningPercent");

    Map<String, Object> zone = premium();
    Map<String, Object> hours = new HashMap<>(businessHours());
    hours.put("timeZone", "EST");
    zone.put("businessHours", hours);
    assertRefused(zone, 422, "businessHours.timeZone");

    Map<String, Object> holiday = premium();
    Map<String, Object> badDate = new HashMap<>(businessHours());
    badDate.put("holidays", List.of("2026-13-45"));
    holiday.put("businessHours", badDate);
    assertThat(api.post("/api/v1/sla-policies", holiday, owner).status()).isBetween(400, 422);

    assertThat(api.get("/api/v1/sla-policies", owner).body().path("items")).isEmpty();
  }

  private void assertRefused(Map<String, Object> body, int status, String field) {
    Reply reply = api.post("/api/v1/sla-policies", body, owner);
    assertThat(reply.status()).as("%s", reply).isEqualTo(status);
    assertThat(reply.body().toString()).contains(field);
  }
}
