package com.switchboard.platform.db;

import com.codahale.metrics.health.HealthCheck;
import org.jdbi.v3.core.Jdbi;

/** The database answers, and as a role that row-level security applies to. */
public class DatabaseHealthCheck extends HealthCheck {
  private final Jdbi jdbi;

  public DatabaseHealthCheck(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  protected Result check() {
    boolean bypassesPolicies =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
                    .mapTo(Boolean.class)
                    .one());
    if (bypassesPolicies) {
      return Result.unhealthy(
          "connected as a superuser or BYPASSRLS role: row-level security does not apply; use a plain role");
    }
    return Result.healthy();
  }
}
