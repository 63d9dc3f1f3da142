package com.switchboard.incident;

import com.switchboard.paging.PageSubject;
import com.switchboard.paging.Urgency;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Incident.class)
public interface IncidentDao {
  /** What an incident Switchboard opened for a support SLA, which has no service, shows. */
  String NO_SERVICE_NAME = PageSubject.NO_SERVICE_NAME;

  String SELECT_INCIDENTS =
      "SELECT i.id, i.number, i.service_id, COALESCE(s.name, '"
          + NO_SERVICE_NAME
          + "') AS service_name, i.title, i.details,"
          + " i.urgency, i.status, i.dedup_key, i.alert_count, i.created_by,"
          + " i.acknowledged_at, i.acknowledged_by, i.resolved_at, i.resolved_by,"
          + " i.created_at, i.updated_at"
          + " FROM incidents i LEFT JOIN services s"
          + "   ON s.tenant_id = i.tenant_id AND s.id = i.service_id"
          + " WHERE i.tenant_id = :tenantId";

  /**
   * Inserts unless an open incident of the service already has the dedup key. The incident is not
   * numbered yet: it carries a provisional negative number until {@link #assignNumber}, in the same
   * transaction.
   */
  @SqlQuery(
      "INSERT INTO incidents (tenant_id, id, number, service_id, title, details, urgency, status,"
          + " dedup_key, created_by, created_at, updated_at)"
          + " VALUES (:tenantId, :id, -nextval('incident_provisional_numbers'), :serviceId, :title,"
          + " :details, :urgency, 'triggered', :dedupKey, :createdBy, :now, :now)"
          + " ON CONFLICT (tenant_id, service_id, dedup_key)"
          + "   WHERE dedup_key IS NOT NULL AND status <> 'resolved' DO NOTHING"
          + " RETURNING id")
  Optional<UUID> insert(
      TenantId tenantId,
      UUID id,
      UUID serviceId,
      String title,
      String details,
      Urgency urgency,
      String dedupKey,
      String createdBy,
      Instant now);

  /**
   * Gives a just-inserted incident the tenant's next number. The counter row stays locked until
   * commit, so concurrent triggers of a tenant take their numbers in turn: call it last.
   */
  @SqlQuery(
      "WITH counter AS ("
          + "   INSERT INTO incident_counters (tenant_id, last_number) VALUES (:tenantId, 1)"
          + "   ON CONFLICT (tenant_id)"
          + "     DO UPDATE SET last_number = incident_counters.last_number + 1"
          + "   RETURNING last_number)"
          + " UPDATE incidents SET number = (SELECT last_number FROM counter)"
          + " WHERE tenant_id = :tenantId AND id = :id RETURNING number")
  long assignNumber(TenantId tenantId, UUID id);

  @SqlQuery(SELECT_INCIDENTS + " AND i.id = :id")
  Optional<Incident> find(TenantId tenantId, UUID id);

  @SqlQuery(SELECT_INCIDENTS + " AND i.number = :number")
  Optional<Incident> findByNumber(TenantId tenantId, long number);

  @SqlQuery("SELECT id FROM incidents WHERE tenant_id = :tenantId AND id = :id FOR NO KEY UPDATE")
  Optional<UUID> lock(TenantId tenantId, UUID id);

  @SqlQuery(
      "SELECT id FROM incidents WHERE tenant_id = :tenantId AND service_id = :serviceId"
          + " AND dedup_key = :dedupKey AND status <> 'resolved' FOR NO KEY UPDATE")
  Optional<UUID> lockOpenByDedupKey(TenantId tenantId, UUID serviceId, String dedupKey);

