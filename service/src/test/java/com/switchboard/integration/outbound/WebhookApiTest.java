package com.switchboard.integration.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookApiTest {
  private static final String URL = "https://hooks.example.test/switchboard";

  private final Api api = TestApp.api();
  private Api.Login owner;

  @BeforeEach
  void tenant() {
    TestDatabase.get().truncateAll();
    owner = api.signup("Hooks");
  }

  private Api.Reply create(Api.Auth as, Object body) {
    return api.post("/api/v1/webhooks", body, as);
  }

  private static Map<String, Object> body(String url, List<String> events) {
    Map<String, Object> body = new HashMap<>();
    body.put("url", url);
    body.put("events", events);
    return body;
  }

  @Test
  void createShowsTheSecretOnceAndTheRestNeverDoes() {
    Api.Reply created =
        create(
            owner,
            Map.of(
                "url",
                URL,
                "events",
                List.of("ticket.created", "sla.breached", "ticket.created"),
                "description",
                "  Zendesk bridge  "));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String secret = created.body().path("secret").asText();
    assertThat(secret).startsWith("whsec_").hasSize("whsec_".length() + 43);
    String id = created.id();
    assertThat(created.body().path("url").asText()).isEqualTo(URL);
    assertThat(created.body().path("description").asText()).isEqualTo("Zendesk bridge");
    assertThat(texts(created.body().path("events")))
        .containsExactly("ticket.created", "sla.breached");
    assertThat(created.body().path("enabled").asBoolean()).isTrue();
    assertThat(created.body().path("secretHint").asText())
        .isEqualTo("…" + secret.substring(secret.length() - 4));

    Api.Reply list = api.get("/api/v1/webhooks", owner);
    Api.Reply one = api.get("/api/v1/webhooks/" + id, owner);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().path("items")).hasSize(1);
    assertThat(one.status()).isEqualTo(200);
    for (Api.Reply reply : List.of(list, one)) {
      assertThat(reply.raw()).doesNotContain(secret).doesNotContain(secret.substring(6, 30));
      assertThat(reply.raw()).doesNotContain("\"secret\"");
    }

    Api.Reply rotated = api.post("/api/v1/webhooks/" + id + "/rotate-secret", null, owner);
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
    String newSecret = rotated.body().path("secret").asText();
    assertThat(newSecret).startsWith("whsec_").isNotEqualTo(secret);
    assertThat(rotated.id()).isEqualTo(id);

    JsonNode audit = api.get("/api/v1/audit", owner).body();
    assertThat(audit.path("items").findValuesAsText("action"))
        .contains("webhook.created", "webhook.secret_rotated");
    assertThat(audit.toString()).doesNotContain(secret).doesNotContain(newSecret);
  }

  @Test
  void putReplacesTheEndpointAndDeleteRemovesIt() {
    String id = create(owner, body(URL, List.of("ticket.created"))).id();

    Api.Reply updated =
        api.put(
            "/api/v1/webhooks/" + id,
            Map.of("url", URL + "/v2", "events", List.of("ticket.follow_up_due"), "enabled", false),
            owner);

    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.body().path("url").asText()).isEqualTo(URL + "/v2");
    assertThat(texts(updated.body().path("events"))).containsExactly("ticket.follow_up_due");
    assertThat(updated.body().path("enabled").asBoolean()).isFalse();
    assertThat(updated.body().path("description").asText()).isEmpty();

    assertThat(api.delete("/api/v1/webhooks/" + id, owner).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/webhooks/" + id, owner).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/webhooks/" + id + "/deliveries", owner).status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/webhooks/" + id, owner).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/audit", owner).body().path("items").findValuesAsText("action"))
        .contains("webhook.updated", "webhook.deleted");
  }

  @Test
  void badInputIsA4xxWithTheFieldAndNothingIsKept() {
    Map<String, Object> tooLong =
        body("https://hooks.example.test/" + "a".repeat(2100), List.of("sla.warning"));
    Map<String, Api.Reply> replies = new java.util.LinkedHashMap<>();
    replies.put(
        "unknown event", create(owner, body(URL, List.of("ticket.created", "ticket.exploded"))));
    replies.put("no events", create(owner, body(URL, List.of())));
    replies.put("events missing", create(owner, Map.of("url", URL)));
    replies.put(
        "ftp url", create(owner, body("ftp://hooks.example.test/x", List.of("sla.warning"))));
    replies.put("relative url", create(owner, body("/hooks", List.of("sla.warning"))));
    replies.put(
        "credentials in url",
        create(owner, body("https://user:pw@hooks.example.test/", List.of("sla.warning"))));
    replies.put("url too long", create(owner, tooLong));
    replies.put(
        "url not a string", create(owner, Map.of("url", 42, "events", List.of("sla.warning"))));
    replies.put(
        "unknown field",
        create(owner, Map.of("url", URL, "events", List.of("sla.warning"), "secret", "mine")));

    for (Map.Entry<String, Api.Reply> reply : replies.entrySet()) {
      assertThat(reply.getValue().status())
          .as(reply.getKey() + ": " + reply.getValue())
          .isBetween(400, 422);
      assertThat(reply.getValue().errorCode()).as(reply.getKey()).isNotNull();
    }
    assertThat(replies.get("unknown event").status()).isEqualTo(422);
    assertThat(
            replies
                .get("unknown event")
                .body()
                .path("error")
                .path("fields")
                .get(0)
                .path("field")
                .asText())
        .isEqualTo("events[1]");
    assertThat(
            replies
                .get("ftp url")
                .body()
                .path("error")
                .path("fields")
                .get(0)
                .path("field")
                .asText())
        .isEqualTo("url");
    assertThat(api.get("/api/v1/webhooks", owner).body().path("items")).isEmpty();

    String id = create(owner, body(URL, List.of("sla.warning"))).id();
    assertThat(api.get("/api/v1/webhooks/" + id + "/deliveries?limit=0", owner).status())
        .isEqualTo(400);
    assertThat(api.get("/api/v1/webhooks/" + id + "/deliveries?status=lost", owner).status())
        .isEqualTo(400);
    assertThat(api.get("/api/v1/webhooks/not-a-uuid", owner).status()).isEqualTo(404);
    assertThat(
            api.post(
                    "/api/v1/webhooks/"
                        + id
                        + "/deliveries/00000000-0000-0000-0000-000000000000/redeliver",
                    null,
                    owner)
                .status())
        .isEqualTo(404);
  }

  @Test
  void onlyOwnersAndAdminsSeeOrChangeWebhooks() {
    String id = create(owner, body(URL, List.of("sla.warning"))).id();
    Api.Login admin = api.addMember(owner, "admin");
    assertThat(create(admin, body(URL + "/admin", List.of("sla.warning"))).status()).isEqualTo(201);
    assertThat(api.get("/api/v1/webhooks/" + id, api.createKey(owner, "admin")).status())
        .isEqualTo(200);

    for (String role : List.of("responder", "agent", "viewer")) {
      Api.Login member = api.addMember(owner, role);
      assertThat(api.get("/api/v1/webhooks", member).status()).as(role).isEqualTo(403);
      assertThat(api.get("/api/v1/webhooks/" + id, member).status()).as(role).isEqualTo(403);
      assertThat(create(member, body(URL, List.of("sla.warning"))).status())
          .as(role)
          .isEqualTo(403);
      assertThat(api.post("/api/v1/webhooks/" + id + "/rotate-secret", null, member).status())
          .as(role)
          .isEqualTo(403);
      assertThat(api.delete("/api/v1/webhooks/" + id, member).status()).as(role).isEqualTo(403);
    }
    assertThat(api.get("/api/v1/webhooks", Api.ANONYMOUS).status()).isEqualTo(401);
  }

  @Test
  void anotherTenantsWebhookIsNotFound() {
    String id = create(owner, body(URL, List.of("sla.warning"))).id();
    Api.Login other = api.signup("Other");

    assertThat(api.get("/api/v1/webhooks", other).body().path("items")).isEmpty();
    assertThat(api.get("/api/v1/webhooks/" + id, other).status()).isEqualTo(404);
    assertThat(
            api.put("/api/v1/webhooks/" + id, body(URL + "/x", List.of("sla.warning")), other)
                .status())
        .isEqualTo(404);
    assertThat(api.post("/api/v1/webhooks/" + id + "/rotate-secret", null, other).status())
        .isEqualTo(404);
    assertThat(api.get("/api/v1/webhooks/" + id + "/deliveries", other).status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/webhooks/" + id, other).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/webhooks/" + id, owner).body().path("url").asText()).isEqualTo(URL);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new java.util.ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
