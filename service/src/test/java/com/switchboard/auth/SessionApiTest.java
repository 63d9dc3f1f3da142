package com.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionApiTest {
  private final Api api = TestApp.api();

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.get().truncateAll();
  }

  @Test
  void signupCreatesTenantAndOwnerAndLogsThemIn() {
    Api.Reply reply =
        api.post(
            "/api/v1/signup",
            Map.of(
                "organization", "Acme Corp",
                "name", "Ann Owner",
                "email", "Ann@Acme.test",
                "password", Api.PASSWORD),
            Api.ANONYMOUS);

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.body().path("tenant").path("slug").asText()).isEqualTo("acme-corp");
    assertThat(reply.body().path("user").path("role").asText()).isEqualTo("owner");
    assertThat(reply.body().path("user").path("email").asText()).isEqualTo("ann@acme.test");
    assertThat(reply.body().path("user").has("passwordHash")).isFalse();
    String setCookie =
        reply.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("sb_session="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie)
        .contains("HttpOnly")
        .containsIgnoringCase("SameSite=Lax")
        .doesNotContain("Secure");

    Api.Login owner = api.loginFrom(reply);
    Api.Reply me = api.get("/api/v1/session", owner);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().path("user").path("name").asText()).isEqualTo("Ann Owner");
    assertThat(me.body().path("authMethod").asText()).isEqualTo("SESSION");
  }

  @Test
  void signupWithATakenSlugIsAConflict() {
    Map<String, Object> request =
        Map.of(
            "organization",
            "Globex",
            "name",
            "G",
            "email",
            "g@globex.test",
            "password",
            Api.PASSWORD);
    assertThat(api.post("/api/v1/signup", request, Api.ANONYMOUS).status()).isEqualTo(201);

    Api.Reply again = api.post("/api/v1/signup", request, Api.ANONYMOUS);

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("conflict");
    assertThat(again.body().path("error").path("message").asText()).contains("globex");
  }

  @Test
  void loginWithTheRightPasswordOpensASessionAndTheWrongOneDoesNot() {
    Api.Login owner = api.signup("Initech");

    Api.Login again = api.login(owner.slug(), owner.email().toUpperCase(), Api.PASSWORD);
    assertThat(api.get("/api/v1/session", again).status()).isEqualTo(200);

    Api.Reply wrong =
        api.post(
            "/api/v1/session",
            Map.of("tenant", owner.slug(), "email", owner.email(), "password", "not the password"),
            Api.ANONYMOUS);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.errorCode()).isEqualTo("unauthorized");

    Api.Reply unknownTenant =
        api.post(
            "/api/v1/session",
            Map.of("tenant", "no-such-org", "email", owner.email(), "password", Api.PASSWORD),
            Api.ANONYMOUS);
    assertThat(unknownTenant.status()).isEqualTo(401);
    assertThat(unknownTenant.body().path("error").path("message").asText())
        .isEqualTo(wrong.body().path("error").path("message").asText());
  }

  @Test
  void logoutEndsTheSession() {
    Api.Login owner = api.signup("Umbrella");

    Api.Reply logout = api.delete("/api/v1/session", owner);

    assertThat(logout.status()).isEqualTo(204);
    assertThat(Api.cookie(logout, "sb_session")).isEmpty();
    assertThat(api.get("/api/v1/session", owner).status()).isEqualTo(401);
  }

  @Test
  void writesWithASessionCookieNeedTheCsrfToken() {
    Api.Login owner = api.signup("Hooli");

    Api.Reply forged =
        api.post(
            "/api/v1/teams", Map.of("name", "Core", "kind", "engineering"), owner.withoutCsrf());
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.errorCode()).isEqualTo("csrf_failed");

    Api.Reply wrongToken =
        api.post(
            "/api/v1/teams",
            Map.of("name", "Core", "kind", "engineering"),
            new Api.Login(
                owner.tenantId(),
                owner.slug(),
                owner.userId(),
                owner.email(),
                owner.cookie(),
                "guess"));
    assertThat(wrongToken.status()).isEqualTo(403);

    assertThat(api.get("/api/v1/teams", owner.withoutCsrf()).status()).isEqualTo(200);
    assertThat(
            api.post("/api/v1/teams", Map.of("name", "Core", "kind", "engineering"), owner)
                .status())
        .isEqualTo(201);
  }

  @Test
  void repeatedFailedLoginsForOneAccountAreRateLimited() {
    Api.Login owner = api.signup("Vandelay");
    Map<String, Object> wrong =
        Map.of("tenant", owner.slug(), "email", owner.email(), "password", "wrong password!");

    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThat(api.post("/api/v1/session", wrong, Api.ANONYMOUS).status())
          .as("attempt %d", attempt)
          .isEqualTo(401);
    }
    Api.Reply limited = api.post("/api/v1/session", wrong, Api.ANONYMOUS);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.errorCode()).isEqualTo("rate_limited");
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();

    Api.Reply rightButLimited =
        api.post(
            "/api/v1/session",
            Map.of("tenant", owner.slug(), "email", owner.email(), "password", Api.PASSWORD),
            Api.ANONYMOUS);
    assertThat(rightButLimited.status()).isEqualTo(429);
  }

  @Test
  void failedAndSuccessfulLoginsAreAudited() {
    Api.Login owner = api.signup("Wonka");
    api.post(
        "/api/v1/session",
        Map.of("tenant", owner.slug(), "email", owner.email(), "password", "wrong password!"),
        Api.ANONYMOUS);
    api.login(owner.slug(), owner.email(), Api.PASSWORD);

    Api.Reply audit = api.get("/api/v1/audit", owner);

    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.body().path("items").findValuesAsText("action"))
        .containsSubsequence("user.logged_in", "user.login_failed", "tenant.created");
  }
}
