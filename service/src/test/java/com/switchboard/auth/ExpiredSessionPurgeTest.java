package com.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;

class ExpiredSessionPurgeTest {
  private final Api api = TestApp.api();

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.get().truncateAll();
  }

  @Test
  void theScheduledPurgeDeletesExpiredSessionsInEveryTenantAndKeepsLiveOnes() throws Exception {
    Api.Login acme = api.signup("Acme");
    Api.Login acmeAgain = api.login(acme.slug(), acme.email(), Api.PASSWORD);
    Api.Login globex = api.signup("Globex");
    Api.Login globexAgain = api.login(globex.slug(), globex.email(), Api.PASSWORD);
    expire(acme);
    expire(globex);

    TestApp.application()
        .scheduler()
        .quartz()
        .triggerJob(JobKey.jobKey(ExpiredSessionPurge.JOB_NAME, JobScheduler.SYSTEM_GROUP));

    awaitSessions(acme.tenantId(), 1);
    awaitSessions(globex.tenantId(), 1);
    assertThat(api.get("/api/v1/session", acmeAgain).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/session", globexAgain).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/session", acme).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/session", globex).status()).isEqualTo(401);
  }

  /** Moves one login's session past its expiry (the session's CSRF token names it). */
  private static void expire(Api.Login login) {
    int changed =
        TestDatabase.get()
            .executeInTenant(
                login.tenantId(),
                "UPDATE sessions SET expires_at = now() - interval '1 minute'"
                    + " WHERE tenant_id = ?::uuid AND csrf_token = ?",
                login.tenantId(),
                login.csrf());
    assertThat(changed).isEqualTo(1);
  }

  private static void awaitSessions(String tenantId, int expected) {
    await()
        .alias("sessions of tenant " + tenantId)
        .atMost(Duration.ofSeconds(20))
        .until(() -> sessions(tenantId), count -> count == expected);
  }

  private static int sessions(String tenantId) throws SQLException {
    try (Connection c = TestDatabase.get().dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement scope =
          c.prepareStatement("SELECT set_config('switchboard.tenant_id', ?, true)")) {
        scope.setString(1, tenantId);
        scope.executeQuery().close();
      }
      try (PreparedStatement count =
              c.prepareStatement("SELECT count(*) FROM sessions WHERE tenant_id = ?::uuid");
          ResultSet rows = setAndRun(count, tenantId)) {
        rows.next();
        int n = rows.getInt(1);
        c.rollback();
        return n;
      }
    }
  }

  private static ResultSet setAndRun(PreparedStatement statement, String tenantId)
      throws SQLException {
    statement.setString(1, tenantId);
    return statement.executeQuery();
  }
}
