package com.switchboard.bench;

import com.switchboard.platform.db.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's own account of a phase, from {@code pg_stat_statements}: how many statements the
 * application ran per unit of work (an incident, a step) and how much execution time they took in
 * the server, so that server time can be told apart from round trips and the JVM. A statement's
 * execution time includes any time it waited for a row lock. The harness's own queries are tagged
 * {@code /* bench *}{@code /} and left out.
 */
final class StatementStats {
  private final String url;

  private StatementStats(String url) {
    this.url = url;
  }

  /**
   * Restarts the embedded server with {@code pg_stat_statements} preloaded (the data directory is
   * kept) and installs the extension in the application database. Call before the service starts.
   */
  static Started enable(EmbeddedPostgresServer server) throws IOException, SQLException {
    try (Connection c = DriverManager.getConnection(server.superuserJdbcUrl("postgres"));
        Statement s = c.createStatement()) {
      s.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
      s.execute("ALTER SYSTEM SET pg_stat_statements.track = 'all'");
    }
    Path data = server.dataDirectory();
    server.stop();
    EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(data, 0);
    String url = restarted.superuserJdbcUrl(EmbeddedPostgresServer.APP_DATABASE);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }
    return new Started(restarted, new StatementStats(url));
  }

  record Started(EmbeddedPostgresServer server, StatementStats stats) {}

  void reset() throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("SELECT pg_stat_statements_reset()");
    }
  }

  /**
   * Statements and server execution time per {@code unit} since the last reset, with the statements
   * that ran most often.
   */
  List<String> report(int units, String unit) throws SQLException {
    List<String> lines = new ArrayList<>();
    if (units <= 0) {
      return lines;
    }
    String where =
        " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '"
            + EmbeddedPostgresServer.APP_DATABASE
            + "') AND userid = (SELECT oid FROM pg_roles WHERE rolname = '"
            + EmbeddedPostgresServer.APP_ROLE
            + "') AND query NOT LIKE '/* bench */%'";
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT sum(calls), sum(total_exec_time)" + where)) {
        r.next();
        lines.add(
            String.format(
                Locale.ROOT,
                "  pg_stat_statements: %.1f statements and %.2f ms of server execution per %s"
                    + " (%d %ss)",
                r.getLong(1) / (double) units,
                r.getDouble(2) / units,
                unit,
                units,
                unit));
      }
      lines.add("   most server time:");
      try (ResultSet r =
          s.executeQuery(
              "SELECT calls, mean_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 140)"
                  + where
                  + " ORDER BY total_exec_time DESC LIMIT 8")) {
        while (r.next()) {
          lines.add(
              String.format(
                  Locale.ROOT,
                  "    %6.2f per %s, mean %8.3f ms  %s",
                  r.getLong(1) / (double) units,
                  unit,
                  r.getDouble(2),
                  r.getString(3)));
        }
      }
      lines.add("   most frequent:");
      try (ResultSet r =
          s.executeQuery(
              "SELECT calls, mean_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 96)"
                  + where
                  + " ORDER BY calls DESC, total_exec_time DESC LIMIT 20")) {
        while (r.next()) {
          lines.add(
              String.format(
                  Locale.ROOT,
                  "    %6.2f per %s, mean %8.3f ms  %s",
                  r.getLong(1) / (double) units,
                  unit,
                  r.getDouble(2),
                  r.getString(3)));
        }
      }
    }
    return lines;
  }
}
