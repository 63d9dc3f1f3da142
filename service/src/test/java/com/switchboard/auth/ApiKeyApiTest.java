package com.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyApiTest {
  private static final List<String> ROLES =
      List.of("owner", "admin", "responder", "agent", "viewer");

  private final Api api = TestApp.api();

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.get().truncateAll();
  }

  private Api.Reply create(Api.Login admin, String name, String role) {
    return api.post("/api/v1/api-keys", Map.of("name", name, "role", role), admin);
  }

  private static Api.Key keyOf(Api.Login admin, Api.Reply created) {
    return new Api.Key(admin.tenantId(), created.body().path("token").asText());
  }

  private JsonNode listed(Api.Login admin, String keyId) {
    Api.Reply list = api.get("/api/v1/api-keys", admin);
    assertThat(list.status()).isEqualTo(200);
    for (JsonNode item : list.body().path("items")) {
      if (item.path("id").asText().equals(keyId)) {
        return item;
      }
    }
    throw new AssertionError("key " + keyId + " is not listed: " + list);
  }

  @Test
  void createShowsTheTokenOnceAndTheListOnlyShowsAHint() {
    Api.Login owner = api.signup("Acme");

    Api.Reply created = create(owner, "  Deploy bot  ", "responder");

    assertThat(created.status()).isEqualTo(201);
    String token = created.body().path("token").asText();
    assertThat(token).startsWith("sbk_").hasSizeGreaterThan(40);
    JsonNode key = created.body().path("key");
    assertThat(key.path("name").asText()).isEqualTo("Deploy bot");
    assertThat(key.path("role").asText()).isEqualTo("responder");
    assertThat(key.path("createdBy").asText()).isEqualTo(owner.userId());
    assertThat(key.path("tokenHint").asText()).isEqualTo("…" + token.substring(token.length() - 4));
    assertThat(key.path("revokedAt").isNull()).isTrue();

    Api.Reply list = api.get("/api/v1/api-keys", owner);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().path("items")).hasSize(1);
    JsonNode listed = list.body().path("items").get(0);
    assertThat(listed.path("id").asText()).isEqualTo(key.path("id").asText());
    assertThat(listed.path("tokenHint").asText()).isEqualTo(key.path("tokenHint").asText());
    assertThat(listed.has("token")).isFalse();
    assertThat(listed.has("tokenHash")).isFalse();
    assertThat(list.raw()).doesNotContain(token).doesNotContain(token.substring(4, 40));
  }

  @Test
  void eachCreatedKeyHasItsOwnToken() {
    Api.Login owner = api.signup("Acme");

    String first = create(owner, "one", "viewer").body().path("token").asText();
    String second = create(owner, "two", "viewer").body().path("token").asText();

    assertThat(first).isNotEqualTo(second);
    assertThat(api.get("/api/v1/api-keys", owner).body().path("items")).hasSize(2);
  }

  @Test
  void aKeyAuthenticatesAsBearerOnBehalfOfItsCreator() {
    Api.Login owner = api.signup("Acme");
    Api.Key key = keyOf(owner, create(owner, "ci", "admin"));

    Api.Reply me = api.get("/api/v1/session", key);

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().path("authMethod").asText()).isEqualTo("API_KEY");
    assertThat(me.body().path("user").path("id").asText()).isEqualTo(owner.userId());
    assertThat(me.body().path("tenant").path("id").asText()).isEqualTo(owner.tenantId());
    assertThat(me.body().path("csrfToken").isNull()).isTrue();
  }

  @Test
  void keysOfEveryRoleCanReadAndNeedNoCsrfToken() {
    Api.Login owner = api.signup("Acme");

    for (String role : ROLES) {
      Api.Key key = keyOf(owner, create(owner, role + " key", role));
      assertThat(api.get("/api/v1/users", key).status())
          .as("%s key lists users", role)
          .isEqualTo(200);
      assertThat(api.get("/api/v1/teams", key).status())
          .as("%s key lists teams", role)
          .isEqualTo(200);
      assertThat(api.get("/api/v1/services", key).status())
          .as("%s key searches services", role)
          .isEqualTo(200);
    }
  }

  @Test
  void aKeyActsWithItsOwnRoleNotItsCreatorsRole() {
    Api.Login owner = api.signup("Acme");

    List<String> allowedToWrite = new ArrayList<>();
    for (String role : ROLES) {
      Api.Key key = keyOf(owner, create(owner, role + " key", role));
      Api.Reply write =
          api.post("/api/v1/teams", Map.of("name", "Team of " + role, "kind", "engineering"), key);
      if (write.status() == 201) {
        allowedToWrite.add(role);
      } else {
        assertThat(write.status()).as("%s key writing a team", role).isEqualTo(403);
        assertThat(write.errorCode()).isEqualTo("forbidden");
      }
      Api.Reply audit = api.get("/api/v1/audit", key);
      assertThat(audit.status())
          .as("%s key reading the audit log", role)
          .isEqualTo(role.equals("owner") || role.equals("admin") ? 200 : 403);
    }

    assertThat(allowedToWrite).containsExactly("owner", "admin");
    assertThat(api.get("/api/v1/teams", owner).body().path("items").findValuesAsText("name"))
        .containsExactly("Team of admin", "Team of owner");
  }

  @Test
  void anAdminKeyCannotMintAnOwnerKeyButAnOwnerKeyCan() {
    Api.Login owner = api.signup("Acme");
    Api.Key adminKey = keyOf(owner, create(owner, "admin key", "admin"));
    Api.Key ownerKey = keyOf(owner, create(owner, "owner key", "owner"));
    Map<String, Object> ownerRequest = Map.of("name", "escalated", "role", "owner");

    Api.Reply byAdminKey = api.post("/api/v1/api-keys", ownerRequest, adminKey);
    Api.Reply byOwnerKey = api.post("/api/v1/api-keys", ownerRequest, ownerKey);

    assertThat(byAdminKey.status()).isEqualTo(403);
    assertThat(byAdminKey.errorCode()).isEqualTo("forbidden");
    assertThat(byOwnerKey.status()).isEqualTo(201);
    assertThat(byOwnerKey.body().path("key").path("role").asText()).isEqualTo("owner");
  }

  @Test
  void adminsCannotCreateOwnerKeysAndNonAdminsCannotManageKeys() {
    Api.Login owner = api.signup("Acme");
    Api.Login admin = api.addMember(owner, "admin");
    Api.Login responder = api.addMember(owner, "responder");

    Api.Reply ownerKeyByAdmin = create(admin, "too strong", "owner");
    assertThat(ownerKeyByAdmin.status()).isEqualTo(403);
    assertThat(ownerKeyByAdmin.errorCode()).isEqualTo("forbidden");
    assertThat(create(admin, "fine", "admin").status()).isEqualTo(201);

    assertThat(create(responder, "nope", "viewer").status()).isEqualTo(403);
    assertThat(api.get("/api/v1/api-keys", responder).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/api-keys", owner).body().path("items")).hasSize(1);
  }

  @Test
  void createRejectsAMissingNameOrAnUnknownRole() {
    Api.Login owner = api.signup("Acme");

    Api.Reply blank = create(owner, "   ", "viewer");
    Api.Reply badRole = create(owner, "key", "superuser");

    assertThat(blank.status()).isEqualTo(422);
    assertThat(blank.body().path("error").path("fields").findValuesAsText("field"))
        .contains("name");
    assertThat(badRole.status()).isEqualTo(400);
    assertThat(badRole.errorCode()).isEqualTo("invalid_type");
    assertThat(api.get("/api/v1/api-keys", owner).body().path("items")).isEmpty();
  }

  @Test
  void aRevokedKeyIsRejectedAndListedAsRevoked() {
    Api.Login owner = api.signup("Acme");
    Api.Reply created = create(owner, "ci", "admin");
    Api.Key key = keyOf(owner, created);
    String id = created.body().path("key").path("id").asText();
    assertThat(api.get("/api/v1/teams", key).status()).isEqualTo(200);

    Api.Reply revoke = api.delete("/api/v1/api-keys/" + id, owner);

    assertThat(revoke.status()).isEqualTo(204);
    Api.Reply after = api.get("/api/v1/teams", key);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.errorCode()).isEqualTo("unauthorized");
    assertThat(listed(owner, id).path("revokedAt").isNull()).isFalse();
    assertThat(api.delete("/api/v1/api-keys/" + id, owner).status())
        .as("revoking twice is harmless")
        .isEqualTo(204);
  }

  @Test
  void revokedKeysAreListedAfterActiveOnes() {
    Api.Login owner = api.signup("Acme");
    String old = create(owner, "old", "viewer").body().path("key").path("id").asText();
    String kept = create(owner, "kept", "viewer").body().path("key").path("id").asText();
    api.delete("/api/v1/api-keys/" + kept, owner);
    String newest = create(owner, "newest", "viewer").body().path("key").path("id").asText();

    Api.Reply list = api.get("/api/v1/api-keys", owner);

    assertThat(list.body().path("items").findValuesAsText("id")).containsExactly(newest, old, kept);
  }

  @Test
  void revokingAnUnknownKeyIsNotFound() {
    Api.Login owner = api.signup("Acme");

    assertThat(api.delete("/api/v1/api-keys/5b0c8f0e-0000-4000-8000-000000000000", owner).status())
        .isEqualTo(404);
    assertThat(api.delete("/api/v1/api-keys/not-a-uuid", owner).status()).isEqualTo(404);
  }

  @Test
  void aKeyOfAnotherTenantCannotBeRevokedOrSeen() {
    Api.Login acme = api.signup("Acme");
    Api.Login globex = api.signup("Globex");
    Api.Reply created = create(acme, "acme ci", "admin");
    String id = created.body().path("key").path("id").asText();

    assertThat(api.delete("/api/v1/api-keys/" + id, globex).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/api-keys", globex).body().path("items")).isEmpty();
    assertThat(api.get("/api/v1/teams", keyOf(acme, created)).status()).isEqualTo(200);
  }

  @Test
  void lastUsedAtIsSetWhenTheKeyIsUsed() {
    Api.Login owner = api.signup("Acme");
    Api.Reply created = create(owner, "ci", "viewer");
    String id = created.body().path("key").path("id").asText();
    assertThat(created.body().path("key").path("lastUsedAt").isNull()).isTrue();
    assertThat(listed(owner, id).path("lastUsedAt").isNull()).isTrue();

    assertThat(api.get("/api/v1/teams", keyOf(owner, created)).status()).isEqualTo(200);

    JsonNode used = listed(owner, id);
    assertThat(used.path("lastUsedAt").isTextual()).isTrue();
    assertThat(java.time.Instant.parse(used.path("lastUsedAt").asText()))
        .isAfterOrEqualTo(java.time.Instant.parse(used.path("createdAt").asText()));
  }

  @Test
  void tamperedMalformedOrForeignTokensAreRejected() {
    Api.Login owner = api.signup("Acme");
    String token = create(owner, "ci", "admin").body().path("token").asText();
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    String sessionCookieAsKey = owner.cookie();

    for (String bad :
        List.of(tampered, "sbk_garbage", "not-a-key", sessionCookieAsKey, token + "x")) {
      Api.Reply reply = api.get("/api/v1/teams", new Api.Key(owner.tenantId(), bad));
      assertThat(reply.status()).as("token %s", bad).isEqualTo(401);
      assertThat(reply.headers().firstValue("WWW-Authenticate")).isPresent();
    }
    assertThat(api.get("/api/v1/teams", new Api.Key(owner.tenantId(), token)).status())
        .isEqualTo(200);
  }

  @Test
  void aKeyStopsWorkingWhenItsCreatorIsDeactivated() {
    Api.Login owner = api.signup("Acme");
    Api.Login admin = api.addMember(owner, "admin");
    Api.Reply created = create(admin, "admin's bot", "viewer");
    Api.Key key = keyOf(admin, created);
    assertThat(api.get("/api/v1/teams", key).status()).isEqualTo(200);

    assertThat(api.post("/api/v1/users/" + admin.userId() + "/deactivate", null, owner).status())
        .isEqualTo(200);

    assertThat(api.get("/api/v1/teams", key).status()).isEqualTo(401);
    assertThat(
            listed(owner, created.body().path("key").path("id").asText())
                .path("revokedAt")
                .isNull())
        .isFalse();
  }
}
