package com.switchboard.platform.db;

import com.switchboard.platform.errors.ConflictException;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Turns a unique-index violation (SQLSTATE 23505) into a 409 that names the clash. */
public final class UniqueNames {
  private static final String UNIQUE_VIOLATION = "23505";

  private UniqueNames() {}

  public static <R> R orConflict(String message, Supplier<R> work) {
    try {
      return work.get();
    } catch (UnableToExecuteStatementException e) {
      if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        throw new ConflictException(message);
      }
      throw e;
    }
  }
}
