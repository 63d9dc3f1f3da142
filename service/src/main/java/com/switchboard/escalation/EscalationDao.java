package com.switchboard.escalation;

import com.switchboard.escalation.Escalation.Origin;
import com.switchboard.escalation.Escalation.State;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The escalations of incidents: which policy (or person) pages, and where it stands. */
@RegisterConstructorMapper(Escalation.class)
public interface EscalationDao {
  String SELECT_ESCALATIONS =
      "SELECT e.id, e.incident_id, e.policy_id, p.name AS policy_name, e.user_id, e.origin,"
          + " e.state, e.round, e.step, e.next_at, e.started_at, e.ended_at"
          + " FROM escalations e LEFT JOIN escalation_policies p"
          + "   ON p.tenant_id = e.tenant_id AND p.id = e.policy_id"
          + " WHERE e.tenant_id = :tenantId";

  @SqlUpdate(
      "INSERT INTO escalations (tenant_id, incident_id, id, policy_id, user_id, origin, state,"
          + " round, step, next_at, started_at)"
          + " VALUES (:tenantId, :incidentId, :id, :policyId, :userId, :origin, :state, 0, 0,"
          + " :nextAt, :now)")
  void insertEscalation(
      TenantId tenantId,
      UUID incidentId,
      UUID id,
      UUID policyId,
      UUID userId,
      Origin origin,
      State state,
      Instant nextAt,
      Instant now);

  @SqlQuery(SELECT_ESCALATIONS + " AND e.incident_id = :incidentId ORDER BY e.started_at, e.id")
  List<Escalation> escalations(TenantId tenantId, UUID incidentId);

  @SqlQuery(SELECT_ESCALATIONS + " AND e.id = :id FOR NO KEY UPDATE OF e")
  Optional<Escalation> lockEscalation(TenantId tenantId, UUID id);

  @SqlUpdate(
      "UPDATE escalations SET state = :state, round = :round, step = :step, next_at = :nextAt,"
          + " ended_at = CASE WHEN CAST(:state AS text) IN ('exhausted', 'stopped')"
          + "   THEN CAST(:now AS timestamptz) END"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void moveEscalation(
      TenantId tenantId, UUID id, State state, int round, int step, Instant nextAt, Instant now);

  /** Stops every escalation of the incident still paging or waiting; returns their ids. */
  @SqlQuery(
      "UPDATE escalations SET state = 'stopped', next_at = NULL, ended_at = :now"
          + " WHERE tenant_id = :tenantId AND incident_id = :incidentId"
          + " AND state IN ('active', 'waiting') RETURNING id")
  List<UUID> stopEscalations(TenantId tenantId, UUID incidentId, Instant now);
}
