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

/** The clocks of tickets; see migration 029 for what each column means. */
@RegisterConstructorMapper(SlaClockDao.ClockRow.class)
@RegisterConstructorMapper(SlaClockDao.ShownRow.class)
public interface SlaClockDao {
  record ClockRow(
      UUID id,
      UUID ticketId,
      String metric,
      int cycle,
      UUID policyId,
      String status,
      long targetSeconds,
      long warnSeconds,
      long consumedSeconds,
      Instant runningSince,
      Instant dueAt,
      Instant warnAt,
      Instant warnedAt,
      Instant breachedAt,
      Instant metAt,
      UUID incidentId,
      long generation,
      long ticketNumber,
      String ticketSubject,
      String customerName,
      String tier,
      String priority,
      UUID assigneeId) {}

  /** A clock with what its breach page's incident says now. */
  record ShownRow(
      UUID ticketId,
      String metric,
      String status,
      long targetSeconds,
      long consumedSeconds,
      Instant runningSince,
      Instant dueAt,
      Instant warnedAt,
      Instant breachedAt,
      UUID policyId,
      UUID incidentId,
      Long incidentNumber,
      String incidentStatus,
      String acknowledgedBy,
      Instant acknowledgedAt) {}

  String COLUMNS =
      "id, ticket_id, metric, cycle, policy_id, status, target_seconds, warn_seconds,"
          + " consumed_seconds, running_since, due_at, warn_at, warned_at, breached_at, met_at,"
          + " incident_id, generation, ticket_number, ticket_subject, customer_name, tier,"
          + " priority, assignee_id";

  /** Every clock of a ticket, locked, the latest cycle of each metric first. */
  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM sla_clocks WHERE tenant_id = :tenantId AND ticket_id = :ticketId"
          + " ORDER BY metric, cycle DESC FOR UPDATE")
  List<ClockRow> lockAll(TenantId tenantId, UUID ticketId);

  @SqlQuery(
      "SELECT " + COLUMNS + " FROM sla_clocks WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
  Optional<ClockRow> lock(TenantId tenantId, UUID id);

  /** Clocks of a policy that are not final, locked, oldest ticket first. */
  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM sla_clocks WHERE tenant_id = :tenantId AND policy_id = :policyId"
          + " AND status IN ('active', 'paused') ORDER BY ticket_number, metric FOR UPDATE")
  List<ClockRow> lockRunningOfPolicy(TenantId tenantId, UUID policyId);

  @SqlUpdate(
      "INSERT INTO sla_clocks (tenant_id, id, ticket_id, metric, cycle, policy_id, status,"
          + " target_seconds, warn_seconds, consumed_seconds, running_since, due_at, warn_at,"
          + " generation, ticket_number, ticket_subject, customer_name, tier, priority,"
          + " assignee_id, created_at, updated_at)"
          + " VALUES (:tenantId, :c.id, :c.ticketId, :c.metric, :c.cycle, :c.policyId, :c.status,"
          + " :c.targetSeconds, :c.warnSeconds, :c.consumedSeconds, :c.runningSince, :c.dueAt,"
          + " :c.warnAt, :c.generation, :c.ticketNumber, :c.ticketSubject, :c.customerName,"
          + " :c.tier, :c.priority, :c.assigneeId, :now, :now)")
  void insert(TenantId tenantId, @BindMethods("c") ClockRow c, Instant now);

  /** Writes a recomputed clock; the generation says which timer may still act on it. */
  @SqlUpdate(
      "UPDATE sla_clocks SET policy_id = :c.policyId, status = :c.status,"
          + " target_seconds = :c.targetSeconds, warn_seconds = :c.warnSeconds,"
          + " consumed_seconds = :c.consumedSeconds, running_since = :c.runningSince,"
          + " due_at = :c.dueAt, warn_at = :c.warnAt, met_at = :c.metAt,"
          + " generation = :c.generation, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :c.id")
  void save(TenantId tenantId, @BindMethods("c") ClockRow c, Instant now);

  /** The ticket as of its last change, on every clock it has. */
  @SqlUpdate(
      "UPDATE sla_clocks SET ticket_number = :number, ticket_subject = :subject,"
          + " customer_name = :customer, tier = :tier, priority = :priority,"
          + " assignee_id = :assignee WHERE tenant_id = :tenantId AND ticket_id = :ticketId")
  void copyTicket(
      TenantId tenantId,
      UUID ticketId,
      long number,
      String subject,
      String customer,
      String tier,
      String priority,
      UUID assignee);

  /** Marks the warning sent; 0 when it already was (the timer ran twice). */
  @SqlUpdate(
      "UPDATE sla_clocks SET warned_at = :at WHERE tenant_id = :tenantId AND id = :id"
          + " AND warned_at IS NULL")
  int markWarned(TenantId tenantId, UUID id, Instant at);

  /** Marks the breach; 0 when it already was (the timer ran twice). */
  @SqlUpdate(
      "UPDATE sla_clocks SET breached_at = :at, status = 'breached' WHERE tenant_id = :tenantId"
          + " AND id = :id AND breached_at IS NULL")
  int markBreached(TenantId tenantId, UUID id, Instant at);

  @SqlUpdate(
      "UPDATE sla_clocks SET incident_id = :incidentId WHERE tenant_id = :tenantId AND id = :id")
  void setIncident(TenantId tenantId, UUID id, UUID incidentId);

  @SqlUpdate("DELETE FROM sla_clocks WHERE tenant_id = :tenantId AND id IN (<ids>)")
  void delete(TenantId tenantId, @BindList("ids") Collection<UUID> ids);

  /** The latest cycle of each clock of these tickets, with the breach page's incident. */
  @SqlQuery(
      "SELECT DISTINCT ON (c.ticket_id, c.metric) c.ticket_id, c.metric, c.status,"
          + " c.target_seconds, c.consumed_seconds, c.running_since, c.due_at, c.warned_at,"
          + " c.breached_at, c.policy_id, c.incident_id, i.number AS incident_number,"
          + " i.status AS incident_status, i.acknowledged_by, i.acknowledged_at"
          + " FROM sla_clocks c LEFT JOIN incidents i"
          + "   ON i.tenant_id = c.tenant_id AND i.id = c.incident_id"
          + " WHERE c.tenant_id = :tenantId AND c.ticket_id IN (<ticketIds>)"
          + " ORDER BY c.ticket_id, c.metric, c.cycle DESC")
  List<ShownRow> shown(TenantId tenantId, @BindList("ticketIds") Collection<UUID> ticketIds);
}
