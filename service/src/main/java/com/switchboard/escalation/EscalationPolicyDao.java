package com.switchboard.escalation;

import com.switchboard.escalation.EscalationPolicy.TargetType;
import com.switchboard.escalation.EscalationPolicy.TeamMode;
import com.switchboard.escalation.EscalationPolicy.UnreachableUser;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(EscalationPolicyDao.PolicyRow.class)
@RegisterConstructorMapper(EscalationPolicyDao.StepRow.class)
@RegisterConstructorMapper(EscalationPolicyDao.TargetRow.class)
@RegisterConstructorMapper(UnreachableUser.class)
@RegisterConstructorMapper(EscalationPolicyDao.ServiceRow.class)
public interface EscalationPolicyDao {
  /** A business service that pages a policy. */
  record ServiceRow(UUID id, String name) {}

  record PolicyRow(
      UUID id,
      String name,
      String description,
      int repeatCount,
      Instant createdAt,
      Instant updatedAt) {}

  record StepRow(UUID policyId, int position, int delayMinutes) {}

  record TargetRow(
      UUID policyId,
      int position,
      int targetIndex,
      TargetType targetType,
      UUID targetId,
      TeamMode teamMode,
      String name) {}

  @SqlUpdate(
      "INSERT INTO escalation_policies"
          + " (tenant_id, id, name, description, repeat_count, created_at, updated_at)"
          + " VALUES (:tenantId, :id, :name, :description, :repeatCount, :now, :now)")
  void insertPolicy(
      TenantId tenantId, UUID id, String name, String description, int repeatCount, Instant now);

  @SqlUpdate(
      "UPDATE escalation_policies SET name = :name, description = :description,"
          + " repeat_count = :repeatCount, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void updatePolicy(
      TenantId tenantId, UUID id, String name, String description, int repeatCount, Instant now);

  @SqlUpdate("DELETE FROM escalation_steps WHERE tenant_id = :tenantId AND policy_id = :policyId")
  void deleteSteps(TenantId tenantId, UUID policyId);

  @SqlUpdate(
      "INSERT INTO escalation_steps (tenant_id, policy_id, position, delay_minutes)"
          + " VALUES (:tenantId, :policyId, :position, :delayMinutes)")
  void insertStep(TenantId tenantId, UUID policyId, int position, int delayMinutes);

  @SqlUpdate(
      "INSERT INTO escalation_targets"
          + " (tenant_id, policy_id, position, target_index, target_type, target_id, team_mode)"
          + " VALUES (:tenantId, :policyId, :position, :targetIndex, :type, :targetId, :teamMode)")
  void insertTarget(
      TenantId tenantId,
      UUID policyId,
      int position,
      int targetIndex,
      TargetType type,
      UUID targetId,
      TeamMode teamMode);

  @SqlQuery(
      "SELECT id, name, description, repeat_count, created_at, updated_at"
          + " FROM escalation_policies WHERE tenant_id = :tenantId AND id = :id")
  Optional<PolicyRow> find(TenantId tenantId, UUID id);

