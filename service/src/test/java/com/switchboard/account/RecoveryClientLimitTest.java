package com.switchboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.SwitchboardConfiguration;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client flooding the recovery endpoints gets 429 whatever addresses it asks about. Runs its own
 * instance with the default limit (20 requests per client address per hour).
 */
class RecoveryClientLimitTest {
  private static DropwizardTestSupport<SwitchboardConfiguration> app;
  private static Api api;

  @BeforeAll
  static void start() {
    app = TestApp.start(ConfigOverride.config("recovery.requestsPerClientPerHour", "20"));
    api = new Api("http://localhost:" + app.getLocalPort());
  }

  @AfterAll
  static void stop() {
    app.after();
  }

  @BeforeEach
  void clean() {
    TestDatabase.get().truncateAll();
  }

  @Test
  void theTwentyFirstRecoveryRequestOfAnHourFromOneClientIs429() {
    for (int n = 1; n <= 10; n++) {
      assertThat(reset("someone" + n + "@flood.test").status()).as("reset %d", n).isEqualTo(202);
      assertThat(remind("someone" + n + "@flood.test").status()).as("remind %d", n).isEqualTo(202);
    }

    Api.Reply reset = reset("fresh@flood.test");
    Api.Reply remind = remind("fresh@flood.test");

    for (Api.Reply refused : new Api.Reply[] {reset, remind}) {
      assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
      assertThat(refused.errorCode()).isEqualTo("rate_limited");
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }
  }

  private Api.Reply reset(String email) {
    return api.post(
        "/api/v1/password-resets", Map.of("tenant", "flood", "email", email), Api.ANONYMOUS);
  }

  private Api.Reply remind(String email) {
    return api.post("/api/v1/sign-in-name-reminders", Map.of("email", email), Api.ANONYMOUS);
  }
}
