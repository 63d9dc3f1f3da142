package com.switchboard.platform.db;

import java.sql.SQLException;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;

/** Tells a database that cannot be reached apart from a query that failed on its own merits. */
public final class DatabaseFailures {
  /**
   * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting
   * down), 53300 too_many_connections; class 08 (connection exception) is matched by prefix.
   */
  private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  private DatabaseFailures() {}

  /**
   * Whether {@code failure} or anything in its cause chain says that no connection to the database
   * could be had or kept: the request's transaction never committed, and retrying later may work.
   */
  public static boolean isUnreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectionException) {
        return true;
      }
      if (cause instanceof SQLException sql && isUnreachableState(sql.getSQLState())) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /**
   * Whether {@code failure} is a conflict between concurrent transactions that PostgreSQL broke
   * (40P01 deadlock_detected, 40001 serialization_failure): nothing is wrong with the work, and
   * doing it again may well succeed.
   */
  public static boolean isConflict(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static boolean isUnreachableState(String state) {
    return state != null && (state.startsWith("08") || UNREACHABLE_STATES.contains(state));
  }
}
