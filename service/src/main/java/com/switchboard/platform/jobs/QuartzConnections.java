package com.switchboard.platform.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * The two connection sources Quartz's container-managed job store needs. "Managed" connections
 * belong to the caller's transaction: the one bound by {@link BoundConnection} when there is one,
 * otherwise an auto-commit connection from the pool (Quartz never commits managed connections).
 * "Non-managed" connections are Quartz's own, for acquiring and firing triggers and clustering.
 */
final class QuartzConnections {
  private QuartzConnections() {}

  static ConnectionProvider managed(DataSource pool) {
    return new Provider(pool, true);
  }

  static ConnectionProvider nonManaged(DataSource pool) {
    return new Provider(pool, false);
  }

  private record Provider(DataSource pool, boolean joinCallerTransaction)
      implements ConnectionProvider {
    @Override
    public Connection getConnection() throws SQLException {
      if (joinCallerTransaction) {
        Connection bound = BoundConnection.borrow();
        if (bound != null) {
          return bound;
        }
        Connection own = pool.getConnection();
        own.setAutoCommit(true);
        return own;
      }
      return pool.getConnection();
    }

    @Override
    public void shutdown() {}

    @Override
    public void initialize() {}
  }
}
