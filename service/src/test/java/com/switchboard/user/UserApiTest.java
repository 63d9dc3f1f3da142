package com.switchboard.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserApiTest {
  private final Api api = TestApp.api();

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.get().truncateAll();
  }

  private Api.Reply patch(Api.Login caller, String userId, Map<String, Object> change) {
    return api.patch("/api/v1/users/" + userId, change, caller);
  }

  private Api.Reply deactivate(Api.Auth caller, String userId) {
    return api.post("/api/v1/users/" + userId + "/deactivate", null, caller);
  }

  private Api.Reply reactivate(Api.Auth caller, String userId) {
    return api.post("/api/v1/users/" + userId + "/reactivate", null, caller);
  }

  private String roleOf(Api.Login viewer, String userId) {
    return api.get("/api/v1/users/" + userId, viewer).body().path("role").asText();
  }

  private Api.Reply login(Api.Login who) {
    return api.post(
        "/api/v1/session",
        Map.of("tenant", who.slug(), "email", who.email(), "password", Api.PASSWORD),
        Api.ANONYMOUS);
  }

  // --- reading ---

  @Test
  void everyMemberCanListTheTenantsUsersWithoutSecrets() {
    Api.Login owner = api.signup("Acme");
    Api.Login viewer = api.addMember(owner, "viewer");

    Api.Reply list = api.get("/api/v1/users", viewer);

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().path("items").findValuesAsText("id"))
        .containsExactlyInAnyOrder(owner.userId(), viewer.userId());
    JsonNode first = list.body().path("items").get(0);
    assertThat(first.has("email")).isTrue();
    assertThat(first.has("role")).isTrue();
    assertThat(first.has("timeZone")).isTrue();
    assertThat(first.path("active").asBoolean()).isTrue();
    assertThat(list.raw()).doesNotContainIgnoringCase("password");
  }

  @Test
  void usersAreListedByName() {
    Api.Login owner = api.signup("Acme");
    Api.Login zed = api.addMember(owner, "responder");
    Api.Login amy = api.addMember(owner, "agent");
    assertThat(patch(owner, zed.userId(), Map.of("name", "zed Last")).status()).isEqualTo(200);
    assertThat(patch(owner, amy.userId(), Map.of("name", "Amy First")).status()).isEqualTo(200);

    Api.Reply list = api.get("/api/v1/users", owner);

    assertThat(list.body().path("items").findValuesAsText("name"))
        .containsExactly("Acme Owner", "Amy First", "zed Last");
  }

  @Test
  void getReturnsOneUserAndUnknownOrForeignIdsAreNotFound() {
    Api.Login owner = api.signup("Acme");
    Api.Login other = api.signup("Globex");

    Api.Reply me = api.get("/api/v1/users/" + owner.userId(), owner);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().path("email").asText()).isEqualTo(owner.email());
    assertThat(me.body().path("role").asText()).isEqualTo("owner");
    assertThat(me.body().path("timeZone").asText()).isEqualTo("UTC");

    assertThat(api.get("/api/v1/users/" + other.userId(), owner).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/users/00000000-0000-4000-8000-000000000000", owner).errorCode())
        .isEqualTo("not_found");
    assertThat(api.get("/api/v1/users/42", owner).status()).isEqualTo(404);
  }

  @Test
  void usersRequireAuthentication() {
    assertThat(api.get("/api/v1/users", Api.ANONYMOUS).status()).isEqualTo(401);
  }

  // --- profile ---

  @Test
  void anyoneCanUpdateTheirOwnNameAndTimeZone() {
    Api.Login owner = api.signup("Acme");
    Api.Login responder = api.addMember(owner, "responder");

    Api.Reply updated =
        patch(
            responder,
            responder.userId(),
            Map.of("name", "  Rita Responder  ", "timeZone", "Europe/Berlin"));

    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.body().path("name").asText()).isEqualTo("Rita Responder");
    assertThat(updated.body().path("timeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(updated.body().path("role").asText()).isEqualTo("responder");
    Api.Reply reread = api.get("/api/v1/users/" + responder.userId(), owner);
    assertThat(reread.body().path("name").asText()).isEqualTo("Rita Responder");
    assertThat(reread.body().path("timeZone").asText()).isEqualTo("Europe/Berlin");
  }

  @Test
  void fieldsLeftOutOfAnUpdateStayAsTheyAre() {
    Api.Login owner = api.signup("Acme");
    patch(owner, owner.userId(), Map.of("name", "Olive", "timeZone", "Asia/Tokyo"));

    Api.Reply onlyZone = patch(owner, owner.userId(), Map.of("timeZone", "America/Chicago"));
    Api.Reply nothing = patch(owner, owner.userId(), Map.of());

    assertThat(onlyZone.body().path("name").asText()).isEqualTo("Olive");
    assertThat(onlyZone.body().path("timeZone").asText()).isEqualTo("America/Chicago");
    assertThat(nothing.status()).isEqualTo(200);
    assertThat(nothing.body().path("name").asText()).isEqualTo("Olive");
    assertThat(nothing.body().path("timeZone").asText()).isEqualTo("America/Chicago");
  }

  @Test
  void theTimeZoneMustBeAnIanaZoneId() {
    Api.Login owner = api.signup("Acme");

    for (String bad : new String[] {"+02:00", "PST", "america/new_york", "Mars/Olympus", ""}) {
      Api.Reply reply = patch(owner, owner.userId(), Map.of("timeZone", bad));
      assertThat(reply.status()).as("time zone '%s'", bad).isEqualTo(422);
      assertThat(reply.errorCode()).isEqualTo("validation_failed");
      assertThat(reply.body().path("error").path("fields").get(0).path("field").asText())
          .isEqualTo("timeZone");
    }
    assertThat(api.get("/api/v1/users/" + owner.userId(), owner).body().path("timeZone").asText())
        .isEqualTo("UTC");
    assertThat(patch(owner, owner.userId(), Map.of("timeZone", "Pacific/Auckland")).status())
        .isEqualTo(200);
  }

  @Test
  void aNameMustNotBeBlankOrTooLong() {
    Api.Login owner = api.signup("Acme");

    Api.Reply empty = patch(owner, owner.userId(), Map.of("name", ""));
    Api.Reply tooLong = patch(owner, owner.userId(), Map.of("name", "x".repeat(101)));

    assertThat(empty.status()).isEqualTo(422);
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(api.get("/api/v1/users/" + owner.userId(), owner).body().path("name").asText())
        .isEqualTo("Acme Owner");
  }

  @Test
  void aNameOfOnlySpacesIsRejectedLikeAnEmptyOne() {
    Api.Login owner = api.signup("Acme");

    Api.Reply spaces = patch(owner, owner.userId(), Map.of("name", "   "));

    assertThat(spaces.status()).isEqualTo(422);
    assertThat(api.get("/api/v1/users/" + owner.userId(), owner).body().path("name").asText())
        .isEqualTo("Acme Owner");
  }

  @Test
  void unknownFieldsInAnUpdateAreRejected() {
    Api.Login owner = api.signup("Acme");

    Api.Reply reply = patch(owner, owner.userId(), Map.of("email", "new@acme.test"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("unknown_field");
  }

  @Test
  void nonAdminsCannotChangeOtherUsers() {
    Api.Login owner = api.signup("Acme");
    Api.Login responder = api.addMember(owner, "responder");
    Api.Login agent = api.addMember(owner, "agent");

    Api.Reply reply = patch(responder, agent.userId(), Map.of("name", "Hijacked"));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("forbidden");
    assertThat(api.get("/api/v1/users/" + agent.userId(), owner).body().path("name").asText())
        .isNotEqualTo("Hijacked");
  }

  @Test
  void adminsCanChangeOtherUsersProfiles() {
    Api.Login owner = api.signup("Acme");
    Api.Login admin = api.addMember(owner, "admin");
    Api.Login agent = api.addMember(owner, "agent");

    Api.Reply reply =
        patch(admin, agent.userId(), Map.of("name", "Agent Smith", "timeZone", "Europe/London"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("name").asText()).isEqualTo("Agent Smith");
  }

  // --- roles ---

  @Test
  void anOwnerCanChangeAnyRoleIncludingGrantingOwner() {
    Api.Login owner = api.signup("Acme");
    Api.Login responder = api.addMember(owner, "responder");

    Api.Reply toAdmin = patch(owner, responder.userId(), Map.of("role", "admin"));
    Api.Reply toOwner = patch(owner, responder.userId(), Map.of("role", "owner"));

    assertThat(toAdmin.status()).isEqualTo(200);
    assertThat(toAdmin.body().path("role").asText()).isEqualTo("admin");
    assertThat(toOwner.status()).isEqualTo(200);
    assertThat(roleOf(owner, responder.userId())).isEqualTo("owner");
  }

  @Test
  void aRoleChangeTakesEffectOnTheUsersExistingSession() {
    Api.Login owner = api.signup("Acme");
    Api.Login viewer = api.addMember(owner, "viewer");
    Map<String, Object> team = Map.of("name", "Core", "kind", "engineering");
    assertThat(api.post("/api/v1/teams", team, viewer).status()).isEqualTo(403);

    assertThat(patch(owner, viewer.userId(), Map.of("role", "admin")).status()).isEqualTo(200);

    assertThat(api.post("/api/v1/teams", team, viewer).status()).isEqualTo(201);
  }

  @Test
  void adminsCannotGrantOwner() {
    Api.Login owner = api.signup("Acme");
    Api.Login admin = api.addMember(owner, "admin");
    Api.Login responder = api.addMember(owner, "responder");

    Api.Reply other = patch(admin, responder.userId(), Map.of("role", "owner"));
    Api.Reply self = patch(admin, admin.userId(), Map.of("role", "owner"));

    assertThat(other.status()).isEqualTo(403);
    assertThat(other.errorCode()).isEqualTo("forbidden");
    assertThat(self.status()).isEqualTo(403);
    assertThat(roleOf(owner, responder.userId())).isEqualTo("responder");
    assertThat(roleOf(owner, admin.userId())).isEqualTo("admin");
  }

  @Test
  void adminsCannotChangeAnOwnersRole() {
    Api.Login owner = api.signup("Acme");
    api.addMember(owner, "owner");
    Api.Login admin = api.addMember(owner, "admin");

    Api.Reply reply = patch(admin, owner.userId(), Map.of("role", "viewer"));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(roleOf(owner, owner.userId())).isEqualTo("owner");
  }

  @Test
  void adminsCanChangeRolesBelowOwner() {
    Api.Login owner = api.signup("Acme");
    Api.Login admin = api.addMember(owner, "admin");
    Api.Login agent = api.addMember(owner, "agent");
    Api.Login otherAdmin = api.addMember(owner, "admin");

    assertThat(patch(admin, agent.userId(), Map.of("role", "responder")).status()).isEqualTo(200);
    assertThat(patch(admin, otherAdmin.userId(), Map.of("role", "viewer")).status()).isEqualTo(200);

    assertThat(roleOf(owner, agent.userId())).isEqualTo("responder");
    assertThat(roleOf(owner, otherAdmin.userId())).isEqualTo("viewer");
  }

  @Test
  void nonAdminsCannotChangeTheirOwnRole() {
    Api.Login owner = api.signup("Acme");
    Api.Login responder = api.addMember(owner, "responder");

    Api.Reply reply = patch(responder, responder.userId(), Map.of("role", "admin"));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(roleOf(owner, responder.userId())).isEqualTo("responder");
  }

  @Test
  void theLastOwnerCannotBeDemoted() {
    Api.Login owner = api.signup("Acme");

    Api.Reply reply = patch(owner, owner.userId(), Map.of("role", "admin"));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.errorCode()).isEqualTo("conflict");
    assertThat(roleOf(owner, owner.userId())).isEqualTo("owner");
  }

  @Test
  void anOwnerCanStepDownWhenAnotherOwnerRemains() {
    Api.Login owner = api.signup("Acme");
    Api.Login second = api.addMember(owner, "owner");

    Api.Reply reply = patch(owner, owner.userId(), Map.of("role", "admin"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(roleOf(second, owner.userId())).isEqualTo("admin");
    assertThat(patch(second, second.userId(), Map.of("role", "admin")).status())
        .as("now the second owner is the last one")
        .isEqualTo(409);
  }

  @Test
  void aDeactivatedOwnerDoesNotCountAsTheRemainingOwner() {
    Api.Login owner = api.signup("Acme");
    Api.Login second = api.addMember(owner, "owner");
    assertThat(deactivate(owner, second.userId()).status()).isEqualTo(200);

    Api.Reply reply = patch(owner, owner.userId(), Map.of("role", "admin"));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(roleOf(owner, owner.userId())).isEqualTo("owner");
  }

  @Test
  void aDeactivatedOwnerCanBeDemotedWhileAnotherOwnerStaysActive() {
    Api.Login owner = api.signup("Acme");
    Api.Login former = api.addMember(owner, "owner");
    assertThat(deactivate(owner, former.userId()).status()).isEqualTo(200);

    Api.Reply reply = patch(owner, former.userId(), Map.of("role", "viewer"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(roleOf(owner, former.userId())).isEqualTo("viewer");
    assertThat(roleOf(owner, owner.userId())).isEqualTo("owner");
  }

  @Test
  void aRoleChangeRevokesThatUsersApiKeysButNotOthers() {
    Api.Login owner = api.signup("Acme");
    Api.Login admin = api.addMember(owner, "admin");
    Api.Key adminsKey = api.createKey(admin, "admin");
    Api.Key ownersKey = api.createKey(owner, "admin");
    assertThat(api.get("/api/v1/teams", adminsKey).status()).isEqualTo(200);

    assertThat(patch(owner, admin.userId(), Map.of("role", "responder")).status()).isEqualTo(200);

    assertThat(api.get("/api/v1/teams", adminsKey).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/teams", ownersKey).status()).isEqualTo(200);
  }

  @Test
  void aProfileChangeWithoutARoleChangeKeepsTheUsersApiKeys() {
    Api.Login owner = api.signup("Acme");
    Api.Login admin = api.addMember(owner, "admin");
    Api.Key key = api.createKey(admin, "viewer");

    Map<String, Object> change = new HashMap<>();
    change.put("name", "Renamed Admin");
    change.put("role", "admin");
    assertThat(patch(owner, admin.userId(), change).status()).isEqualTo(200);

    assertThat(api.get("/api/v1/teams", key).status()).isEqualTo(200);
  }

  @Test
  void anUnknownRoleIsABadRequest() {
    Api.Login owner = api.signup("Acme");
    Api.Login agent = api.addMember(owner, "agent");

    Api.Reply reply = patch(owner, agent.userId(), Map.of("role", "root"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("invalid_type");
    assertThat(roleOf(owner, agent.userId())).isEqualTo("agent");
  }

  // --- deactivation ---

  @Test
  void deactivationEndsTheUsersSessionsAndBlocksLogin() {
    Api.Login owner = api.signup("Acme");
    Api.Login responder = api.addMember(owner, "responder");
    Api.Login secondSession = api.login(responder.slug(), responder.email(), Api.PASSWORD);
    assertThat(api.get("/api/v1/session", responder).status()).isEqualTo(200);

    Api.Reply reply = deactivate(owner, responder.userId());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("active").asBoolean()).isFalse();
    assertThat(api.get("/api/v1/session", responder).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/session", secondSession).status()).isEqualTo(401);
    Api.Reply login = login(responder);
    assertThat(login.status()).isEqualTo(401);
    assertThat(login.errorCode()).isEqualTo("unauthorized");
  }

  @Test
  void deactivationRevokesTheUsersApiKeys() {
    Api.Login owner = api.signup("Acme");
    Api.Login admin = api.addMember(owner, "admin");
    Api.Key key = api.createKey(admin, "viewer");

    assertThat(deactivate(owner, admin.userId()).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/teams", key).status()).isEqualTo(401);

    assertThat(reactivate(owner, admin.userId()).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/teams", key).status())
        .as("revoked keys stay revoked after reactivation")
        .isEqualTo(401);
  }

  @Test
  void aDeactivatedUserIsStillListedAsInactive() {
    Api.Login owner = api.signup("Acme");
    Api.Login agent = api.addMember(owner, "agent");

    deactivate(owner, agent.userId());

    Api.Reply user = api.get("/api/v1/users/" + agent.userId(), owner);
    assertThat(user.status()).isEqualTo(200);
    assertThat(user.body().path("active").asBoolean()).isFalse();
    assertThat(api.get("/api/v1/users", owner).body().path("items")).hasSize(2);
  }

  @Test
  void reactivationLetsTheUserLogInAgain() {
    Api.Login owner = api.signup("Acme");
    Api.Login responder = api.addMember(owner, "responder");
    deactivate(owner, responder.userId());

    Api.Reply reply = reactivate(owner, responder.userId());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("active").asBoolean()).isTrue();
    assertThat(api.get("/api/v1/session", responder).status())
        .as("the old session was ended, not suspended")
        .isEqualTo(401);
    assertThat(login(responder).status()).isEqualTo(200);
  }

  @Test
  void deactivatingOrReactivatingTwiceIsHarmless() {
    Api.Login owner = api.signup("Acme");
    Api.Login agent = api.addMember(owner, "agent");

    assertThat(reactivate(owner, agent.userId()).status()).isEqualTo(200);
    assertThat(deactivate(owner, agent.userId()).status()).isEqualTo(200);
    Api.Reply again = deactivate(owner, agent.userId());

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("active").asBoolean()).isFalse();
  }

  @Test
  void nobodyCanDeactivateThemselves() {
    Api.Login owner = api.signup("Acme");
    api.addMember(owner, "owner");
    Api.Login admin = api.addMember(owner, "admin");

    Api.Reply ownerSelf = deactivate(owner, owner.userId());
    Api.Reply adminSelf = deactivate(admin, admin.userId());

    assertThat(ownerSelf.status()).isEqualTo(409);
    assertThat(ownerSelf.errorCode()).isEqualTo("conflict");
    assertThat(adminSelf.status()).isEqualTo(409);
    assertThat(api.get("/api/v1/session", admin).status()).isEqualTo(200);
  }

  @Test
  void theOnlyOwnerCannotBeDeactivatedByAnyone() {
    Api.Login owner = api.signup("Acme");
    Api.Login admin = api.addMember(owner, "admin");
    Api.Key ownerKey = api.createKey(owner, "owner");

    Api.Reply byAdmin = deactivate(admin, owner.userId());
    Api.Reply bySelf = deactivate(owner, owner.userId());
    Api.Reply byOwnKey = deactivate(ownerKey, owner.userId());

    assertThat(byAdmin.status()).isEqualTo(403);
    assertThat(bySelf.status()).isEqualTo(409);
    assertThat(byOwnKey.status()).isEqualTo(409);
    assertThat(api.get("/api/v1/session", owner).status()).isEqualTo(200);
  }

  @Test
  void anOwnerCannotDeactivateTheOnlyOtherActiveOwnerIfThatWouldLeaveNone() {
    Api.Login owner = api.signup("Acme");
    Api.Login second = api.addMember(owner, "owner");

    assertThat(deactivate(owner, second.userId()).status())
        .as("one active owner (the caller) remains")
        .isEqualTo(200);
    Api.Reply lastOne = deactivate(owner, owner.userId());

    assertThat(lastOne.status()).isEqualTo(409);
    assertThat(api.get("/api/v1/session", owner).status()).isEqualTo(200);
  }

  @Test
  void adminsCannotDeactivateOwnersAndNonAdminsCannotDeactivateAnyone() {
    Api.Login owner = api.signup("Acme");
    Api.Login admin = api.addMember(owner, "admin");
    Api.Login responder = api.addMember(owner, "responder");
    Api.Login agent = api.addMember(owner, "agent");

    Api.Reply adminOnOwner = deactivate(admin, owner.userId());
    Api.Reply responderOnAgent = deactivate(responder, agent.userId());

    assertThat(adminOnOwner.status()).isEqualTo(403);
    assertThat(responderOnAgent.status()).isEqualTo(403);
    assertThat(api.get("/api/v1/session", owner).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/session", agent).status()).isEqualTo(200);
    assertThat(deactivate(admin, agent.userId()).status()).isEqualTo(200);
  }

  @Test
  void deactivatingAnUnknownUserIsNotFound() {
    Api.Login owner = api.signup("Acme");
    Api.Login other = api.signup("Globex");

    assertThat(deactivate(owner, other.userId()).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/session", other).status()).isEqualTo(200);
  }

  @Test
  void aLowerRoleApiKeyCannotEditItsCreatorsProfile() {
    Api.Login owner = api.signup("Keyed");
    Api.Key viewerKey = api.createKey(owner, "viewer");

    Api.Reply reply =
        api.patch("/api/v1/users/" + owner.userId(), Map.of("name", "Renamed by a key"), viewerKey);

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("forbidden");
    assertThat(api.get("/api/v1/users/" + owner.userId(), owner).body().path("name").asText())
        .isNotEqualTo("Renamed by a key");
  }
}
