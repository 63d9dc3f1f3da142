package com.switchboard.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.SwitchboardConfiguration;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Concurrently;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import com.switchboard.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verification codes are limited per user, per destination (across tenants) and per tenant and day,
 * stricter for new tenants. Runs its own instance with those limits (the suite's are lifted), and
 * counts what reached the outbox.
 */
class VerificationLimitTest {
  private static DropwizardTestSupport<SwitchboardConfiguration> app;
  private static Api api;
  private static int sequence;

  @BeforeAll
  static void start() {
    app =
        TestApp.start(
            ConfigOverride.config("verification.perUserPerHour", "5"),
            ConfigOverride.config("verification.perDestinationPerHour", "3"),
            ConfigOverride.config("verification.perTenantPerDay", "6"),
            ConfigOverride.config("verification.perNewTenantPerDay", "3"),
            ConfigOverride.config("verification.newTenantAge", "1d"));
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

  @AfterEach
  void resetClock() {
    TestClock.shared().reset();
  }

  @Test
  void aUserGetsFiveCodesAnHourAndTheSixthIsRefusedUntilTheFirstLeavesTheWindow() {
    Login owner = olderTenant("Pumped");
    for (int n = 1; n <= 5; n++) {
      assertThat(addSms(owner, owner.userId(), phone()).status()).as("code %d", n).isEqualTo(201);
    }
    TestClock.shared().advance(Duration.ofMinutes(20));

    Reply refused = addSms(owner, owner.userId(), phone());

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.errorCode()).isEqualTo("rate_limited");
    assertThat(refused.body().path("error").path("message").asText()).contains("this user");
    // The first code leaves the hour 40 minutes from now (less the seconds the test took).
    assertThat(retryAfter(refused)).isBetween(2400L - 30, 2400L);
    assertThat(codesSent(owner)).isEqualTo(5);
    assertThat(methods(owner, owner.userId())).as("a refused method is not added").isEqualTo(5);

    TestClock.shared().advance(Duration.ofSeconds(retryAfter(refused)));
    assertThat(addSms(owner, owner.userId(), phone()).status()).isEqualTo(201);
  }

  @Test
  void aNumberGetsThreeCodesAnHourWhicheverTenantsAsk() {
    String victim = phone();
    List<Login> tenants = new ArrayList<>();
    for (int n = 1; n <= 4; n++) {
      tenants.add(olderTenant("Tenant" + n));
    }
    for (int n = 0; n < 3; n++) {
      Login owner = tenants.get(n);
      assertThat(addSms(owner, owner.userId(), victim).status()).as("tenant %d", n).isEqualTo(201);
    }

    Reply refused = addSms(tenants.get(3), tenants.get(3).userId(), victim);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body().path("error").path("message").asText()).contains("this address");
    assertThat(retryAfter(refused)).isBetween(3600L - 30, 3600L);
    assertThat(tenants.stream().mapToInt(VerificationLimitTest::codesSent).sum()).isEqualTo(3);
    // A voice call to the same phone is the same victim.
    Reply byVoice =
        api.post(
            "/api/v1/users/" + tenants.get(3).userId() + "/contact-methods",
            Map.of("channel", "voice", "address", victim),
            tenants.get(3));
    assertThat(byVoice.status()).isEqualTo(429);
  }

  @Test
  void resendingACodeCountsAgainstTheSameLimits() {
    Login owner = olderTenant("Resender");
    Reply added = addSms(owner, owner.userId(), phone());
    String resend =
        "/api/v1/users/"
            + owner.userId()
            + "/contact-methods/"
            + added.body().path("method").path("id").asText()
            + "/send-code";
    for (int n = 2; n <= 3; n++) {
      TestClock.shared().advance(Duration.ofMinutes(2));
      assertThat(api.post(resend, null, owner).status()).as("code %d", n).isEqualTo(200);
    }
    TestClock.shared().advance(Duration.ofMinutes(2));

    Reply refused = api.post(resend, null, owner);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body().path("error").path("message").asText()).contains("this address");
    assertThat(retryAfter(refused)).isBetween(3600L - 6 * 60 - 30, 3600L - 6 * 60);
    assertThat(codesSent(owner)).isEqualTo(3);
  }

  @Test
  void aTenantUnderADayOldHasTheSmallerDailyCap() {
    Login young = api.signup("Young");
    for (int n = 1; n <= 3; n++) {
      assertThat(addSms(young, young.userId(), phone()).status()).as("code %d", n).isEqualTo(201);
    }

    Reply refused = addSms(young, young.userId(), phone());

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body().path("error").path("message").asText()).contains("new organization");
    assertThat(retryAfter(refused)).isBetween(86_400L - 30, 86_400L);
    assertThat(codesSent(young)).isEqualTo(3);
  }

  @Test
  void anOlderTenantHasTheLargerDailyCapAcrossItsUsers() {
    Login owner = olderTenant("Daily");
    Login member = api.addMember(owner, "responder");
    for (int n = 1; n <= 5; n++) {
      assertThat(addSms(owner, owner.userId(), phone()).status()).as("code %d", n).isEqualTo(201);
    }
    assertThat(addSms(owner, member.userId(), phone()).status()).isEqualTo(201);

    Reply refused = addSms(owner, member.userId(), phone());

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body().path("error").path("message").asText()).contains("this organization");
    assertThat(codesSent(owner)).isEqualTo(6);
  }

  @Test
  void concurrentRequestsSendNoMoreThanTheLimit() throws Exception {
    Login owner = olderTenant("Racing");
    List<String> numbers = new ArrayList<>();
    for (int n = 0; n < 12; n++) {
      numbers.add(phone());
    }

    List<Integer> statuses =
        Concurrently.run(
            numbers.size(), n -> addSms(owner, owner.userId(), numbers.get(n)).status());

    assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
    assertThat(statuses).filteredOn(s -> s == 429).hasSize(7);
    assertThat(codesSent(owner)).isEqualTo(5);
  }

  @Test
  void concurrentTenantsSendNoMoreThanThreeCodesToOneNumber() throws Exception {
    String victim = phone();
    List<Login> tenants = new ArrayList<>();
    for (int n = 0; n < 8; n++) {
      tenants.add(olderTenant("Crowd" + n));
    }

    List<Integer> statuses =
        Concurrently.run(
            tenants.size(), n -> addSms(tenants.get(n), tenants.get(n).userId(), victim).status());

    assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
    assertThat(tenants.stream().mapToInt(VerificationLimitTest::codesSent).sum()).isEqualTo(3);
  }

  @Test
  void theCountsHoldNoAddressAndAreDeletedOnceOutOfTheirWindow() throws SQLException {
    Login owner = olderTenant("Pruned");
    String number = phone();
    addSms(owner, owner.userId(), number);
    assertThat(count("SELECT count(*) FROM rate_limit_events")).isEqualTo(3);
    assertThat(
            count(
                "SELECT count(*) FROM rate_limit_events WHERE position(convert_to('"
                    + number.substring(1)
                    + "', 'UTF8') in key_hash) > 0 OR kind LIKE '%"
                    + number.substring(1)
                    + "%'"))
        .isZero();

    TestClock.shared().advance(Duration.ofDays(2));
    addSms(owner, owner.userId(), phone());

    assertThat(count("SELECT count(*) FROM rate_limit_events")).isEqualTo(3);
  }

  // --- helpers

  /** A tenant two days old: past the new-tenant cap. */
  private static Login olderTenant(String name) {
    TestClock.shared().advance(Duration.ofDays(-2));
    try {
      return api.signup(name);
    } finally {
      TestClock.shared().advance(Duration.ofDays(2));
    }
  }

  private static synchronized String phone() {
    return "+1415555" + String.format("%04d", ++sequence);
  }

  private static Reply addSms(Login admin, String userId, String number) {
    return api.post(
        "/api/v1/users/" + userId + "/contact-methods",
        Map.of("channel", "sms", "address", number),
        admin);
  }

  private static int methods(Login admin, String userId) {
    return api.get("/api/v1/users/" + userId + "/contact-methods", admin)
        .body()
        .path("items")
        .size();
  }

  /** Verification codes in the tenant's outbox. */
  private static int codesSent(Login admin) {
    int codes = 0;
    for (var message : api.get("/api/v1/outbox?limit=1000", admin).body().path("items")) {
      if (message.path("body").asText().contains("verification code")) {
        codes++;
      }
    }
    return codes;
  }

  private static long retryAfter(Reply reply) {
    return Long.parseLong(reply.headers().firstValue("Retry-After").orElseThrow());
  }

  private static long count(String sql) throws SQLException {
    try (Connection connection = TestDatabase.get().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
