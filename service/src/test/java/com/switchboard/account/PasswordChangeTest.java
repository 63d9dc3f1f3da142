package com.switchboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A signed-in person changes their own password; their other sessions end. */
class PasswordChangeTest {
  private static final String NEW_PASSWORD = "a brand new passphrase";

  private final Api api = TestApp.api();

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.get().truncateAll();
  }

  @Test
  void theRightCurrentPasswordChangesItKeepsThisSessionAndEndsTheOthers() {
    Api.Login owner = api.signup("Change Password");
    Api.Login otherBrowser = api.login(owner.slug(), owner.email(), Api.PASSWORD);

    Api.Reply changed = change(owner, Api.PASSWORD, NEW_PASSWORD);

    assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
    assertThat(api.get("/api/v1/session", owner).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/session", otherBrowser).status()).isEqualTo(401);
    assertThat(login(owner, Api.PASSWORD).status()).isEqualTo(401);
    assertThat(login(owner, NEW_PASSWORD).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/audit?limit=5", owner).body().findValuesAsText("action"))
        .contains("user.password_changed");
  }

  @Test
  void aWrongCurrentPasswordIs400AndChangesNothing() {
    Api.Login owner = api.signup("Wrong Password");
    Api.Login otherBrowser = api.login(owner.slug(), owner.email(), Api.PASSWORD);

    Api.Reply wrong = change(owner, "not my password at all", NEW_PASSWORD);

    assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
    assertThat(wrong.errorCode()).isEqualTo("wrong_password");
    assertThat(wrong.body().path("error").path("fields").findValuesAsText("field"))
        .containsExactly("currentPassword");
    assertThat(api.get("/api/v1/session", otherBrowser).status()).isEqualTo(200);
    assertThat(login(owner, Api.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void guessingTheCurrentPasswordCountsAsFailedLogins() {
    Api.Login owner = api.signup("Guessing Password");

    for (int n = 1; n <= 5; n++) {
      assertThat(change(owner, "guess number " + n, NEW_PASSWORD).status()).isEqualTo(400);
    }
    Api.Reply sixth = change(owner, Api.PASSWORD, NEW_PASSWORD);

    assertThat(sixth.status()).as(sixth.toString()).isEqualTo(429);
    assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
    assertThat(login(owner, NEW_PASSWORD).status()).isIn(401, 429);
  }

  @Test
  void aTooShortNewPasswordIs422() {
    Api.Login owner = api.signup("Short Password");

    Api.Reply reply = change(owner, Api.PASSWORD, "short1234");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.body().path("error").path("fields").findValuesAsText("field"))
        .contains("newPassword");
    assertThat(login(owner, Api.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void anApiKeyMayNotChangeItsCreatorsPassword() {
    Api.Login owner = api.signup("Keyed Password");
    Api.Key key = api.createKey(owner, "owner");

    Api.Reply reply =
        api.post(
            "/api/v1/session/password",
            Map.of("currentPassword", Api.PASSWORD, "newPassword", NEW_PASSWORD),
            key);

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("forbidden");
    assertThat(login(owner, Api.PASSWORD).status()).isEqualTo(200);
  }

  private Api.Reply change(Api.Login who, String current, String wanted) {
    return api.post(
        "/api/v1/session/password", Map.of("currentPassword", current, "newPassword", wanted), who);
  }

  private Api.Reply login(Api.Login who, String password) {
    return api.post(
        "/api/v1/session",
        Map.of("tenant", who.slug(), "email", who.email(), "password", password),
        Api.ANONYMOUS);
  }
}
