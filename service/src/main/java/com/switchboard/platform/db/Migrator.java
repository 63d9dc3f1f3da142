package com.switchboard.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Applies the Liquibase changelog packaged from {@code migrations/}. Liquibase's lock table makes
 * concurrent starts of several nodes safe: one migrates, the others wait.
 */
public final class Migrator {
  public static final String CHANGELOG = "db/changelog-master.xml";

  private final DataSource dataSource;

  public Migrator(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void migrate() {
    withLiquibase(
        liquibase -> {
          liquibase.update(new Contexts(), new LabelExpression());
          return null;
        });
  }

  /** Number of changesets in the changelog that the database has not run yet. */
  public int pendingChangeSets() {
    return withLiquibase(
        liquibase -> liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()).size());
  }

  private interface LiquibaseWork<R> {
    R run(Liquibase liquibase) throws LiquibaseException;
  }

  private <R> R withLiquibase(LiquibaseWork<R> work) {
    try (Connection connection = dataSource.getConnection()) {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Liquibase liquibase =
          new Liquibase(
              CHANGELOG,
              new ClassLoaderResourceAccessor(Migrator.class.getClassLoader()),
              database);
      // Report through the logger rather than printing to standard output.
      return Scope.child(
          Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> work.run(liquibase));
    } catch (SQLException | LiquibaseException e) {
      throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
    }
  }
}
