package com.switchboard.alert;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** A service's own alert grouping (migration 042); none means the product defaults. */
@RegisterConstructorMapper(AlertGroupingDao.Row.class)
public interface AlertGroupingDao {
  record Row(int incidentsPerWindow, int windowSeconds) {}

  /** The service's name, empty when the tenant has no such service. */
  @SqlQuery("SELECT name FROM services WHERE tenant_id = :tenantId AND id = :serviceId")
  Optional<String> serviceName(TenantId tenantId, UUID serviceId);

  @SqlQuery(
      "SELECT incidents_per_window, window_seconds FROM alert_grouping"
          + " WHERE tenant_id = :tenantId AND service_id = :serviceId")
  Optional<Row> find(TenantId tenantId, UUID serviceId);

  @SqlUpdate(
      "INSERT INTO alert_grouping (tenant_id, service_id, incidents_per_window, window_seconds,"
          + " updated_at) VALUES (:tenantId, :serviceId, :incidentsPerWindow, :windowSeconds, :now)"
          + " ON CONFLICT (tenant_id, service_id) DO UPDATE SET"
          + " incidents_per_window = :incidentsPerWindow, window_seconds = :windowSeconds,"
          + " updated_at = :now")
  void set(
      TenantId tenantId, UUID serviceId, int incidentsPerWindow, int windowSeconds, Instant now);

  @SqlUpdate("DELETE FROM alert_grouping WHERE tenant_id = :tenantId AND service_id = :serviceId")
  int clear(TenantId tenantId, UUID serviceId);
}
