package com.switchboard.testing;

import com.switchboard.platform.db.EmbeddedPostgresServer;
import com.switchboard.platform.db.Migrator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One throwaway PostgreSQL per test run, started the same way the service starts its embedded
 * default, migrated once; {@link #truncateAll()} empties it between tests.
 */
public final class TestDatabase {
  private static TestDatabase instance;

  /** What must stop before the database does at JVM exit, such as the shared service. */
  private static final Deque<Runnable> BEFORE_SHUTDOWN = new ConcurrentLinkedDeque<>();

  private final EmbeddedPostgresServer server;

  private TestDatabase(EmbeddedPostgresServer server) {
    this.server = server;
  }

  public static synchronized TestDatabase get() {
    if (instance == null) {
      try {
        Path dir = Files.createTempDirectory("switchboard-test-pg");
        // Deleted at exit, so a crash may lose nothing worth keeping: skip fsync for speed.
        EmbeddedPostgresServer server =
            EmbeddedPostgresServer.start(dir, 0, EmbeddedPostgresServer.Durability.THROWAWAY);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      BEFORE_SHUTDOWN.forEach(TestDatabase::runQuietly);
                      stopQuietly(server);
                      deleteQuietly(dir);
                    }));
        TestDatabase database = new TestDatabase(server);
        new Migrator(database.dataSource()).migrate();
        instance = database;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /**
   * Runs {@code stop} at JVM exit before the database stops (latest first). Separate shutdown hooks
   * run concurrently: a service stopped by its own hook kept polling a database already gone.
   */
  public static void beforeShutdown(Runnable stop) {
    BEFORE_SHUTDOWN.addFirst(stop);
  }

  private static void runQuietly(Runnable stop) {
    try {
      stop.run();
    } catch (RuntimeException e) {
      // the JVM is exiting; the database stops next regardless
    }
  }

  private static void stopQuietly(EmbeddedPostgresServer server) {
    try {
      server.stop();
    } catch (IOException e) {
      // the JVM is exiting; nothing else to do
    }
  }

  private static void deleteQuietly(Path dir) {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // best effort: it is a temporary directory
    }
  }

  public String jdbcUrl() {
    return server.jdbcUrl();
  }

  public String user() {
    return EmbeddedPostgresServer.APP_ROLE;
  }

  public String password() {
    return EmbeddedPostgresServer.APP_ROLE;
  }

  public PGSimpleDataSource dataSource() {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(jdbcUrl());
    source.setUser(user());
    source.setPassword(password());
    return source;
  }

  /**
   * Runs one statement inside a tenant's row-level-security scope, for states the API cannot reach
   * on demand (such as an invitation that has expired). Returns the number of rows changed.
   */
  public int executeInTenant(String tenantId, String sql, Object... parameters) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), user(), password())) {
      connection.setAutoCommit(false);
      try (PreparedStatement scope =
          connection.prepareStatement("SELECT set_config('switchboard.tenant_id', ?, true)")) {
        scope.setString(1, tenantId);
        scope.executeQuery().close();
      }
      int changed;
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < parameters.length; i++) {
          statement.setObject(i + 1, parameters[i]);
        }
        changed = statement.executeUpdate();
      }
      connection.commit();
      return changed;
    } catch (SQLException e) {
      throw new IllegalStateException("could not run test SQL in tenant " + tenantId, e);
    }
  }

  /** The tenant's rows in {@code table}, counted in its row-level-security scope. */
  public long countInTenant(String tenantId, String table) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), user(), password())) {
      connection.setAutoCommit(false);
      try (PreparedStatement scope =
          connection.prepareStatement("SELECT set_config('switchboard.tenant_id', ?, true)")) {
        scope.setString(1, tenantId);
        scope.executeQuery().close();
      }
      try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + table);
          ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not count " + table + " in tenant " + tenantId, e);
    }
  }

  /**
   * Empties every application table (TRUNCATE is not subject to row-level security). A message
   * still being dispatched for the previous test can deadlock with the TRUNCATE; PostgreSQL then
   * aborts one of the two, and the TRUNCATE is simply tried again.
   */
  public void truncateAll() {
    for (int attempt = 1; ; attempt++) {
      try {
        truncateOnce();
        return;
      } catch (IllegalStateException e) {
        boolean deadlock =
            e.getCause() instanceof SQLException sql && "40P01".equals(sql.getSQLState());
        if (!deadlock || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private void truncateOnce() {
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), user(), password());
        Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                  + " AND tablename NOT LIKE 'databasechangelog%'"
                  // Quartz's tables belong to running schedulers; jobs left from earlier tests
                  // find their incidents gone and do nothing. Signing keys are cached by nodes.
                  + " AND tablename NOT LIKE 'qrtz_%' AND tablename <> 'signing_keys'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      if (!tables.isEmpty()) {
        statement.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not truncate the test database", e);
    }
  }
}
