package com.switchboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.InvitationSeed;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import com.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Forgot password": a single-use, expiring link by email that says nothing about the address. */
class PasswordResetTest {
  private static final String NEW_PASSWORD = "a brand new passphrase";
  private static final String SUBJECT = "Reset your Switchboard password";

  private final Api api = TestApp.api();
  private final RecoveryMail mail = new RecoveryMail(api);

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.get().truncateAll();
  }

  @AfterEach
  void realTime() {
    TestClock.shared().reset();
  }

  @Test
  void theEmailedLinkSetsANewPasswordOnceAndEndsEverySession() {
    Api.Login owner = api.signup("Reset Once");
    Api.Login otherBrowser = api.login(owner.slug(), owner.email(), Api.PASSWORD);

    Api.Reply asked = requestReset(owner.slug(), owner.email());
    String token = mail.resetToken(owner, owner.email(), 1);
    Api.Reply used = confirm(token, NEW_PASSWORD);
    Api.Reply again = confirm(token, "yet another passphrase");

    assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
    assertThat(used.status()).as(used.toString()).isEqualTo(204);
    assertThat(again.status()).as(again.toString()).isEqualTo(410);
    assertThat(again.errorCode()).isEqualTo("reset_link_used");
    assertThat(again.body().path("error").path("message").asText()).contains("already used");
    assertThat(api.get("/api/v1/session", owner).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/session", otherBrowser).status()).isEqualTo(401);
    assertThat(login(owner, Api.PASSWORD).status()).isEqualTo(401);
    Api.Login fresh = api.login(owner.slug(), owner.email(), NEW_PASSWORD);
    List<String> actions =
        api.get("/api/v1/audit?limit=20", fresh).body().findValuesAsText("action");
    assertThat(actions).contains("user.password_reset_requested", "user.password_reset");
  }

  @Test
  void theLinkNamesTheOrganizationAndThePublicUrl() {
    Api.Login owner = api.signup("Reset Text");

    requestReset(owner.slug().toUpperCase(), owner.email().toUpperCase());
    JsonNode email = mail.awaitEmails(owner, owner.email(), SUBJECT, 1).get(0);

    assertThat(email.path("body").asText())
        .contains(owner.slug(), "http://localhost:8080/reset-password?token=sbr_", "30 minutes");
  }

  @Test
  void knownAndUnknownAddressesGetTheSameAnswerAndOnlyTheKnownOneAnEmail() {
    Api.Login owner = api.signup("Reset Leak");
    Api.Login deactivated = InvitationSeed.member(api, owner, "responder");
    assertThat(
            api.post("/api/v1/users/" + deactivated.userId() + "/deactivate", null, owner).status())
        .isEqualTo(200);
    String stranger = "nobody@" + owner.slug() + ".test";

    Api.Reply unknownTenant = requestReset("no-such-org-anywhere", owner.email());
    Api.Reply unknownEmail = requestReset(owner.slug(), stranger);
    Api.Reply inactive = requestReset(owner.slug(), deactivated.email());
    Api.Reply known = requestReset(owner.slug(), owner.email());
    mail.awaitEmails(owner, owner.email(), SUBJECT, 1);

    for (Api.Reply other : List.of(unknownTenant, unknownEmail, inactive)) {
      assertThat(other.status()).isEqualTo(known.status()).isEqualTo(202);
      assertThat(other.raw()).isEqualTo(known.raw());
    }
    assertThat(known.body().path("message").asText()).contains("If this address has an account");
    // Sends happen in order on one pool; the known address's email came, the others' never will:
    // no link was stored for them.
    assertThat(mail.emails(owner, stranger, SUBJECT)).isEmpty();
    assertThat(mail.emails(owner, deactivated.email(), SUBJECT)).isEmpty();
    assertThat(resetLinksStored(owner)).isEqualTo(1);
  }

  @Test
  void anExpiredLinkAnswers410AndChangesNothing() {
    Api.Login owner = api.signup("Reset Late");
    requestReset(owner.slug(), owner.email());
    String token = mail.resetToken(owner, owner.email(), 1);

    TestClock.shared().advance(Duration.ofMinutes(31));
    Api.Reply late = confirm(token, NEW_PASSWORD);

    assertThat(late.status()).as(late.toString()).isEqualTo(410);
    assertThat(late.errorCode()).isEqualTo("reset_link_expired");
    assertThat(late.body().path("error").path("message").asText()).contains("expired");
    assertThat(login(owner, NEW_PASSWORD).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/session", owner).status()).isEqualTo(200);
  }

  @Test
  void usingOneLinkUsesUpTheUsersOtherLinks() {
    Api.Login owner = api.signup("Reset Twice");
    requestReset(owner.slug(), owner.email());
    String first = mail.resetToken(owner, owner.email(), 1);
    requestReset(owner.slug(), owner.email());
    String second = mail.resetToken(owner, owner.email(), 2);
    assertThat(second).isNotEqualTo(first);

    assertThat(confirm(second, NEW_PASSWORD).status()).isEqualTo(204);
    Api.Reply stale = confirm(first, "yet another passphrase");

    assertThat(stale.status()).as(stale.toString()).isEqualTo(410);
    assertThat(stale.errorCode()).isEqualTo("reset_link_used");
    assertThat(api.login(owner.slug(), owner.email(), NEW_PASSWORD)).isNotNull();
  }

  @Test
  void anUnknownOrForgedTokenAnswers400() {
    Api.Login owner = api.signup("Reset Forged");
    Api.Login other = api.signup("Reset Other");
    requestReset(owner.slug(), owner.email());
    String token = mail.resetToken(owner, owner.email(), 1);
    String[] parts = token.split("_", 3);
    String otherTenant = parts[0] + "_" + other.tenantId().replace("-", "") + "_" + parts[2];

    for (String bad :
        List.of("not-a-token", otherTenant, parts[0] + "_" + parts[1] + "_" + "x".repeat(43))) {
      Api.Reply reply = confirm(bad, NEW_PASSWORD);
      assertThat(reply.status()).as(bad + " -> " + reply).isEqualTo(400);
      assertThat(reply.errorCode()).isEqualTo("invalid_reset_link");
    }
    assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(204);
  }

  @Test
  void aTooShortPasswordIsRejectedAndTheLinkStillWorks() {
    Api.Login owner = api.signup("Reset Short");
    requestReset(owner.slug(), owner.email());
    String token = mail.resetToken(owner, owner.email(), 1);

    Api.Reply shortOne = confirm(token, "short1234");

    assertThat(shortOne.status()).isEqualTo(422);
    assertThat(shortOne.body().path("error").path("fields").findValuesAsText("field"))
        .contains("password");
    assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(204);
  }

  @Test
  void anAccountGetsThreeLinksAnHourAndTheFourthRequestLooksTheSame() {
    Api.Login owner = api.signup("Reset Flood");

    List<Api.Reply> replies =
        List.of(
            requestReset(owner.slug(), owner.email()),
            requestReset(owner.slug(), owner.email()),
            requestReset(owner.slug(), owner.email()),
            requestReset(owner.slug(), owner.email()));
    mail.awaitEmails(owner, owner.email(), SUBJECT, 3);

    assertThat(replies).extracting(Api.Reply::status).containsOnly(202);
    assertThat(replies).extracting(Api.Reply::raw).containsOnly(replies.get(0).raw());
    assertThat(resetLinksStored(owner)).isEqualTo(3);
    List<String> summaries =
        api.get("/api/v1/audit?limit=20", owner).body().findValuesAsText("summary");
    assertThat(summaries).filteredOn(s -> s.startsWith("password reset link not sent")).hasSize(1);

    TestClock.shared().advance(Duration.ofMinutes(61));
    requestReset(owner.slug(), owner.email());
    assertThat(mail.awaitEmails(owner, owner.email(), SUBJECT, 4)).hasSize(4);
  }

  private Api.Reply requestReset(String tenant, String email) {
    return api.post(
        "/api/v1/password-resets", Map.of("tenant", tenant, "email", email), Api.ANONYMOUS);
  }

  private Api.Reply confirm(String token, String password) {
    return api.post(
        "/api/v1/password-resets/confirm",
        Map.of("token", token, "password", password),
        Api.ANONYMOUS);
  }

  private Api.Reply login(Api.Login who, String password) {
    return api.post(
        "/api/v1/session",
        Map.of("tenant", who.slug(), "email", who.email(), "password", password),
        Api.ANONYMOUS);
  }

  private static long resetLinksStored(Api.Login owner) {
    return TestDatabase.get().countInTenant(owner.tenantId(), "password_resets");
  }
}
