package com.switchboard.platform.db;

import com.codahale.metrics.health.HealthCheck;

/** Every changeset packaged in this build has been applied to the database. */
public class MigrationsHealthCheck extends HealthCheck {
  private final Migrator migrator;

  public MigrationsHealthCheck(Migrator migrator) {
    this.migrator = migrator;
  }

  @Override
  protected Result check() {
    int pending = migrator.pendingChangeSets();
    return pending == 0
        ? Result.healthy()
        : Result.unhealthy(pending + " changeset(s) not applied; run 'db migrate'");
  }
}
