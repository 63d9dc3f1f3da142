package com.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.SwitchboardConfiguration;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs its own instance with a small per-address budget, so it does not affect other tests. */
class LoginThrottleByAddressTest {
  private DropwizardTestSupport<SwitchboardConfiguration> app;
  private Api api;

  @BeforeEach
  void start() {
    TestDatabase.get().truncateAll();
    app = TestApp.start(ConfigOverride.config("auth.failedLoginsPerAddress", "3"));
    api = new Api("http://localhost:" + app.getLocalPort());
  }

  @AfterEach
  void stop() {
    app.after();
  }

  @Test
  void failedLoginsAgainstManyAccountsFromOneAddressAreRateLimited() {
    Api.Login owner = api.signup("Throttled");
    for (int attempt = 1; attempt <= 3; attempt++) {
      Api.Reply reply =
          api.post(
              "/api/v1/session",
              Map.of(
                  "tenant",
                  owner.slug(),
                  "email",
                  "guess" + attempt + "@example.test",
                  "password",
                  "wrong password"),
              Api.ANONYMOUS);
      assertThat(reply.status()).as("attempt %d", attempt).isEqualTo(401);
    }

    Api.Reply limited =
        api.post(
            "/api/v1/session",
            Map.of("tenant", owner.slug(), "email", owner.email(), "password", Api.PASSWORD),
            Api.ANONYMOUS);

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.errorCode()).isEqualTo("rate_limited");
    assertThat(limited.body().path("error").path("message").asText()).contains("address");
  }
}
