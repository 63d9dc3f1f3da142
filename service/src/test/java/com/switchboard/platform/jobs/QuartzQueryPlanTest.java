package com.switchboard.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quartz.impl.jdbcjobstore.StdJDBCConstants;
import org.quartz.impl.jdbcjobstore.Util;

/**
 * Quartz's own acquisition and misfire queries, bound the way its delegate binds them (time bounds
 * as numeric), can range-scan an index on the due time instead of reading every waiting trigger.
 */
class QuartzQueryPlanTest {
  /** A scheduler name of its own, so the rows below never meet a running scheduler's. */
  private static final String SCHEDULER = "plan-test";

  private static final long NOW = 1_800_000_000_000L;

  @Test
  void acquiringDueTriggersRangeScansTheDueTimeIndex() throws SQLException {
    String sql =
        Util.rtp(StdJDBCConstants.SELECT_NEXT_TRIGGER_TO_ACQUIRE, "qrtz_", "'" + SCHEDULER + "'");

    List<String> plan = plan(sql, "WAITING", NOW + 30_000, NOW - 60_000);

    assertThat(plan)
        .as(String.join("\n", plan))
        .anyMatch(line -> line.contains("Index Cond") && line.contains("::numeric <="));
  }

  @Test
  void findingMisfiredTriggersRangeScansTheDueTimeIndex() throws SQLException {
    String sql =
        Util.rtp(
            StdJDBCConstants.SELECT_MISFIRED_TRIGGERS_IN_STATE, "qrtz_", "'" + SCHEDULER + "'");

    List<String> plan = plan(sql, NOW - 60_000, "WAITING");

    assertThat(plan)
        .as(String.join("\n", plan))
        .anyMatch(line -> line.contains("Index Cond") && line.contains("::numeric <"));
  }

  /**
   * The plan over 20,000 waiting triggers due across the next day (as many as a busy tenant's
   * pending steps), written and analysed in a transaction that is rolled back.
   */
  private static List<String> plan(String sql, Object... parameters) throws SQLException {
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (Statement setup = connection.createStatement()) {
        setup.execute(
            "INSERT INTO qrtz_job_details (sched_name, job_name, job_group, job_class_name,"
                + " is_durable, is_nonconcurrent, is_update_data, requests_recovery)"
                + " VALUES ('"
                + SCHEDULER
                + "', 'job', 'plan', 'Job', false, false, false, true)");
        setup.execute(
            "INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name,"
                + " job_group, next_fire_time, priority, trigger_state, trigger_type, start_time,"
                + " misfire_instr)"
                + " SELECT '"
                + SCHEDULER
                + "', 'trigger-' || n, 'plan', 'job', 'plan', "
                + NOW
                + " + n * 4000, 5, 'WAITING', 'SIMPLE', "
                + NOW
                + ", 1 FROM generate_series(1, 20000) AS n");
        setup.execute("ANALYZE qrtz_triggers");
      }
      try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
        for (int i = 0; i < parameters.length; i++) {
          if (parameters[i] instanceof Long due) {
            // As Quartz's StdJDBCDelegate binds every time bound.
            explain.setBigDecimal(i + 1, new BigDecimal(String.valueOf(due)));
          } else {
            explain.setString(i + 1, (String) parameters[i]);
          }
        }
        List<String> lines = new ArrayList<>();
        try (ResultSet rows = explain.executeQuery()) {
          while (rows.next()) {
            lines.add(rows.getString(1));
          }
        }
        return lines;
      } finally {
        connection.rollback();
      }
    }
  }
}
