package com.switchboard.alert;

import static com.switchboard.alert.AlertFixtures.count;
import static com.switchboard.alert.AlertFixtures.source;
import static com.switchboard.alert.AlertFixtures.trigger;
import static com.switchboard.alert.AlertFixtures.triggers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.alert.AlertIntake.IntakeOverloadedException;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Concurrently;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import com.switchboard.testing.TestDatabase;
import com.switchboard.testing.TestJdbi;
import io.dropwizard.util.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batching intake against the real database: a return means committed, a batch of many tenants
 * keeps each row in its tenant under row-level security, and refusals store nothing.
 */
class AlertIntakeTest {
  private final Api api = TestApp.api();
  private Login a;
  private Login b;
  private String serviceA;
  private String serviceB;

  @BeforeEach
  void setUp() {
    a = api.signup("Intake A");
    b = api.signup("Intake B");
    serviceA = api.createService(a, "Disks", "", api.createTeam(a, "Storage", "engineering"));
    serviceB = api.createService(b, "Disks", "", api.createTeam(b, "Storage", "engineering"));
  }

  private static AlertSettings settings(int capacity) {
    AlertSettings settings = new AlertSettings();
    settings.queueCapacity = capacity;
    settings.maxWait = Duration.seconds(5);
    return settings;
  }

  private static BatchingAlertIntake started(TenantDatabase db, AlertSettings settings) {
    BatchingAlertIntake intake =
        new BatchingAlertIntake(db, new ObjectMapper(), TestClock.shared(), settings);
    intake.start();
    return intake;
  }

  @Test
  void acceptedEventsAreCommittedWhenAcceptReturns() {
    AlertIntake intake = TestApp.application().alerts().intake();

    intake.accept(source(a.tenantId(), serviceA), triggers("disk-", 0, 3));

    assertThat(count(a.tenantId(), "alert_events")).isEqualTo(3);
  }

  @Test
  void aBatchMixingTenantsKeepsEachRowInItsTenant() throws Exception {
    BatchingAlertIntake intake = started(TestJdbi.tenantDatabase(), settings(1000));
    try {
      intake.write(
          List.of(
              new BatchingAlertIntake.Pending(source(a.tenantId(), serviceA), triggers("a-", 0, 2)),
              new BatchingAlertIntake.Pending(source(b.tenantId(), serviceB), triggers("b-", 0, 3)),
              new BatchingAlertIntake.Pending(
                  source(a.tenantId(), serviceA), triggers("a-", 2, 1))));

      assertThat(count(a.tenantId(), "alert_events")).isEqualTo(3);
      assertThat(count(b.tenantId(), "alert_events")).isEqualTo(3);
      assertThat(count(a.tenantId(), "alert_events WHERE dedup_key LIKE 'b-%'")).isZero();
      assertThat(count(b.tenantId(), "alert_events WHERE dedup_key LIKE 'a-%'")).isZero();
      // In order: ids ascend with the order of the calls.
      assertThat(
              count(
                  a.tenantId(),
                  "alert_events x WHERE x.dedup_key = 'a-2' AND x.id > ALL"
                      + " (SELECT id FROM alert_events WHERE dedup_key IN ('a-0', 'a-1'))"))
          .isEqualTo(1);

      // Many callers of both tenants at once, through the queue.
      Concurrently.run(
          20,
          i -> {
            intake.accept(
                i % 2 == 0 ? source(a.tenantId(), serviceA) : source(b.tenantId(), serviceB),
                triggers("c" + i + "-", 0, 5));
            return null;
          });
      assertThat(count(a.tenantId(), "alert_events")).isEqualTo(3 + 50);
      assertThat(count(b.tenantId(), "alert_events")).isEqualTo(3 + 50);
      assertThat(count(a.tenantId(), "alert_events WHERE service_id <> '" + serviceA + "'"))
          .isZero();
    } finally {
      intake.stop();
    }
  }

