package com.switchboard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditApiTest {
  private final Api api = TestApp.api();

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.get().truncateAll();
  }

  /** The id of the newest event the admin can see, 0 if none. */
  private long newestId(Api.Login admin) {
    Api.Reply page = api.get("/api/v1/audit?limit=1", admin);
    assertThat(page.status()).isEqualTo(200);
    JsonNode items = page.body().path("items");
    return items.isEmpty() ? 0 : items.get(0).path("id").asLong();
  }

  /** Events recorded after {@code since}, oldest first. */
  private List<JsonNode> eventsSince(Api.Login admin, long since) {
    Api.Reply page = api.get("/api/v1/audit?limit=200", admin);
    assertThat(page.status()).isEqualTo(200);
    List<JsonNode> events = new ArrayList<>();
    for (JsonNode event : page.body().path("items")) {
      if (event.path("id").asLong() > since) {
        events.add(0, event);
      }
    }
    return events;
  }

  /** Runs the call and returns the one event it recorded, failing if it recorded none or more. */
  private JsonNode onlyEventOf(Api.Login admin, Runnable call) {
    long since = newestId(admin);
    call.run();
    List<JsonNode> events = eventsSince(admin, since);
    assertThat(events).as("events recorded by the call").hasSize(1);
    return events.get(0);
  }

  private void assertNoEventFrom(Api.Login admin, String what, Runnable call) {
    long since = newestId(admin);
    call.run();
    assertThat(eventsSince(admin, since)).as(what).isEmpty();
  }

  private static void assertActor(JsonNode event, Api.Login actor, String kind) {
    assertThat(event.path("actorId").asText()).isEqualTo(actor.userId());
    assertThat(event.path("actorName").asText()).isEqualTo(actor.email());
    assertThat(event.path("actorKind").asText()).isEqualTo(kind);
  }

  private static void assertWhat(
      JsonNode event, String action, String targetType, String targetId, String... summaryParts) {
    assertThat(event.path("action").asText()).isEqualTo(action);
    assertThat(event.path("targetType").asText()).isEqualTo(targetType);
    assertThat(event.path("targetId").asText()).isEqualTo(targetId);
    assertThat(event.path("summary").asText()).isNotBlank().contains(summaryParts);
    assertThat(event.path("occurredAt").asText()).isNotBlank();
  }

  private static void expectStatus(Api.Reply reply, int status) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(status);
  }

  @Test
  void apiKeyCreationAndRevocationAreEachAuditedOnce() {
    Api.Login owner = api.signup("Acme");
    String[] keyId = new String[1];

    JsonNode created =
        onlyEventOf(
            owner,
            () -> {
              Api.Reply reply =
                  api.post(
                      "/api/v1/api-keys", Map.of("name", "Deploy bot", "role", "admin"), owner);
              expectStatus(reply, 201);
              keyId[0] = reply.body().path("key").path("id").asText();
            });
    JsonNode revoked =
        onlyEventOf(
            owner, () -> expectStatus(api.delete("/api/v1/api-keys/" + keyId[0], owner), 204));

    assertActor(created, owner, "user");
    assertWhat(created, "api_key.created", "api_key", keyId[0], "Deploy bot", "admin");
    assertActor(revoked, owner, "user");
    assertWhat(revoked, "api_key.revoked", "api_key", keyId[0], "Deploy bot");
  }

  @Test
  void userChangesAreEachAuditedOnce() {
    Api.Login owner = api.signup("Acme");
    Api.Login member = api.addMember(owner, "responder");
    String path = "/api/v1/users/" + member.userId();

    JsonNode renamed =
        onlyEventOf(
            owner,
            () ->
                expectStatus(
                    api.patch(path, Map.of("name", "Renamed", "timeZone", "Europe/Oslo"), owner),
                    200));
    JsonNode promoted =
        onlyEventOf(
            owner, () -> expectStatus(api.patch(path, Map.of("role", "admin"), owner), 200));
    JsonNode deactivated =
        onlyEventOf(owner, () -> expectStatus(api.post(path + "/deactivate", null, owner), 200));
    JsonNode reactivated =
        onlyEventOf(owner, () -> expectStatus(api.post(path + "/reactivate", null, owner), 200));

    for (JsonNode event : List.of(renamed, promoted, deactivated, reactivated)) {
      assertActor(event, owner, "user");
    }
    assertWhat(renamed, "user.updated", "user", member.userId(), member.email(), "Europe/Oslo");
    assertWhat(promoted, "user.updated", "user", member.userId(), "responder", "admin");
    assertWhat(deactivated, "user.deactivated", "user", member.userId(), member.email());
    assertWhat(reactivated, "user.reactivated", "user", member.userId(), member.email());
  }

  @Test
  void aUserEditingTheirOwnProfileIsTheActor() {
    Api.Login owner = api.signup("Acme");
    Api.Login member = api.addMember(owner, "agent");

    JsonNode event =
        onlyEventOf(
            owner,
            () ->
                expectStatus(
                    api.patch(
                        "/api/v1/users/" + member.userId(), Map.of("name", "Me Myself"), member),
                    200));

    assertActor(event, member, "user");
    assertWhat(event, "user.updated", "user", member.userId(), "name");
  }

  @Test
  void logoutIsAuditedOnce() {
    Api.Login owner = api.signup("Acme");
    Api.Login second = api.login(owner.slug(), owner.email(), Api.PASSWORD);

    JsonNode event =
        onlyEventOf(owner, () -> expectStatus(api.delete("/api/v1/session", second), 204));

    assertActor(event, owner, "user");
    assertWhat(event, "user.logged_out", "user", owner.userId(), "logged out");
  }

  @Test
  void invitationChangesAreEachAuditedOnceAndAcceptanceIsByTheNewUser() {
    Api.Login owner = api.signup("Acme");
    Api.Reply[] invited = new Api.Reply[2];
    Api.Reply[] accepted = new Api.Reply[1];

    JsonNode first =
        onlyEventOf(
            owner,
            () -> {
              invited[0] = api.invite(owner, "new@acme.test", "agent");
              expectStatus(invited[0], 201);
            });
    JsonNode resent =
        onlyEventOf(
            owner,
            () -> {
              invited[1] = api.invite(owner, "new@acme.test", "viewer");
              expectStatus(invited[1], 201);
            });
    String firstId = invited[0].body().path("invitation").path("id").asText();
    String secondId = invited[1].body().path("invitation").path("id").asText();
    JsonNode joined =
        onlyEventOf(
            owner,
            () -> {
              accepted[0] = api.accept(Api.invitationToken(invited[1]), "New Person");
              expectStatus(accepted[0], 201);
            });
    Api.Reply other = api.invite(owner, "other@acme.test", "viewer");
    String otherId = other.body().path("invitation").path("id").asText();
    JsonNode revoked =
        onlyEventOf(
            owner,
            () -> expectStatus(api.delete("/api/v1/users/invitations/" + otherId, owner), 204));

    assertActor(first, owner, "user");
    assertWhat(first, "invitation.created", "invitation", firstId, "new@acme.test", "agent");
    assertWhat(resent, "invitation.created", "invitation", secondId, "new@acme.test", "viewer");
    Api.Login newcomer = api.loginFrom(accepted[0]);
    assertActor(joined, newcomer, "user");
    assertWhat(joined, "invitation.accepted", "user", newcomer.userId(), "new@acme.test", "viewer");
    assertActor(revoked, owner, "user");
    assertWhat(revoked, "invitation.revoked", "invitation", otherId, "other@acme.test");
  }

  @Test
  void teamChangesAreEachAuditedOnce() {
    Api.Login owner = api.signup("Acme");
    Api.Login member = api.addMember(owner, "responder");
    String[] teamId = new String[1];

    JsonNode created =
        onlyEventOf(
            owner,
            () -> {
              Api.Reply reply =
                  api.post(
                      "/api/v1/teams", Map.of("name", "Payments", "kind", "engineering"), owner);
              expectStatus(reply, 201);
              teamId[0] = reply.id();
            });
    String path = "/api/v1/teams/" + teamId[0];
    JsonNode updated =
        onlyEventOf(
            owner, () -> expectStatus(api.patch(path, Map.of("name", "Billing"), owner), 200));
    JsonNode added =
        onlyEventOf(
            owner,
            () -> expectStatus(api.put(path + "/members/" + member.userId(), null, owner), 200));
    JsonNode removed =
        onlyEventOf(
            owner,
            () -> expectStatus(api.delete(path + "/members/" + member.userId(), owner), 200));
    JsonNode deleted = onlyEventOf(owner, () -> expectStatus(api.delete(path, owner), 204));

    for (JsonNode event : List.of(created, updated, added, removed, deleted)) {
      assertActor(event, owner, "user");
    }
    assertWhat(created, "team.created", "team", teamId[0], "Payments", "engineering");
    assertWhat(updated, "team.updated", "team", teamId[0], "Billing");
    assertWhat(added, "team.member_added", "team", teamId[0], member.email(), "Billing");
    assertWhat(removed, "team.member_removed", "team", teamId[0], "Billing");
    assertWhat(deleted, "team.deleted", "team", teamId[0], "Billing");
  }

  @Test
  void serviceChangesAreEachAuditedOnce() {
    Api.Login owner = api.signup("Acme");
    String payments = api.createTeam(owner, "Payments", "engineering");
    String identity = api.createTeam(owner, "Identity", "engineering");
    String[] serviceId = new String[1];

    JsonNode created =
        onlyEventOf(
            owner,
            () -> {
              Api.Reply reply =
                  api.post(
                      "/api/v1/services",
                      Map.of("name", "Checkout API", "teamId", payments),
                      owner);
              expectStatus(reply, 201);
              serviceId[0] = reply.id();
            });
    String path = "/api/v1/services/" + serviceId[0];
    JsonNode updated =
        onlyEventOf(
            owner,
            () -> expectStatus(api.patch(path, Map.of("description", "Orders"), owner), 200));
    JsonNode handed =
        onlyEventOf(
            owner, () -> expectStatus(api.patch(path, Map.of("teamId", identity), owner), 200));
    JsonNode deleted = onlyEventOf(owner, () -> expectStatus(api.delete(path, owner), 204));

    for (JsonNode event : List.of(created, updated, handed, deleted)) {
      assertActor(event, owner, "user");
    }
    assertWhat(created, "service.created", "service", serviceId[0], "Checkout API", "Payments");
    assertWhat(updated, "service.updated", "service", serviceId[0], "Checkout API");
    assertWhat(
        handed, "service.updated", "service", serviceId[0], "Checkout API", "Payments", "Identity");
    assertWhat(deleted, "service.deleted", "service", serviceId[0], "Checkout API");
  }

  @Test
  void changesMadeWithAnApiKeyNameTheKeysCreatorAndKindApiKey() {
    Api.Login owner = api.signup("Acme");
    Api.Login admin = api.addMember(owner, "admin");
    Api.Key key = api.createKey(admin, "admin");
    String[] teamId = new String[1];

    JsonNode created =
        onlyEventOf(
            owner,
            () -> {
              Api.Reply reply =
                  api.post("/api/v1/teams", Map.of("name", "Bots", "kind", "support"), key);
              expectStatus(reply, 201);
              teamId[0] = reply.id();
            });
    JsonNode invited =
        onlyEventOf(
            owner,
            () ->
                expectStatus(
                    api.post(
                        "/api/v1/users/invitations",
                        Map.of("email", "bot-invite@acme.test", "role", "viewer"),
                        key),
                    201));

    assertActor(created, admin, "api_key");
    assertWhat(created, "team.created", "team", teamId[0], "Bots");
    assertActor(invited, admin, "api_key");
    assertThat(invited.path("action").asText()).isEqualTo("invitation.created");
  }

  @Test
  void noOpsAndRejectedChangesLeaveNoRecord() {
    Api.Login owner = api.signup("Acme");
    Api.Login member = api.addMember(owner, "responder");
    Api.Login viewer = api.addMember(owner, "viewer");
    String team = api.createTeam(owner, "Payments", "engineering");
    expectStatus(
        api.put("/api/v1/teams/" + team + "/members/" + member.userId(), null, owner), 200);
    Api.Reply key = api.post("/api/v1/api-keys", Map.of("name", "k", "role", "viewer"), owner);
    String keyId = key.body().path("key").path("id").asText();
    expectStatus(api.delete("/api/v1/api-keys/" + keyId, owner), 204);

    assertNoEventFrom(
        owner,
        "adding a member twice",
        () ->
            expectStatus(
                api.put("/api/v1/teams/" + team + "/members/" + member.userId(), null, owner),
                200));
    assertNoEventFrom(
        owner,
        "reactivating an active user",
        () ->
            expectStatus(
                api.post("/api/v1/users/" + member.userId() + "/reactivate", null, owner), 200));
    assertNoEventFrom(
        owner,
        "an empty update",
        () -> expectStatus(api.patch("/api/v1/users/" + member.userId(), Map.of(), owner), 200));
    assertNoEventFrom(
        owner,
        "revoking a revoked key",
        () -> expectStatus(api.delete("/api/v1/api-keys/" + keyId, owner), 204));
    assertNoEventFrom(
        owner,
        "a duplicate team",
        () ->
            expectStatus(
                api.post("/api/v1/teams", Map.of("name", "payments", "kind", "support"), owner),
                409));
    assertNoEventFrom(
        owner,
        "a forbidden change",
        () ->
            expectStatus(
                api.post("/api/v1/teams", Map.of("name", "Viewers", "kind", "support"), viewer),
                403));
    assertNoEventFrom(
        owner,
        "demoting the last owner",
        () ->
            expectStatus(
                api.patch("/api/v1/users/" + owner.userId(), Map.of("role", "admin"), owner), 409));
  }

  @Test
  void pagingWalksEveryEventNewestFirstWithoutDuplicates() {
    Api.Login owner = api.signup("Acme");
    for (int i = 1; i <= 11; i++) {
      api.createTeam(owner, "Team " + i, i % 2 == 0 ? "support" : "engineering");
    }
    List<Long> all = new ArrayList<>();
    for (JsonNode event : api.get("/api/v1/audit?limit=200", owner).body().path("items")) {
      all.add(event.path("id").asLong());
    }
    assertThat(all).hasSize(12);

    List<Long> walked = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String before = "";
    for (int guard = 0; guard < 20; guard++) {
      Api.Reply page = api.get("/api/v1/audit?limit=5" + before, owner);
      assertThat(page.status()).isEqualTo(200);
      JsonNode items = page.body().path("items");
      pageSizes.add(items.size());
      items.forEach(event -> walked.add(event.path("id").asLong()));
      JsonNode next = page.body().path("nextBefore");
      if (next.isNull() || next.isMissingNode()) {
        break;
      }
      assertThat(next.asLong()).isEqualTo(items.get(items.size() - 1).path("id").asLong());
      before = "&before=" + next.asLong();
    }

    assertThat(walked).isEqualTo(all);
    assertThat(new HashSet<>(walked)).hasSize(walked.size());
    assertThat(walked).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(pageSizes).containsExactly(5, 5, 2);
  }

  @Test
  void pagingEndsWhenTheLastFullPageIsFollowedByNothing() {
    Api.Login owner = api.signup("Acme");
    for (int i = 1; i <= 3; i++) {
      api.createTeam(owner, "Team " + i, "engineering");
    }

    Api.Reply first = api.get("/api/v1/audit?limit=2", owner);
    Api.Reply second =
        api.get("/api/v1/audit?limit=2&before=" + first.body().path("nextBefore").asLong(), owner);

    assertThat(first.body().path("items")).hasSize(2);
    assertThat(second.body().path("items")).hasSize(2);
    Api.Reply third =
        api.get("/api/v1/audit?limit=2&before=" + second.body().path("nextBefore").asLong(), owner);
    assertThat(third.status()).isEqualTo(200);
    assertThat(third.body().path("items")).isEmpty();
    assertThat(third.body().path("nextBefore").isNull()).isTrue();
    Set<Long> ids = new HashSet<>();
    for (Api.Reply page : List.of(first, second)) {
      page.body().path("items").forEach(event -> ids.add(event.path("id").asLong()));
    }
    assertThat(ids).hasSize(4);
  }

  @Test
  void newestEventsComeFirst() {
    Api.Login owner = api.signup("Acme");
    api.createTeam(owner, "First", "engineering");
    api.createTeam(owner, "Second", "engineering");

    List<String> summaries =
        api.get("/api/v1/audit", owner).body().path("items").findValuesAsText("summary");

    assertThat(summaries.get(0)).contains("Second");
    assertThat(summaries.get(1)).contains("First");
    assertThat(summaries.get(summaries.size() - 1)).contains("created organization");
  }

  @Test
  void invalidPagingParametersAreBadRequests() {
    Api.Login owner = api.signup("Acme");

    for (String query : List.of("limit=0", "limit=201", "limit=many", "before=0", "before=x")) {
      Api.Reply reply = api.get("/api/v1/audit?" + query, owner);
      assertThat(reply.status()).as(query).isEqualTo(400);
      assertThat(reply.errorCode()).isEqualTo("invalid_parameter");
    }
  }

  @Test
  void onlyAdministratorsReadTheAuditLogAndOnlyTheirTenants() {
    Api.Login acme = api.signup("Acme");
    Api.Login globex = api.signup("Globex");
    Api.Login responder = api.addMember(acme, "responder");
    Api.Login admin = api.addMember(acme, "admin");
    api.createTeam(globex, "Globex Secret Team", "engineering");

    assertThat(api.get("/api/v1/audit", responder).status()).isEqualTo(403);
    Api.Reply adminView = api.get("/api/v1/audit", admin);
    assertThat(adminView.status()).isEqualTo(200);
    assertThat(adminView.raw()).doesNotContain("Globex").doesNotContain(globex.email());
    assertThat(adminView.body().path("items").findValuesAsText("action"))
        .contains("tenant.created", "invitation.created", "invitation.accepted");
    assertThat(api.get("/api/v1/audit", Api.ANONYMOUS).status()).isEqualTo(401);
  }
}
