package com.switchboard.sla;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SLA policies as stored: targets and business hours are JSON. */
@RegisterConstructorMapper(SlaPolicyDao.PolicyRow.class)
public interface SlaPolicyDao {
  record PolicyRow(
      UUID id,
      String name,
      String tier,
      String targets,
      String businessHours,
      int warningPercent,
      UUID escalationPolicyId,
      Instant createdAt,
      Instant updatedAt) {}

  String COLUMNS =
      "id, name, tier, targets::text AS targets, business_hours::text AS business_hours,"
          + " warning_percent, escalation_policy_id, created_at, updated_at";

  /** What a create or replace writes; targets and business hours as JSON. */
  record Values(
      String name,
      String tier,
      String targets,
      String businessHours,
      int warningPercent,
      UUID escalationPolicyId) {}

  @SqlUpdate(
      "INSERT INTO sla_policies (tenant_id, id, name, tier, targets, business_hours,"
          + " warning_percent, escalation_policy_id, created_at, updated_at)"
          + " VALUES (:tenantId, :id, :v.name, :v.tier, CAST(:v.targets AS jsonb),"
          + " CAST(:v.businessHours AS jsonb), :v.warningPercent, :v.escalationPolicyId,"
          + " :now, :now)")
  void insert(TenantId tenantId, UUID id, @BindMethods("v") Values v, Instant now);

  @SqlUpdate(
      "UPDATE sla_policies SET name = :v.name, tier = :v.tier,"
          + " targets = CAST(:v.targets AS jsonb), business_hours = CAST(:v.businessHours AS jsonb),"
          + " warning_percent = :v.warningPercent, escalation_policy_id = :v.escalationPolicyId,"
          + " updated_at = :now WHERE tenant_id = :tenantId AND id = :id")
  void update(TenantId tenantId, UUID id, @BindMethods("v") Values v, Instant now);

  @SqlQuery("SELECT " + COLUMNS + " FROM sla_policies WHERE tenant_id = :tenantId AND id = :id")
  Optional<PolicyRow> find(TenantId tenantId, UUID id);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM sla_policies WHERE tenant_id = :tenantId AND id = :id"
          + " FOR UPDATE")
  Optional<PolicyRow> lock(TenantId tenantId, UUID id);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM sla_policies WHERE tenant_id = :tenantId"
          + " AND lower(tier) = lower(:tier)")
  Optional<PolicyRow> byTier(TenantId tenantId, String tier);

  @SqlQuery(
      "SELECT " + COLUMNS + " FROM sla_policies WHERE tenant_id = :tenantId" + " AND id IN (<ids>)")
  List<PolicyRow> findAll(TenantId tenantId, @BindList("ids") Collection<UUID> ids);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM sla_policies WHERE tenant_id = :tenantId"
          + " ORDER BY lower(tier), id")
  List<PolicyRow> list(TenantId tenantId);

  @SqlUpdate("DELETE FROM sla_policies WHERE tenant_id = :tenantId AND id = :id")
  void delete(TenantId tenantId, UUID id);
}
