package com.switchboard.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.SwitchboardConfiguration;
import com.switchboard.testing.Api;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With every database connection busy past the pool's wait, a request is answered 503 with
 * Retry-After and a JSON body, not a 500; the requests that held the connections still commit.
 */
class OverloadTest {
  private DropwizardTestSupport<SwitchboardConfiguration> node;

  @BeforeEach
  void start() {
    TestDatabase.get().truncateAll();
    node =
        TestApp.start(
            ConfigOverride.config("database.maxSize", "2"),
            ConfigOverride.config("database.minSize", "1"),
            ConfigOverride.config("database.initialSize", "1"),
            ConfigOverride.config("database.maxWaitForConnection", "300ms"));
  }

  @AfterEach
  void stop() {
    node.after();
  }

  @Test
  void aRequestThatGetsNoConnectionIsA503ThatSaysToRetry() throws Exception {
    Api api = new Api("http://localhost:" + node.getLocalPort());
    Api.Login owner = api.signup("Acme");
    String team = api.createTeam(owner, "Payments", "engineering");
    String service = api.createService(owner, "Checkout", "", team);
    Paging paging = new Paging(api, owner);
    assertThat(paging.trigger(service, "first", "low", null).status()).isEqualTo(201);

    List<CompletableFuture<Api.Reply>> held = new ArrayList<>();
    Api.Reply turnedAway;
    try (Connection blocker = TestDatabase.get().dataSource().getConnection()) {
      blocker.setAutoCommit(false);
      try (Statement lock = blocker.createStatement()) {
        // Each trigger takes its tenant's counter row first, so these two hold both pooled
        // connections while they wait for this lock.
        lock.execute("LOCK TABLE incident_counters IN EXCLUSIVE MODE");
      }
      for (String title : List.of("second", "third")) {
        held.add(CompletableFuture.supplyAsync(() -> paging.trigger(service, title, "low", null)));
      }
      awaitSessionsWaitingOnLock(2);

      turnedAway = api.get("/api/v1/incidents", owner);

      blocker.rollback();
    }

    assertThat(turnedAway.status()).as(turnedAway.toString()).isEqualTo(503);
    assertThat(turnedAway.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(turnedAway.body().path("error").path("code").asText()).isEqualTo("unavailable");
    assertThat(turnedAway.body().path("error").path("message").asText()).contains("retry");
    assertThat(turnedAway.raw()).doesNotContain("Exception");
    for (CompletableFuture<Api.Reply> reply : held) {
      assertThat(reply.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
    }
    Api.Reply all = api.get("/api/v1/incidents", owner);
    assertThat(all.body().path("items"))
        .extracting(i -> i.path("title").asText())
        .containsExactlyInAnyOrder("first", "second", "third");
  }

  private static void awaitSessionsWaitingOnLock(int sessions) {
    await()
        .alias("triggers waiting on the counter lock")
        .atMost(Duration.ofSeconds(20))
        .until(OverloadTest::sessionsWaitingOnCounterLock, waiting -> waiting >= sessions);
  }

  private static int sessionsWaitingOnCounterLock() throws SQLException {
    try (Connection c = TestDatabase.get().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE wait_event_type = 'Lock' AND query ILIKE '%incident_counters%'")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
