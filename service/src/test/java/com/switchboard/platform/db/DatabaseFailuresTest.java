package com.switchboard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {
  private static RuntimeException wrapped(String sqlState) {
    return new IllegalStateException(
        "the statement failed", new SQLException("from PostgreSQL", sqlState));
  }

  @Test
  void aDeadlockOrSerializationFailureAnywhereInTheCausesIsAConflict() {
    assertThat(DatabaseFailures.isConflict(wrapped("40P01"))).isTrue();
    assertThat(DatabaseFailures.isConflict(wrapped("40001"))).isTrue();
  }

  @Test
  void otherFailuresAreNotConflicts() {
    assertThat(DatabaseFailures.isConflict(wrapped("23505"))).isFalse();
    assertThat(DatabaseFailures.isConflict(wrapped("08006"))).isFalse();
    assertThat(DatabaseFailures.isConflict(new IllegalStateException("no SQL at all"))).isFalse();
  }

  @Test
  void aLostConnectionIsUnreachableAndADeadlockIsNot() {
    assertThat(DatabaseFailures.isUnreachable(wrapped("08006"))).isTrue();
    assertThat(DatabaseFailures.isUnreachable(wrapped("40P01"))).isFalse();
  }
}
