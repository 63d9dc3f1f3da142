package com.switchboard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {
  @TempDir Path dataDirectory;

  @Test
  void dataSurvivesARestartOfTheEmbeddedServer() throws Exception {
    EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDirectory, 0);
    try (Connection connection =
            DriverManager.getConnection(
                first.jdbcUrl(), EmbeddedPostgresServer.APP_ROLE, EmbeddedPostgresServer.APP_ROLE);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE kept (value text)");
      statement.execute("INSERT INTO kept VALUES ('still here')");
    } finally {
      first.stop();
    }

    EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dataDirectory, 0);
    try (Connection connection =
            DriverManager.getConnection(
                second.jdbcUrl(),
                EmbeddedPostgresServer.APP_ROLE,
                EmbeddedPostgresServer.APP_ROLE);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT value FROM kept")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("still here");
    } finally {
      second.stop();
    }
    assertThat(Files.exists(dataDirectory.resolve("PG_VERSION"))).isTrue();
  }

  @Test
  void theServerIsDurableUnlessAThrowawayOneIsAskedFor() throws Exception {
    EmbeddedPostgresServer durable = EmbeddedPostgresServer.start(dataDirectory, 0);
    try {
      assertThat(durabilitySettings(durable)).containsOnly("on");
    } finally {
      durable.stop();
    }

    EmbeddedPostgresServer throwaway =
        EmbeddedPostgresServer.start(dataDirectory, 0, EmbeddedPostgresServer.Durability.THROWAWAY);
    try {
      assertThat(durabilitySettings(throwaway)).containsExactly("off", "off", "on");
    } finally {
      throwaway.stop();
    }
  }

  /** {@code fsync}, {@code synchronous_commit} and {@code full_page_writes}, as SHOW says. */
  private static List<String> durabilitySettings(EmbeddedPostgresServer server) throws Exception {
    return List.copyOf(
        server.show(List.of("fsync", "synchronous_commit", "full_page_writes")).values());
  }

  @Test
  void theApplicationRoleIsSubjectToRowLevelSecurity() throws Exception {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0);
    try (Connection connection =
            DriverManager.getConnection(
                server.jdbcUrl(),
                EmbeddedPostgresServer.APP_ROLE,
                EmbeddedPostgresServer.APP_ROLE);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getBoolean("rolsuper")).isFalse();
      assertThat(rows.getBoolean("rolbypassrls")).isFalse();
    } finally {
      server.stop();
    }
  }
}
