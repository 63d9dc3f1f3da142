package com.switchboard.platform.db;

import com.switchboard.platform.jobs.BoundConnection;
import com.switchboard.tenant.TenantDao;
import com.switchboard.tenant.TenantId;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Opens transactions inside one tenant's scope. The first statement of each transaction sets {@code
 * switchboard.tenant_id}, which PostgreSQL's row-level security policies compare with every row;
 * DAO methods still take the tenant id and filter by it, so a forgotten filter and a forgotten
 * scope would both have to happen before one tenant saw another's rows.
 *
 * <p>The transaction's connection is bound to the thread while the work runs, so Quartz triggers
 * scheduled inside it are committed or rolled back with it.
 */
public class TenantDatabase {
  /** Work to run on a tenant-scoped handle. */
  @FunctionalInterface
  public interface Work<R> {
    R run(Handle handle);
  }

  private final Jdbi jdbi;

  public TenantDatabase(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public <R> R inTenant(TenantId tenant, Work<R> work) {
    return jdbi.inTransaction(
        handle -> {
          enterTenant(handle, tenant);
          try (BoundConnection.Scope ignored = BoundConnection.bind(handle.getConnection())) {
            return work.run(handle);
          }
        });
  }

  public void useTenant(TenantId tenant, java.util.function.Consumer<Handle> work) {
    inTenant(
        tenant,
        handle -> {
          work.accept(handle);
          return null;
        });
  }

  /** Work on one tenant's scoped handle that counts what it did. */
  @FunctionalInterface
  public interface TenantCount {
    int run(TenantId tenant, Handle handle);
  }

  /**
   * Runs {@code work} for every tenant, each in its own scoped transaction so that row-level
   * security applies and no transaction grows with the number of tenants; returns the total.
   */
  public int sumOverTenants(TenantCount work) {
    List<TenantId> tenants = jdbi.withExtension(TenantDao.class, TenantDao::allIds);
    int total = 0;
    for (TenantId tenant : tenants) {
      total += inTenant(tenant, h -> work.run(tenant, h));
    }
    return total;
  }

  /** Switches an open transaction to another tenant, e.g. right after a tenant is created. */
  public static void enterTenant(Handle handle, TenantId tenant) {
    handle
        .createQuery("SELECT set_config('switchboard.tenant_id', :tenant, true)")
        .bind("tenant", tenant.value().toString())
        .mapTo(String.class)
        .one();
  }

  /** For the few reads outside any tenant: the tenant directory and health checks. */
  public Jdbi unscoped() {
    return jdbi;
  }
}
