package com.switchboard.platform.idempotency;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import com.switchboard.testing.TestDatabase;
import com.switchboard.testing.TestJdbi;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {
  private static final String TEAMS = "/api/v1/teams";

  private final Api api = TestApp.api();
  private final TestDatabase database = TestDatabase.get();
  private Api.Login owner;

  @BeforeEach
  void anOrganization() {
    TestApp.shared();
    database.truncateAll();
    owner = api.signup("Acme");
  }

  @AfterEach
  void resetClock() {
    TestClock.shared().reset();
  }

  private Api.Reply createTeam(Api.Auth caller, String key, String name) {
    return api.send(
        "POST",
        TEAMS,
        Map.of("name", name, "kind", "engineering"),
        caller,
        Map.of(IdempotencyFilter.HEADER, key));
  }

  private long teams(Api.Login of) {
    return database.countInTenant(of.tenantId(), "teams");
  }

  @Test
  void aRetryWithTheSameKeyAndBodyReplaysTheFirstResponseAndCreatesOnce() {
    String key = UUID.randomUUID().toString();

    Api.Reply first = createTeam(owner, key, "Payments");
    Api.Reply retry = createTeam(owner, key, "Payments");

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.headers().firstValue(IdempotencyFilter.REPLAYED)).isEmpty();
    assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
    assertThat(retry.id()).isEqualTo(first.id());
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.headers().firstValue(IdempotencyFilter.REPLAYED)).contains("true");
    assertThat(retry.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(teams(owner)).isEqualTo(1);
  }

  @Test
  void anIncidentTriggeredTwiceWithOneKeyIsOneIncident() {
    String team = api.createTeam(owner, "Payments", "engineering");
    String service = api.createService(owner, "Checkout", "", team);
    Map<String, Object> trigger =
        Map.of("serviceId", service, "title", "Checkout down", "urgency", "high");
    Map<String, String> key = Map.of(IdempotencyFilter.HEADER, "trigger-1");

    Api.Reply first = api.send("POST", "/api/v1/incidents", trigger, owner, key);
    Api.Reply retry = api.send("POST", "/api/v1/incidents", trigger, owner, key);

    assertThat(first.status()).as(first.toString()).isBetween(200, 201);
    assertThat(retry.status()).isEqualTo(first.status());
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(database.countInTenant(owner.tenantId(), "incidents")).isEqualTo(1);
  }

  @Test
  void theSameKeyWithAnotherBodyOrPathIsRefused() {
    createTeam(owner, "k-1", "Payments");

    Api.Reply otherBody = createTeam(owner, "k-1", "Search");
    Api.Reply otherPath =
        api.send(
            "POST",
            "/api/v1/customers",
            Map.of("name", "Payments"),
            owner,
            Map.of(IdempotencyFilter.HEADER, "k-1"));

    assertThat(otherBody.status()).as(otherBody.toString()).isEqualTo(422);
    assertThat(otherBody.errorCode()).isEqualTo("idempotency_key_reused");
    assertThat(otherPath.status()).as(otherPath.toString()).isEqualTo(422);
    assertThat(otherPath.errorCode()).isEqualTo("idempotency_key_reused");
    assertThat(teams(owner)).isEqualTo(1);
    assertThat(database.countInTenant(owner.tenantId(), "customers")).isZero();
  }

  @Test
  void anotherOrganizationsSameKeyIsIndependent() {
    Api.Login other = api.signup("Globex");

    Api.Reply ours = createTeam(owner, "shared-key", "Payments");
    Api.Reply theirs = createTeam(other, "shared-key", "Payments");

    assertThat(theirs.status()).as(theirs.toString()).isEqualTo(201);
    assertThat(theirs.headers().firstValue(IdempotencyFilter.REPLAYED)).isEmpty();
    assertThat(theirs.id()).isNotEqualTo(ours.id());
    assertThat(teams(owner)).isEqualTo(1);
    assertThat(teams(other)).isEqualTo(1);
  }

  @Test
  void aRejectedRequestDoesNotKeepTheKey() {
    Api.Reply rejected =
        api.send(
            "POST",
            TEAMS,
            Map.of("name", "", "kind", "engineering"),
            owner,
            Map.of(IdempotencyFilter.HEADER, "fix-and-retry"));
    Api.Reply fixed = createTeam(owner, "fix-and-retry", "Payments");

    assertThat(rejected.status()).as(rejected.toString()).isEqualTo(422);
    assertThat(fixed.status()).as(fixed.toString()).isEqualTo(201);
    assertThat(fixed.headers().firstValue(IdempotencyFilter.REPLAYED)).isEmpty();
    assertThat(teams(owner)).isEqualTo(1);
  }

  @Test
  void aKeyWhoseFirstRequestIsStillRunningIsAConflictUntilAbandoned() throws Exception {
    byte[] body = "{\"name\":\"Payments\",\"kind\":\"engineering\"}".getBytes(UTF_8);
    // The state between a claim and its stored response, as a concurrent duplicate sees it.
    database.executeInTenant(
        owner.tenantId(),
        "INSERT INTO idempotency_keys (tenant_id, user_id, idempotency_key, request_method,"
            + " request_path, body_sha256, created_at)"
            + " VALUES (?::uuid, ?::uuid, 'in-flight', 'POST', '/v1/teams', ?, ?)",
        owner.tenantId(),
        owner.userId(),
        MessageDigest.getInstance("SHA-256").digest(body),
        Timestamp.from(TestClock.shared().instant()));
    Map<String, String> key = Map.of(IdempotencyFilter.HEADER, "in-flight");

    Api.Reply duplicate = api.raw("POST", TEAMS, "application/json", body, owner, key);
    TestClock.shared().advance(IdempotencyKeys.ABANDONED_AFTER.plusSeconds(1));
    Api.Reply afterAbandon = api.raw("POST", TEAMS, "application/json", body, owner, key);

    assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
    assertThat(duplicate.errorCode()).isEqualTo("idempotency_key_in_flight");
    assertThat(afterAbandon.status()).as(afterAbandon.toString()).isEqualTo(201);
    assertThat(teams(owner)).isEqualTo(1);
  }

  @Test
  void keysExpireAfter24HoursAndArePurged() {
    createTeam(owner, "daily", "Payments");
    TestClock.shared().advance(IdempotencyKeys.RETENTION.plusMinutes(1));

    Api.Reply reused = createTeam(owner, "daily", "Search");
    assertThat(reused.status()).as(reused.toString()).isEqualTo(201);
    assertThat(reused.headers().firstValue(IdempotencyFilter.REPLAYED)).isEmpty();
    assertThat(teams(owner)).isEqualTo(2);

    createTeam(owner, "old", "Billing");
    TestClock.shared().advance(IdempotencyKeys.RETENTION.plusMinutes(1));
    createTeam(owner, "fresh", "Mobile");
    int purged = new IdempotencyKeys(TestJdbi.tenantDatabase(), TestClock.shared()).purge();

    assertThat(purged).isEqualTo(2); // "daily" (second use) and "old"
    assertThat(database.countInTenant(owner.tenantId(), "idempotency_keys")).isEqualTo(1);
  }

  @Test
  void aKeyLongerThan255CharactersIsABadRequest() {
    Api.Reply longest = createTeam(owner, "k".repeat(255), "Payments");
    Api.Reply tooLong = createTeam(owner, "k".repeat(256), "Search");

    assertThat(longest.status()).as(longest.toString()).isEqualTo(201);
    assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
    assertThat(tooLong.errorCode()).isEqualTo("invalid_header");
    assertThat(teams(owner)).isEqualTo(1);
  }
}
