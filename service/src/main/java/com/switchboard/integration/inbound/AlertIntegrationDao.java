package com.switchboard.integration.inbound;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(AlertIntegration.Row.class)
@RegisterConstructorMapper(AlertIntegrationDao.Route.class)
@RegisterConstructorMapper(AlertIntegrationDao.SeverityUrgency.class)
public interface AlertIntegrationDao {
  String INTEGRATION =
      "id, service_id, type, name, integration_key, created_at, updated_at FROM alert_integrations";

  /** Where a key routes, read before the tenant is known. */
  record Route(TenantId tenantId, UUID integrationId) {}

  record SeverityUrgency(String severity, String urgency) {}

  @SqlUpdate(
      "INSERT INTO alert_integrations (tenant_id, id, service_id, type, name, integration_key,"
          + " created_at, updated_at)"
          + " VALUES (:tenantId, :id, :serviceId, :type, :name, :key, :now, :now)")
  void insert(
      TenantId tenantId,
      UUID id,
      UUID serviceId,
      String type,
      String name,
      String key,
      Instant now);

  @SqlQuery(
      "SELECT "
          + INTEGRATION
          + " WHERE tenant_id = :tenantId AND service_id = :serviceId ORDER BY created_at, id")
  List<AlertIntegration.Row> list(TenantId tenantId, UUID serviceId);

  @SqlQuery(
      "SELECT "
          + INTEGRATION
          + " WHERE tenant_id = :tenantId AND service_id = :serviceId AND id = :id")
  Optional<AlertIntegration.Row> find(TenantId tenantId, UUID serviceId, UUID id);

  @SqlQuery("SELECT " + INTEGRATION + " WHERE tenant_id = :tenantId AND id = :id")
  Optional<AlertIntegration.Row> findById(TenantId tenantId, UUID id);

  @SqlQuery(
      "SELECT EXISTS (SELECT 1 FROM services WHERE tenant_id = :tenantId AND id = :serviceId)")
  boolean serviceExists(TenantId tenantId, UUID serviceId);

  @SqlUpdate(
      "UPDATE alert_integrations SET integration_key = :key, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void rotateKey(TenantId tenantId, UUID id, String key, Instant now);

  @SqlUpdate("DELETE FROM alert_integrations WHERE tenant_id = :tenantId AND id = :id")
  void delete(TenantId tenantId, UUID id);

  // ---- the cross-tenant key routing table (migration 036): hashes and ids only

  @SqlUpdate(
      "INSERT INTO alert_integration_keys (key_sha256, tenant_id, integration_id)"
          + " VALUES (:keySha256, :tenantId, :integrationId)"
          + " ON CONFLICT (tenant_id, integration_id) DO UPDATE SET key_sha256 = excluded.key_sha256")
  void route(byte[] keySha256, TenantId tenantId, UUID integrationId);

  @SqlQuery(
      "SELECT tenant_id, integration_id FROM alert_integration_keys WHERE key_sha256 = :keySha256")
  Optional<Route> routeOf(byte[] keySha256);

  // ---- severity → urgency

  @SqlQuery("SELECT severity, urgency FROM alert_severity_urgencies WHERE tenant_id = :tenantId")
  List<SeverityUrgency> severityUrgencies(TenantId tenantId);

  @SqlUpdate(
      "INSERT INTO alert_severity_urgencies (tenant_id, severity, urgency, updated_at)"
          + " VALUES (:tenantId, :severity, :urgency, :now)"
          + " ON CONFLICT (tenant_id, severity) DO UPDATE SET urgency = excluded.urgency,"
          + " updated_at = excluded.updated_at")
  void setSeverityUrgency(TenantId tenantId, String severity, String urgency, Instant now);
}
