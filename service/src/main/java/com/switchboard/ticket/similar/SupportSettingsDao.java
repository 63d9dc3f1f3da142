package com.switchboard.ticket.similar;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(SupportSettings.class)
public interface SupportSettingsDao {
  @SqlQuery(
      "SELECT surge_threshold, surge_window_minutes, surge_alert_policy_id FROM support_settings"
          + " WHERE tenant_id = :tenantId")
  Optional<SupportSettings> find(TenantId tenantId);

  @SqlUpdate(
      "INSERT INTO support_settings (tenant_id, surge_threshold, surge_window_minutes,"
          + " surge_alert_policy_id, updated_at)"
          + " VALUES (:tenantId, :threshold, :windowMinutes, :policyId, :now)"
          + " ON CONFLICT (tenant_id) DO UPDATE SET surge_threshold = excluded.surge_threshold,"
          + " surge_window_minutes = excluded.surge_window_minutes,"
          + " surge_alert_policy_id = excluded.surge_alert_policy_id,"
          + " updated_at = excluded.updated_at")
  void save(TenantId tenantId, int threshold, int windowMinutes, UUID policyId, Instant now);

  @SqlQuery(
      "SELECT EXISTS (SELECT 1 FROM escalation_policies WHERE tenant_id = :tenantId AND id = :id)")
  boolean policyExists(TenantId tenantId, UUID id);
}