  @Test
  void aFullQueueRefusesAtOnceAndStoresNothing() throws Exception {
    BatchingAlertIntake intake = started(TestJdbi.tenantDatabase(), settings(2));
    try {
      assertThatThrownBy(() -> intake.accept(source(a.tenantId(), serviceA), triggers("x-", 0, 3)))
          .isInstanceOf(IntakeOverloadedException.class)
          .satisfies(
              e -> assertThat(((IntakeOverloadedException) e).retryAfterSeconds()).isPositive());
    } finally {
      intake.stop();
    }
    assertThatThrownBy(() -> intake.accept(source(a.tenantId(), serviceA), triggers("y-", 0, 1)))
        .as("a stopped intake takes nothing")
        .isInstanceOf(IntakeOverloadedException.class);
    assertThat(count(a.tenantId(), "alert_events")).isZero();
  }

  @Test
  void aCallNotTakenInTimeIsRefusedButOneBeingWrittenWaitsForItsCommit() throws Exception {
    AlertSettings settings = settings(1000);
    settings.maxWait = Duration.seconds(2);
    BatchingAlertIntake intake = started(TestJdbi.tenantDatabase(), settings);
    try (Connection blocker =
        DriverManager.getConnection(
            TestDatabase.get().jdbcUrl(),
            TestDatabase.get().user(),
            TestDatabase.get().password())) {
      // The writer's insert waits behind this lock, as behind a slow disk.
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("LOCK TABLE alert_events IN EXCLUSIVE MODE");
      CompletableFuture<Void> beingWritten =
          intake.submit(source(a.tenantId(), serviceA), List.of(trigger("taken")));
      awaitInsertBlocked(blocker);
      CompletableFuture<Void> waiting =
          intake.submit(source(a.tenantId(), serviceA), List.of(trigger("queued")));

      assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(IntakeOverloadedException.class);
      // Its own maxWait ran out first (it was submitted first, on the same timer thread).
      assertThat(beingWritten).as("taken: waits for the commit, past maxWait").isNotDone();

      blocker.rollback();
      beingWritten.get(5, TimeUnit.SECONDS);
    } finally {
      intake.stop();
    }
    assertThat(count(a.tenantId(), "alert_events WHERE dedup_key = 'taken'")).isEqualTo(1);
    assertThat(count(a.tenantId(), "alert_events WHERE dedup_key = 'queued'")).isZero();
  }

  /** Until the writer has taken the call and its insert waits for the lock. */
  private static void awaitInsertBlocked(Connection observer) {
    await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(
            () -> {
              try (var rows =
                  observer
                      .createStatement()
                      .executeQuery(
                          "SELECT count(*) FROM pg_locks WHERE NOT granted"
                              + " AND relation = 'alert_events'::regclass")) {
                rows.next();
                return rows.getInt(1) > 0;
              }
            });
  }

  @Test
  void aFailedCommitFailsEveryCallerOfTheBatch() throws Exception {
    // A database that cannot be reached: every commit fails.
    TenantDatabase down =
        new TenantDatabase(Jdbi.create("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1"));
    BatchingAlertIntake intake = started(down, settings(1000));
    try {
      List<String> outcomes =
          Concurrently.run(
              4,
              i -> {
                try {
                  intake.accept(source(a.tenantId(), serviceA), List.of(trigger("k" + i)));
                  return "stored";
                } catch (IntakeOverloadedException e) {
                  return "refused";
                }
              });
      assertThat(outcomes).containsOnly("refused");
    } finally {
      intake.stop();
    }
  }

  @Test
  void anEventWithoutDedupKeyIsRefusedAloneAndStoresNothing() {
    AlertIntake intake = TestApp.application().alerts().intake();
    assertThatThrownBy(
            () ->
                intake.accept(
                    source(a.tenantId(), serviceA),
                    List.of(
                        trigger("fine"),
                        AlertFixtures.event(AlertEvent.Action.TRIGGER, null, "no key"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(count(a.tenantId(), "alert_events")).isZero();
  }

  @Test
  void aNulCharacterInAFieldIsDroppedRatherThanFailingTheBatch() {
    AlertIntake intake = TestApp.application().alerts().intake();
    intake.accept(
        source(a.tenantId(), serviceA),
        List.of(AlertFixtures.event(AlertEvent.Action.TRIGGER, "nul\0key", "bad\0summary")));
    assertThat(count(a.tenantId(), "alert_events WHERE dedup_key = 'nulkey'")).isEqualTo(1);
    UUID.fromString(serviceA);
  }
}