  /** Locks the policy row, so that round-robin turns advance one at a time. */
  @SqlQuery(
      "SELECT id, name, description, repeat_count, created_at, updated_at"
          + " FROM escalation_policies WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
  Optional<PolicyRow> lock(TenantId tenantId, UUID id);

  @SqlQuery(
      "SELECT id, name, description, repeat_count, created_at, updated_at"
          + " FROM escalation_policies WHERE tenant_id = :tenantId ORDER BY lower(name), id")
  List<PolicyRow> list(TenantId tenantId);

  @SqlQuery(
      "SELECT policy_id, position, delay_minutes FROM escalation_steps"
          + " WHERE tenant_id = :tenantId AND policy_id IN (<policyIds>)"
          + " ORDER BY policy_id, position")
  List<StepRow> steps(TenantId tenantId, @BindList("policyIds") Collection<UUID> policyIds);

  /** Targets with the current name of what they point at (null when it no longer exists). */
  @SqlQuery(
      "SELECT t.policy_id, t.position, t.target_index, t.target_type, t.target_id, t.team_mode,"
          + " COALESCE(u.name, s.name, tm.name) AS name"
          + " FROM escalation_targets t"
          + " LEFT JOIN users u ON t.target_type = 'user'"
          + "   AND u.tenant_id = t.tenant_id AND u.id = t.target_id"
          + " LEFT JOIN schedules s ON t.target_type = 'schedule'"
          + "   AND s.tenant_id = t.tenant_id AND s.id = t.target_id"
          + " LEFT JOIN teams tm ON t.target_type = 'team'"
          + "   AND tm.tenant_id = t.tenant_id AND tm.id = t.target_id"
          + " WHERE t.tenant_id = :tenantId AND t.policy_id IN (<policyIds>)"
          + " ORDER BY t.policy_id, t.position, t.target_index")
  List<TargetRow> targets(TenantId tenantId, @BindList("policyIds") Collection<UUID> policyIds);

  /**
   * Active users a policy can reach (directly, as team members, or as schedule participants or
   * override takers) who have no verified, enabled contact method.
   */
  @SqlQuery(
      "WITH reachable_by_policy AS ("
          + "  SELECT t.target_id AS user_id FROM escalation_targets t"
          + "   WHERE t.tenant_id = :tenantId AND t.policy_id = :policyId AND t.target_type = 'user'"
          + "  UNION SELECT m.user_id FROM escalation_targets t"
          + "   JOIN team_members m ON m.tenant_id = t.tenant_id AND m.team_id = t.target_id"
          + "   WHERE t.tenant_id = :tenantId AND t.policy_id = :policyId AND t.target_type = 'team'"
          + "  UNION SELECT unnest(l.participants) FROM escalation_targets t"
          + "   JOIN schedule_layers l ON l.tenant_id = t.tenant_id AND l.schedule_id = t.target_id"
          + "   WHERE t.tenant_id = :tenantId AND t.policy_id = :policyId"
          + "     AND t.target_type = 'schedule' AND (l.ends_at IS NULL OR l.ends_at > :now)"
          + "  UNION SELECT o.user_id FROM escalation_targets t"
          + "   JOIN schedule_overrides o ON o.tenant_id = t.tenant_id AND o.schedule_id = t.target_id"
          + "   WHERE t.tenant_id = :tenantId AND t.policy_id = :policyId"
          + "     AND t.target_type = 'schedule' AND o.ends_at > :now)"
          + " SELECT u.id, u.name, 'no verified contact method' AS reason"
          + " FROM reachable_by_policy r JOIN users u ON u.tenant_id = :tenantId AND u.id = r.user_id"
          + " WHERE u.active AND NOT EXISTS (SELECT 1 FROM contact_methods c"
          + "   WHERE c.tenant_id = u.tenant_id AND c.user_id = u.id"
          + "     AND c.verified_at IS NOT NULL AND c.disabled_at IS NULL)"
          + " ORDER BY lower(u.name), u.id")
  List<UnreachableUser> unreachable(TenantId tenantId, UUID policyId, Instant now);

  @SqlQuery(
      "SELECT count(*) FROM services WHERE tenant_id = :tenantId AND escalation_policy_id = :id")
  int servicesUsing(TenantId tenantId, UUID id);

  @SqlQuery(
      "SELECT id, name FROM services WHERE tenant_id = :tenantId AND escalation_policy_id = :id"
          + " ORDER BY lower(name), id")
  List<ServiceRow> services(TenantId tenantId, UUID id);

  @SqlUpdate("DELETE FROM escalation_policies WHERE tenant_id = :tenantId AND id = :id")
  void delete(TenantId tenantId, UUID id);

  /** Takes the next turn of a round-robin team target; returns the turn taken. */
  @SqlQuery(
      "UPDATE escalation_targets SET round_robin_next = round_robin_next + 1"
          + " WHERE tenant_id = :tenantId AND policy_id = :policyId AND position = :position"
          + " AND target_index = :targetIndex RETURNING round_robin_next - 1")
  Optional<Integer> takeRoundRobinTurn(
      TenantId tenantId, UUID policyId, int position, int targetIndex);

  /** Whose turn a round-robin target gives next, without taking it. */
  @SqlQuery(
      "SELECT round_robin_next FROM escalation_targets"
          + " WHERE tenant_id = :tenantId AND policy_id = :policyId AND position = :position"
          + " AND target_index = :targetIndex")
  Optional<Integer> peekRoundRobinTurn(
      TenantId tenantId, UUID policyId, int position, int targetIndex);
}
