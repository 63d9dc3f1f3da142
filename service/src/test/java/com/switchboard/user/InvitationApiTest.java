package com.switchboard.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvitationApiTest {
  private final Api api = TestApp.api();

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.get().truncateAll();
  }

  private JsonNode pending(Api.Login admin) {
    Api.Reply list = api.get("/api/v1/users/invitations", admin);
    assertThat(list.status()).isEqualTo(200);
    return list.body().path("items");
  }

  private static String invitationId(Api.Reply invited) {
    assertThat(invited.status()).as("%s", invited).isEqualTo(201);
    return invited.body().path("invitation").path("id").asText();
  }

  @Test
  void inviteReturnsTheInvitationAndAOneTimeAcceptLink() {
    Api.Login owner = api.signup("Acme");

    Api.Reply invited = api.invite(owner, "New.Person@Acme.test", "responder");

    assertThat(invited.status()).isEqualTo(201);
    JsonNode invitation = invited.body().path("invitation");
    assertThat(invitation.path("email").asText()).isEqualTo("new.person@acme.test");
    assertThat(invitation.path("role").asText()).isEqualTo("responder");
    assertThat(invitation.path("invitedBy").asText()).isEqualTo(owner.userId());
    assertThat(invitation.path("acceptedAt").isNull()).isTrue();
    assertThat(invitation.path("revokedAt").isNull()).isTrue();
    assertThat(invitation.has("tokenHash")).isFalse();
    assertThat(invited.body().path("acceptUrl").asText())
        .startsWith("http://localhost:8080/accept-invitation?token=");
    assertThat(Api.invitationToken(invited)).startsWith("sbi_");
  }

  @Test
  void pendingInvitationsAreListedWithoutTheirTokens() {
    Api.Login owner = api.signup("Acme");
    Api.Reply first = api.invite(owner, "first@acme.test", "agent");
    Api.Reply second = api.invite(owner, "second@acme.test", "viewer");

    JsonNode items = pending(owner);

    assertThat(items.findValuesAsText("id"))
        .containsExactly(invitationId(second), invitationId(first));
    assertThat(items.findValuesAsText("email"))
        .containsExactly("second@acme.test", "first@acme.test");
    String listed = api.get("/api/v1/users/invitations", owner).raw();
    assertThat(listed)
        .doesNotContain(Api.invitationToken(first))
        .doesNotContain(Api.invitationToken(second))
        .doesNotContain("acceptUrl");
  }

  @Test
  void acceptingCreatesTheUserWithTheInvitedRoleAndLogsThemIn() {
    Api.Login owner = api.signup("Acme");
    Api.Reply invited = api.invite(owner, "Nina@Acme.test", "agent");

    Api.Reply accepted =
        api.post(
            "/api/v1/invitations/accept",
            Map.of(
                "token",
                Api.invitationToken(invited),
                "name",
                "  Nina Agent ",
                "password",
                Api.PASSWORD,
                "timeZone",
                "Europe/Paris"),
            Api.ANONYMOUS);

    assertThat(accepted.status()).isEqualTo(201);
    assertThat(accepted.body().path("tenant").path("id").asText()).isEqualTo(owner.tenantId());
    JsonNode user = accepted.body().path("user");
    assertThat(user.path("email").asText()).isEqualTo("nina@acme.test");
    assertThat(user.path("name").asText()).isEqualTo("Nina Agent");
    assertThat(user.path("role").asText()).isEqualTo("agent");
    assertThat(user.path("timeZone").asText()).isEqualTo("Europe/Paris");
    assertThat(accepted.body().path("csrfToken").asText()).isNotBlank();
    assertThat(Api.cookie(accepted, "sb_session")).isNotBlank();

    Api.Login nina = api.loginFrom(accepted);
    Api.Reply me = api.get("/api/v1/session", nina);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().path("user").path("role").asText()).isEqualTo("agent");
    assertThat(api.get("/api/v1/users", owner).body().path("items").findValuesAsText("email"))
        .contains("nina@acme.test");
    assertThat(api.login(owner.slug(), "nina@acme.test", Api.PASSWORD).userId())
        .isEqualTo(nina.userId());
    assertThat(pending(owner)).isEmpty();
  }

  @Test
  void anAcceptedUserWithoutATimeZoneGetsUtc() {
    Api.Login owner = api.signup("Acme");

    Api.Reply accepted =
        api.accept(Api.invitationToken(api.invite(owner, "u@acme.test", "viewer")), "U");

    assertThat(accepted.status()).isEqualTo(201);
    assertThat(accepted.body().path("user").path("timeZone").asText()).isEqualTo("UTC");
  }

  @Test
  void anInvalidTimeZoneOrShortPasswordIsRejectedAndTheInvitationStaysUsable() {
    Api.Login owner = api.signup("Acme");
    String token = Api.invitationToken(api.invite(owner, "tz@acme.test", "viewer"));

    Api.Reply badZone =
        api.post(
            "/api/v1/invitations/accept",
            Map.of("token", token, "name", "T", "password", Api.PASSWORD, "timeZone", "CEST"),
            Api.ANONYMOUS);
    Api.Reply shortPassword =
        api.post(
            "/api/v1/invitations/accept",
            Map.of("token", token, "name", "T", "password", "short"),
            Api.ANONYMOUS);

    assertThat(badZone.status()).isEqualTo(422);
    assertThat(badZone.body().path("error").path("fields").findValuesAsText("field"))
        .containsExactly("timeZone");
    assertThat(shortPassword.status()).isEqualTo(422);
    assertThat(api.accept(token, "T").status()).isEqualTo(201);
  }

  @Test
  void anInvitationTokenCanBeUsedOnlyOnce() {
    Api.Login owner = api.signup("Acme");
    String token = Api.invitationToken(api.invite(owner, "once@acme.test", "responder"));
    assertThat(api.accept(token, "First").status()).isEqualTo(201);

    Api.Reply again = api.accept(token, "Second");

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("conflict");
    assertThat(Api.cookie(again, "sb_session")).isNull();
    JsonNode users = api.get("/api/v1/users", owner).body().path("items");
    assertThat(users).hasSize(2);
    assertThat(users.findValuesAsText("name")).contains("First").doesNotContain("Second");
  }

  @Test
  void reInvitingTheSameAddressRevokesTheEarlierToken() {
    Api.Login owner = api.signup("Acme");
    Api.Reply first = api.invite(owner, "twice@acme.test", "viewer");
    Api.Reply second = api.invite(owner, "TWICE@acme.test", "responder");

    assertThat(second.status()).isEqualTo(201);
    JsonNode items = pending(owner);
    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("id").asText()).isEqualTo(invitationId(second));

    Api.Reply old = api.accept(Api.invitationToken(first), "Old Link");
    assertThat(old.status()).isEqualTo(409);
    assertThat(old.errorCode()).isEqualTo("conflict");

    Api.Reply fresh = api.accept(Api.invitationToken(second), "New Link");
    assertThat(fresh.status()).isEqualTo(201);
    assertThat(fresh.body().path("user").path("role").asText()).isEqualTo("responder");
  }

  @Test
  void aRevokedInvitationCannotBeAccepted() {
    Api.Login owner = api.signup("Acme");
    Api.Reply invited = api.invite(owner, "gone@acme.test", "agent");

    Api.Reply revoke = api.delete("/api/v1/users/invitations/" + invitationId(invited), owner);

    assertThat(revoke.status()).isEqualTo(204);
    assertThat(pending(owner)).isEmpty();
    Api.Reply accept = api.accept(Api.invitationToken(invited), "Too Late");
    assertThat(accept.status()).isEqualTo(409);
    assertThat(api.get("/api/v1/users", owner).body().path("items")).hasSize(1);
  }

  @Test
  void revokingAnUnknownInvitationIsNotFound() {
    Api.Login owner = api.signup("Acme");
    Api.Login other = api.signup("Globex");
    Api.Reply othersInvitation = api.invite(other, "x@globex.test", "viewer");

    assertThat(api.delete("/api/v1/users/invitations/" + UUID.randomUUID(), owner).status())
        .isEqualTo(404);
    assertThat(
            api.delete("/api/v1/users/invitations/" + invitationId(othersInvitation), owner)
                .status())
        .isEqualTo(404);
    assertThat(pending(other)).hasSize(1);
  }

  @Test
  void anExpiredInvitationIsNotPendingAndCannotBeAccepted() {
    Api.Login owner = api.signup("Acme");
    Api.Reply invited = api.invite(owner, "late@acme.test", "viewer");
    int expired =
        TestDatabase.get()
            .executeInTenant(
                owner.tenantId(),
                "UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = ?",
                UUID.fromString(invitationId(invited)));
    assertThat(expired).isEqualTo(1);

    assertThat(pending(owner)).isEmpty();
    Api.Reply accept = api.accept(Api.invitationToken(invited), "Late");
    assertThat(accept.status()).isEqualTo(409);
    assertThat(accept.body().path("error").path("message").asText()).contains("expired");
  }

  @Test
  void invitingSomeoneWhoIsAlreadyAMemberIsAConflict() {
    Api.Login owner = api.signup("Acme");
    Api.Login member = api.addMember(owner, "responder");

    Api.Reply self = api.invite(owner, owner.email().toUpperCase(), "admin");
    Api.Reply existing = api.invite(owner, member.email(), "viewer");

    assertThat(self.status()).isEqualTo(409);
    assertThat(self.errorCode()).isEqualTo("conflict");
    assertThat(existing.status()).isEqualTo(409);
    assertThat(pending(owner)).isEmpty();
  }

  @Test
  void invitingAMemberOfAnotherTenantIsFine() {
    Api.Login acme = api.signup("Acme");
    Api.Login globex = api.signup("Globex");

    Api.Reply invited = api.invite(acme, globex.email(), "viewer");

    assertThat(invited.status()).isEqualTo(201);
    Api.Reply accepted = api.accept(Api.invitationToken(invited), "Both Places");
    assertThat(accepted.status()).isEqualTo(201);
    assertThat(accepted.body().path("tenant").path("id").asText()).isEqualTo(acme.tenantId());
  }

  @Test
  void acceptingWithABadTokenIsNotFound() {
    Api.Login owner = api.signup("Acme");
    String token = Api.invitationToken(api.invite(owner, "real@acme.test", "viewer"));
    String unknownSecret = token.substring(0, 37) + "x".repeat(43);
    String unknownTenant =
        "sbi_" + UUID.randomUUID().toString().replace("-", "") + token.substring(36);

    for (String bad :
        new String[] {"garbage", unknownSecret, unknownTenant, owner.cookie(), "sbi_1_2"}) {
      Api.Reply reply = api.accept(bad, "Nobody");
      assertThat(reply.status()).as("token %s", bad).isEqualTo(404);
      assertThat(reply.errorCode()).isEqualTo("not_found");
    }
    assertThat(api.accept(token, "Real").status()).isEqualTo(201);
  }

  @Test
  void acceptNeedsTokenNameAndPassword() {
    Api.Reply reply =
        api.post("/api/v1/invitations/accept", Map.of("name", "No Token"), Api.ANONYMOUS);

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.body().path("error").path("fields").findValuesAsText("field"))
        .contains("token", "password");
  }

  @Test
  void onlyOwnersMayInviteOwners() {
    Api.Login owner = api.signup("Acme");
    Api.Login admin = api.addMember(owner, "admin");

    Api.Reply byAdmin = api.invite(admin, "boss@acme.test", "owner");
    Api.Reply adminByAdmin = api.invite(admin, "peer@acme.test", "admin");
    Api.Reply byOwner = api.invite(owner, "boss@acme.test", "owner");

    assertThat(byAdmin.status()).isEqualTo(403);
    assertThat(byAdmin.errorCode()).isEqualTo("forbidden");
    assertThat(adminByAdmin.status()).isEqualTo(201);
    assertThat(byOwner.status()).isEqualTo(201);
    assertThat(
            api.accept(Api.invitationToken(byOwner), "Boss")
                .body()
                .path("user")
                .path("role")
                .asText())
        .isEqualTo("owner");
  }

  @Test
  void nonAdminsCannotInviteListOrRevoke() {
    Api.Login owner = api.signup("Acme");
    Api.Login responder = api.addMember(owner, "responder");
    Api.Reply invited = api.invite(owner, "someone@acme.test", "viewer");

    assertThat(api.invite(responder, "friend@acme.test", "viewer").status()).isEqualTo(403);
    assertThat(api.get("/api/v1/users/invitations", responder).status()).isEqualTo(403);
    assertThat(api.delete("/api/v1/users/invitations/" + invitationId(invited), responder).status())
        .isEqualTo(403);
    assertThat(pending(owner)).hasSize(1);
  }

  @Test
  void anInvitationNeedsAValidEmailAndRole() {
    Api.Login owner = api.signup("Acme");

    Api.Reply badEmail = api.invite(owner, "not an email", "viewer");
    Api.Reply badRole =
        api.post(
            "/api/v1/users/invitations", Map.of("email", "ok@acme.test", "role", "god"), owner);
    Api.Reply noRole =
        api.post("/api/v1/users/invitations", Map.of("email", "ok@acme.test"), owner);

    assertThat(badEmail.status()).isEqualTo(422);
    assertThat(badRole.status()).isEqualTo(400);
    assertThat(noRole.status()).isEqualTo(422);
    assertThat(pending(owner)).isEmpty();
  }

  @Test
  void anApiKeyCanInviteWithinItsRole() {
    Api.Login owner = api.signup("Acme");
    Api.Key adminKey = api.createKey(owner, "admin");

    Api.Reply invited =
        api.post(
            "/api/v1/users/invitations",
            Map.of("email", "bot-invited@acme.test", "role", "agent"),
            adminKey);
    Api.Reply ownerInvite =
        api.post(
            "/api/v1/users/invitations",
            Map.of("email", "boss@acme.test", "role", "owner"),
            adminKey);

    assertThat(invited.status()).isEqualTo(201);
    assertThat(invited.body().path("invitation").path("invitedBy").asText())
        .isEqualTo(owner.userId());
    assertThat(ownerInvite.status()).isEqualTo(403);
  }
}