  /**
   * Incidents newest first, optionally of some statuses, one service, and one person's (those that
   * paged them or are assigned to them directly); {@code beforeNumber} pages backwards.
   */
  @SqlQuery(
      SELECT_INCIDENTS
          + " AND (CAST(:statuses AS text[]) IS NULL OR i.status = ANY(CAST(:statuses AS text[])))"
          + " AND (CAST(:serviceId AS uuid) IS NULL OR i.service_id = :serviceId)"
          + " AND (CAST(:userId AS uuid) IS NULL"
          + "   OR EXISTS (SELECT 1 FROM notifications n WHERE n.tenant_id = i.tenant_id"
          + "     AND n.incident_id = i.id AND n.user_id = :userId)"
          + "   OR EXISTS (SELECT 1 FROM escalations e WHERE e.tenant_id = i.tenant_id"
          + "     AND e.incident_id = i.id AND e.user_id = :userId))"
          + " AND (CAST(:beforeNumber AS bigint) IS NULL OR i.number < :beforeNumber)"
          + " ORDER BY i.number DESC LIMIT :limit")
  List<Incident> list(
      TenantId tenantId,
      String[] statuses,
      UUID serviceId,
      UUID userId,
      Long beforeNumber,
      int limit);

  /** Someone an incident paged (or is assigned to directly), for the list's "paged" column. */
  record PagedPerson(UUID incidentId, UUID userId, String name) {}

  /**
   * The people each incident paged or was assigned to directly, first paged first: every message
   * that was not cancelled or held back, and every direct assignment.
   */
  @SqlQuery(
      "SELECT incident_id, user_id, name FROM ("
          + " SELECT p.incident_id, p.user_id, u.name, MIN(p.at) AS first_at FROM ("
          + "   SELECT n.incident_id, n.user_id, n.created_at AS at FROM notifications n"
          + "    WHERE n.tenant_id = :tenantId AND n.incident_id = ANY(:incidentIds)"
          + "      AND n.status NOT IN ('cancelled', 'suppressed')"
          + "   UNION ALL"
          + "   SELECT e.incident_id, e.user_id, e.started_at FROM escalations e"
          + "    WHERE e.tenant_id = :tenantId AND e.incident_id = ANY(:incidentIds)"
          + "      AND e.user_id IS NOT NULL) p"
          + " JOIN users u ON u.tenant_id = :tenantId AND u.id = p.user_id"
          + " GROUP BY p.incident_id, p.user_id, u.name) q"
          + " ORDER BY incident_id, first_at, name")
  @RegisterConstructorMapper(PagedPerson.class)
  List<PagedPerson> pagedPeople(TenantId tenantId, UUID[] incidentIds);

  @SqlUpdate(
      "INSERT INTO incident_alerts (tenant_id, incident_id, id, title, details, received_at)"
          + " VALUES (:tenantId, :incidentId, :id, :title, :details, :now)")
  void insertAlert(
      TenantId tenantId, UUID incidentId, UUID id, String title, String details, Instant now);

  /** Adds {@code counts[i]} alerts to incident {@code ids[i]}, for every i, in one statement. */
  @SqlUpdate(
      "UPDATE incidents i SET alert_count = i.alert_count + a.n, updated_at = :now"
          + " FROM unnest(CAST(:ids AS uuid[]), CAST(:counts AS integer[])) AS a (id, n)"
          + " WHERE i.tenant_id = :tenantId AND i.id = a.id")
  void countAlerts(TenantId tenantId, UUID[] ids, Integer[] counts, Instant now);

  @SqlUpdate(
      "UPDATE incidents SET alert_count = alert_count + 1, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void countAlert(TenantId tenantId, UUID id, Instant now);

  @SqlUpdate(
      "UPDATE incidents SET status = 'acknowledged', acknowledged_at = :now,"
          + " acknowledged_by = :by, updated_at = :now WHERE tenant_id = :tenantId AND id = :id")
  void acknowledge(TenantId tenantId, UUID id, String by, Instant now);

  @SqlUpdate(
      "UPDATE incidents SET status = 'resolved', resolved_at = :now, resolved_by = :by,"
          + " updated_at = :now WHERE tenant_id = :tenantId AND id = :id")
  void resolve(TenantId tenantId, UUID id, String by, Instant now);

  @SqlUpdate(
      "UPDATE incidents SET status = 'triggered', acknowledged_at = NULL, acknowledged_by = NULL,"
          + " updated_at = :now WHERE tenant_id = :tenantId AND id = :id")
  void retrigger(TenantId tenantId, UUID id, Instant now);

  @SqlUpdate(
      "UPDATE incidents SET urgency = :urgency, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void setUrgency(TenantId tenantId, UUID id, Urgency urgency, Instant now);
}
