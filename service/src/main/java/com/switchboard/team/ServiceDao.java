package com.switchboard.team;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(BusinessService.class)
public interface ServiceDao {
  String SELECT_SERVICES =
      "SELECT s.id, s.name, s.description, s.escalation_policy_id, s.created_at, s.updated_at,"
          + " t.id AS team_id, t.name AS team_name, t.kind AS team_kind"
          + " FROM services s JOIN teams t ON t.tenant_id = s.tenant_id AND t.id = s.team_id"
          + " WHERE s.tenant_id = :tenantId";

  @SqlUpdate(
      "INSERT INTO services (tenant_id, id, name, description, team_id, created_at, updated_at)"
          + " VALUES (:tenantId, :id, :name, :description, :teamId, :now, :now)")
  void insert(
      TenantId tenantId, UUID id, String name, String description, UUID teamId, Instant now);

  @SqlQuery(SELECT_SERVICES + " AND s.id = :id")
  Optional<BusinessService> findById(TenantId tenantId, UUID id);

  /**
   * The directory: "who owns login?" matches service names, descriptions and owning team names;
   * services whose name starts with the query come first. {@code pattern} is already escaped.
   */
  @SqlQuery(
      SELECT_SERVICES
          + " AND (CAST(:pattern AS text) IS NULL OR s.name ILIKE '%' || :pattern || '%'"
          + " OR s.description ILIKE '%' || :pattern || '%' OR t.name ILIKE '%' || :pattern || '%')"
          + " ORDER BY (s.name ILIKE :pattern || '%') DESC, lower(s.name), s.id LIMIT :limit")
  List<BusinessService> search(TenantId tenantId, String pattern, int limit);

  @SqlUpdate(
      "UPDATE services SET name = :name, description = :description, team_id = :teamId, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void update(
      TenantId tenantId, UUID id, String name, String description, UUID teamId, Instant now);

  @SqlUpdate(
      "UPDATE services SET escalation_policy_id = :policyId, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void setEscalationPolicy(TenantId tenantId, UUID id, UUID policyId, Instant now);

  @SqlQuery("SELECT count(*) FROM incidents WHERE tenant_id = :tenantId AND service_id = :id")
  int incidentCount(TenantId tenantId, UUID id);

  @SqlUpdate("DELETE FROM services WHERE tenant_id = :tenantId AND id = :id")
  void delete(TenantId tenantId, UUID id);
}
