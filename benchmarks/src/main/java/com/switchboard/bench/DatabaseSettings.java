package com.switchboard.bench;

import com.switchboard.platform.db.EmbeddedPostgresServer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the settings of the PostgreSQL a benchmark runs on, durability included, so every result
 * says what it was measured with (the embedded server once ran with fsync off; see
 * docs/performance.md).
 */
final class DatabaseSettings {
  private static final List<String> SHOWN =
      List.of(
          "server_version",
          "fsync",
          "synchronous_commit",
          "full_page_writes",
          "shared_buffers",
          "max_connections");

  private DatabaseSettings() {}

  /** One line: {@code postgres: server_version=17.…, fsync=on, …}. */
  static void print(EmbeddedPostgresServer server) throws SQLException {
    List<String> settings = new ArrayList<>();
    server.show(SHOWN).forEach((name, value) -> settings.add(name + "=" + value));
    System.out.println("postgres: " + String.join(", ", settings));
  }
}
