package com.switchboard.testing;

import com.switchboard.platform.db.ColumnTypes;
import com.switchboard.platform.db.TenantDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * A {@link TenantDatabase} on the test database configured as the service configures its own, for
 * tests that drive a service's in-transaction API (such as the SLA clocks) the way its caller
 * would.
 */
public final class TestJdbi {
  private TestJdbi() {}

  public static TenantDatabase tenantDatabase() {
    Jdbi jdbi = Jdbi.create(TestDatabase.get().dataSource());
    jdbi.installPlugin(new SqlObjectPlugin());
    jdbi.installPlugin(new PostgresPlugin());
    ColumnTypes.register(jdbi);
    return new TenantDatabase(jdbi);
  }
}
