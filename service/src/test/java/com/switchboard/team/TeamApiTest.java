package com.switchboard.team;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TeamApiTest {
  private final Api api = TestApp.api();

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.get().truncateAll();
  }

  private Api.Reply team(Api.Auth caller, String id) {
    return api.get("/api/v1/teams/" + id, caller);
  }

  private Api.Reply addMember(Api.Auth caller, String teamId, String userId) {
    return api.put("/api/v1/teams/" + teamId + "/members/" + userId, null, caller);
  }

  private Api.Reply removeMember(Api.Auth caller, String teamId, String userId) {
    return api.delete("/api/v1/teams/" + teamId + "/members/" + userId, caller);
  }

  @Test
  void createsEngineeringAndSupportTeams() {
    Api.Login owner = api.signup("Acme");

    Api.Reply payments =
        api.post(
            "/api/v1/teams",
            Map.of(
                "name",
                "  Payments ",
                "kind",
                "engineering",
                "description",
                "Checkout and billing"),
            owner);
    Api.Reply support =
        api.post("/api/v1/teams", Map.of("name", "Premium Support", "kind", "support"), owner);

    assertThat(payments.status()).isEqualTo(201);
    assertThat(payments.body().path("name").asText()).isEqualTo("Payments");
    assertThat(payments.body().path("kind").asText()).isEqualTo("engineering");
    assertThat(payments.body().path("description").asText()).isEqualTo("Checkout and billing");
    assertThat(payments.body().path("members")).isEmpty();
    assertThat(payments.body().path("services")).isEmpty();
    assertThat(support.status()).isEqualTo(201);
    assertThat(support.body().path("kind").asText()).isEqualTo("support");
    assertThat(support.body().path("description").asText()).isEmpty();

    JsonNode detail = team(owner, payments.id()).body();
    assertThat(detail.path("name").asText()).isEqualTo("Payments");
    assertThat(detail.path("createdAt").asText()).isNotBlank();
  }

  @Test
  void theListShowsEveryTeamByNameWithCounts() {
    Api.Login owner = api.signup("Acme");
    Api.Login responder = api.addMember(owner, "responder");
    String zulu = api.createTeam(owner, "zulu", "support");
    String alpha = api.createTeam(owner, "Alpha", "engineering");
    addMember(owner, alpha, responder.userId());
    addMember(owner, alpha, owner.userId());
    api.createService(owner, "Checkout API", "", alpha);

    Api.Reply list = api.get("/api/v1/teams", responder);

    assertThat(list.status()).isEqualTo(200);
    JsonNode items = list.body().path("items");
    assertThat(items.findValuesAsText("id")).containsExactly(alpha, zulu);
    assertThat(items.get(0).path("memberCount").asInt()).isEqualTo(2);
    assertThat(items.get(0).path("serviceCount").asInt()).isEqualTo(1);
    assertThat(items.get(1).path("memberCount").asInt()).isZero();
    assertThat(items.get(1).path("kind").asText()).isEqualTo("support");
  }

  @Test
  void anUnknownKindOrMissingNameIsRejected() {
    Api.Login owner = api.signup("Acme");

    Api.Reply badKind =
        api.post("/api/v1/teams", Map.of("name", "Ops", "kind", "operations"), owner);
    Api.Reply noName = api.post("/api/v1/teams", Map.of("name", " ", "kind", "support"), owner);
    Api.Reply noKind = api.post("/api/v1/teams", Map.of("name", "Ops"), owner);

    assertThat(badKind.status()).isEqualTo(400);
    assertThat(badKind.errorCode()).isEqualTo("invalid_type");
    assertThat(badKind.body().path("error").path("message").asText()).contains("kind");
    assertThat(noName.status()).isEqualTo(422);
    assertThat(noKind.status()).isEqualTo(422);
    assertThat(api.get("/api/v1/teams", owner).body().path("items")).isEmpty();
  }

  @Test
  void teamNamesAreUniqueIgnoringCase() {
    Api.Login owner = api.signup("Acme");
    api.createTeam(owner, "Payments", "engineering");

    Api.Reply duplicate =
        api.post("/api/v1/teams", Map.of("name", "PAYMENTS", "kind", "support"), owner);

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.errorCode()).isEqualTo("conflict");
    assertThat(duplicate.body().path("error").path("message").asText()).contains("PAYMENTS");
    assertThat(api.get("/api/v1/teams", owner).body().path("items")).hasSize(1);
  }

  @Test
  void differentTenantsMayUseTheSameTeamName() {
    Api.Login acme = api.signup("Acme");
    Api.Login globex = api.signup("Globex");
    api.createTeam(acme, "Payments", "engineering");

    Api.Reply reply =
        api.post("/api/v1/teams", Map.of("name", "Payments", "kind", "engineering"), globex);

    assertThat(reply.status()).isEqualTo(201);
    assertThat(api.get("/api/v1/teams", acme).body().path("items")).hasSize(1);
  }

  @Test
  void updateChangesOnlyTheGivenFields() {
    Api.Login owner = api.signup("Acme");
    String id =
        api.post(
                "/api/v1/teams",
                Map.of("name", "Payments", "kind", "engineering", "description", "Money"),
                owner)
            .id();

    Api.Reply renamed = api.patch("/api/v1/teams/" + id, Map.of("name", "Billing"), owner);
    Api.Reply rekinded = api.patch("/api/v1/teams/" + id, Map.of("kind", "support"), owner);

    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.body().path("name").asText()).isEqualTo("Billing");
    assertThat(renamed.body().path("description").asText()).isEqualTo("Money");
    assertThat(rekinded.body().path("kind").asText()).isEqualTo("support");
    assertThat(rekinded.body().path("name").asText()).isEqualTo("Billing");
    assertThat(team(owner, id).body().path("kind").asText()).isEqualTo("support");
  }

  @Test
  void renamingATeamOnlyChangingCaseIsAllowed() {
    Api.Login owner = api.signup("Acme");
    String id = api.createTeam(owner, "payments", "engineering");

    Api.Reply reply = api.patch("/api/v1/teams/" + id, Map.of("name", "Payments"), owner);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("name").asText()).isEqualTo("Payments");
  }

  @Test
  void renamingOntoAnotherTeamsNameIsAConflict() {
    Api.Login owner = api.signup("Acme");
    api.createTeam(owner, "Payments", "engineering");
    String identity = api.createTeam(owner, "Identity", "engineering");

    Api.Reply reply = api.patch("/api/v1/teams/" + identity, Map.of("name", "payments"), owner);

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.errorCode()).isEqualTo("conflict");
    assertThat(team(owner, identity).body().path("name").asText()).isEqualTo("Identity");
  }

  @Test
  void renamingATeamToOnlySpacesIsRejected() {
    Api.Login owner = api.signup("Acme");
    String id = api.createTeam(owner, "Payments", "engineering");

    Api.Reply reply = api.patch("/api/v1/teams/" + id, Map.of("name", "   "), owner);

    assertThat(reply.status()).isEqualTo(422);
    assertThat(team(owner, id).body().path("name").asText()).isEqualTo("Payments");
  }

  @Test
  void onlyAdministratorsChangeTeams() {
    Api.Login owner = api.signup("Acme");
    Api.Login responder = api.addMember(owner, "responder");
    Api.Login admin = api.addMember(owner, "admin");
    String id = api.createTeam(owner, "Payments", "engineering");

    assertThat(
            api.post("/api/v1/teams", Map.of("name", "Mine", "kind", "support"), responder)
                .status())
        .isEqualTo(403);
    assertThat(api.patch("/api/v1/teams/" + id, Map.of("name", "X"), responder).status())
        .isEqualTo(403);
    assertThat(api.delete("/api/v1/teams/" + id, responder).status()).isEqualTo(403);
    assertThat(addMember(responder, id, responder.userId()).status()).isEqualTo(403);
    assertThat(team(responder, id).status()).isEqualTo(200);
    assertThat(api.patch("/api/v1/teams/" + id, Map.of("name", "Billing"), admin).status())
        .isEqualTo(200);
  }

  @Test
  void addingMembersIsIdempotentAndTheDetailListsThem() {
    Api.Login owner = api.signup("Acme");
    Api.Login responder = api.addMember(owner, "responder");
    String id = api.createTeam(owner, "Payments", "engineering");

    Api.Reply first = addMember(owner, id, responder.userId());
    Api.Reply again = addMember(owner, id, responder.userId());

    assertThat(first.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(200);
    JsonNode members = team(owner, id).body().path("members");
    assertThat(members).hasSize(1);
    JsonNode member = members.get(0);
    assertThat(member.path("id").asText()).isEqualTo(responder.userId());
    assertThat(member.path("email").asText()).isEqualTo(responder.email());
    assertThat(member.path("active").asBoolean()).isTrue();
    assertThat(member.path("addedAt").asText()).isNotBlank();
    assertThat(again.body().path("members").get(0).path("addedAt").asText())
        .isEqualTo(first.body().path("members").get(0).path("addedAt").asText());
  }

  @Test
  void membersAreListedByName() {
    Api.Login owner = api.signup("Acme");
    Api.Login a = api.addMember(owner, "responder");
    Api.Login b = api.addMember(owner, "agent");
    api.patch("/api/v1/users/" + a.userId(), Map.of("name", "Zoe"), owner);
    api.patch("/api/v1/users/" + b.userId(), Map.of("name", "adam"), owner);
    String id = api.createTeam(owner, "Payments", "engineering");
    addMember(owner, id, a.userId());
    addMember(owner, id, b.userId());

    JsonNode members = team(owner, id).body().path("members");

    assertThat(members.findValuesAsText("name")).containsExactly("adam", "Zoe");
  }

  @Test
  void removingAMemberTakesThemOffTheTeam() {
    Api.Login owner = api.signup("Acme");
    Api.Login a = api.addMember(owner, "responder");
    Api.Login b = api.addMember(owner, "responder");
    String id = api.createTeam(owner, "Payments", "engineering");
    addMember(owner, id, a.userId());
    addMember(owner, id, b.userId());

    Api.Reply removed = removeMember(owner, id, a.userId());

    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.body().path("members").findValuesAsText("id")).containsExactly(b.userId());
    Api.Reply again = removeMember(owner, id, a.userId());
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.errorCode()).isEqualTo("not_found");
  }

  @Test
  void onlyUsersOfTheSameTenantCanJoinATeam() {
    Api.Login owner = api.signup("Acme");
    Api.Login stranger = api.signup("Globex");
    String id = api.createTeam(owner, "Payments", "engineering");

    Api.Reply foreign = addMember(owner, id, stranger.userId());
    Api.Reply unknown = addMember(owner, id, UUID.randomUUID().toString());
    Api.Reply unknownTeam = addMember(owner, UUID.randomUUID().toString(), owner.userId());

    assertThat(foreign.status()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknownTeam.status()).isEqualTo(404);
    assertThat(team(owner, id).body().path("members")).isEmpty();
  }

  @Test
  void theDetailShowsTheServicesTheTeamOwns() {
    Api.Login owner = api.signup("Acme");
    String payments = api.createTeam(owner, "Payments", "engineering");
    String other = api.createTeam(owner, "Identity", "engineering");
    String ledger = api.createService(owner, "Payments Ledger", "", payments);
    String checkout = api.createService(owner, "checkout API", "", payments);
    api.createService(owner, "Login Service", "", other);

    JsonNode services = team(owner, payments).body().path("services");

    assertThat(services.findValuesAsText("id")).containsExactly(checkout, ledger);
    assertThat(services.findValuesAsText("name"))
        .containsExactly("checkout API", "Payments Ledger");
  }

  @Test
  void aTeamThatOwnsServicesCannotBeDeleted() {
    Api.Login owner = api.signup("Acme");
    String payments = api.createTeam(owner, "Payments", "engineering");
    String identity = api.createTeam(owner, "Identity", "engineering");
    String service = api.createService(owner, "Checkout API", "", payments);

    Api.Reply blocked = api.delete("/api/v1/teams/" + payments, owner);

    assertThat(blocked.status()).isEqualTo(409);
    assertThat(blocked.errorCode()).isEqualTo("conflict");
    assertThat(blocked.body().path("error").path("message").asText()).contains("1 service");
    assertThat(team(owner, payments).status()).isEqualTo(200);

    api.patch("/api/v1/services/" + service, Map.of("teamId", identity), owner);
    assertThat(api.delete("/api/v1/teams/" + payments, owner).status()).isEqualTo(204);
  }

  @Test
  void deletingATeamRemovesItAndItsMemberships() {
    Api.Login owner = api.signup("Acme");
    Api.Login responder = api.addMember(owner, "responder");
    String id = api.createTeam(owner, "Payments", "engineering");
    addMember(owner, id, responder.userId());

    Api.Reply deleted = api.delete("/api/v1/teams/" + id, owner);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(team(owner, id).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/teams", owner).body().path("items")).isEmpty();
    assertThat(api.get("/api/v1/users/" + responder.userId(), owner).status()).isEqualTo(200);
    assertThat(api.delete("/api/v1/teams/" + id, owner).status()).isEqualTo(404);
    assertThat(
            api.post("/api/v1/teams", Map.of("name", "Payments", "kind", "engineering"), owner)
                .status())
        .as("the name is free again")
        .isEqualTo(201);
  }

  @Test
  void teamsOfAnotherTenantAreInvisible() {
    Api.Login acme = api.signup("Acme");
    Api.Login globex = api.signup("Globex");
    String id = api.createTeam(acme, "Payments", "engineering");

    assertThat(team(globex, id).status()).isEqualTo(404);
    assertThat(api.patch("/api/v1/teams/" + id, Map.of("name", "Mine"), globex).status())
        .isEqualTo(404);
    assertThat(api.delete("/api/v1/teams/" + id, globex).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/teams", globex).body().path("items")).isEmpty();
    assertThat(team(acme, id).body().path("name").asText()).isEqualTo("Payments");
  }

  @Test
  void aMalformedTeamIdIsNotFound() {
    Api.Login owner = api.signup("Acme");

    Api.Reply reply = team(owner, "payments");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo("not_found");
  }
}
