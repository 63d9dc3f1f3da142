package com.switchboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.InvitationSeed;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Forgot sign-in name": each organization of the address by email, nothing revealed. */
class SignInNameReminderTest {
  private static final String SUBJECT = "Your Switchboard sign-in name";

  private final Api api = TestApp.api();
  private final RecoveryMail mail = new RecoveryMail(api);

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.get().truncateAll();
  }

  @Test
  void eachOrganizationOfTheAddressEmailsItsOwnSignInNameAndNothingElse() {
    String email = "pat-" + UUID.randomUUID().toString().substring(0, 8) + "@reminders.test";
    Api.Login acme = signup("Acme Reminders", email);
    Api.Login globex = signup("Globex Reminders", email);
    Api.Login former = signup("Former Reminders", "boss@former.test");
    String member = memberWithEmail(former, email);
    assertThat(api.post("/api/v1/users/" + member + "/deactivate", null, former).status())
        .isEqualTo(200);

    Api.Reply asked = remind(email.toUpperCase());
    JsonNode toAcme = mail.awaitEmails(acme, email, SUBJECT, 1).get(0);
    JsonNode toGlobex = mail.awaitEmails(globex, email, SUBJECT, 1).get(0);

    assertThat(asked.status()).isEqualTo(202);
    assertThat(toAcme.path("body").asText())
        .contains("Sign-in name: " + acme.slug(), "Acme Reminders")
        .doesNotContain(globex.slug(), "Globex", former.slug());
    assertThat(toGlobex.path("body").asText())
        .contains("Sign-in name: " + globex.slug())
        .doesNotContain(acme.slug(), former.slug());
    assertThat(mail.emails(former, email, SUBJECT)).isEmpty();
    assertThat(mail.emails(acme, email, SUBJECT)).hasSize(1);
    assertThat(api.get("/api/v1/audit?limit=5", acme).body().findValuesAsText("action"))
        .contains("user.sign_in_name_reminded");
  }

  @Test
  void anUnknownAddressGetsTheSameAnswer() {
    Api.Login known = signup("Known Reminders", "known@reminders.test");

    Api.Reply unknown = remind("stranger@reminders.test");
    Api.Reply found = remind("known@reminders.test");
    mail.awaitEmails(known, "known@reminders.test", SUBJECT, 1);

    assertThat(unknown.status()).isEqualTo(found.status()).isEqualTo(202);
    assertThat(unknown.raw()).isEqualTo(found.raw());
    assertThat(mail.emails(known, "stranger@reminders.test", SUBJECT)).isEmpty();
  }

  @Test
  void anAddressGetsThreeRemindersAnHour() {
    Api.Login known = signup("Flooded Reminders", "flood@reminders.test");

    List<Api.Reply> replies =
        List.of(
            remind("flood@reminders.test"),
            remind("flood@reminders.test"),
            remind("flood@reminders.test"),
            remind("flood@reminders.test"));
    mail.awaitEmails(known, "flood@reminders.test", SUBJECT, 3);

    assertThat(replies).extracting(Api.Reply::status).containsOnly(202);
    assertThat(replies).extracting(Api.Reply::raw).containsOnly(replies.get(0).raw());
    // The fourth was not sent: reminders are audited when they are sent, before the send.
    assertThat(api.get("/api/v1/audit?limit=20", known).body().findValuesAsText("action"))
        .filteredOn("user.sign_in_name_reminded"::equals)
        .hasSize(3);
  }

  @Test
  void anInvalidAddressIs422() {
    Api.Reply reply = remind("not-an-email");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.body().path("error").path("fields").findValuesAsText("field"))
        .contains("email");
  }

  private Api.Reply remind(String email) {
    return api.post("/api/v1/sign-in-name-reminders", Map.of("email", email), Api.ANONYMOUS);
  }

  private Api.Login signup(String organization, String email) {
    String slug =
        organization.toLowerCase().replace(' ', '-')
            + "-"
            + UUID.randomUUID().toString().substring(0, 6);
    Api.Reply reply =
        api.post(
            "/api/v1/signup",
            Map.of(
                "organization", organization,
                "slug", slug,
                "name", "Pat",
                "email", email,
                "password", Api.PASSWORD),
            Api.ANONYMOUS);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return api.loginFrom(reply);
  }

  /** A member of the owner's organization with the given email; returns their id. */
  private String memberWithEmail(Api.Login owner, String email) {
    InvitationSeed.Pending pending = InvitationSeed.invite(owner, email, "viewer");
    Api.Reply accepted = api.accept(pending.token(), "Pat Former");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
    return accepted.body().path("user").path("id").asText();
  }
}
