package com.switchboard.alert;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Alerts: one per open (service, dedup key), each on an incident. */
@RegisterConstructorMapper(AlertDao.OpenAlert.class)
@RegisterConstructorMapper(AlertView.Row.class)
@RegisterConstructorMapper(AlertDao.Cap.class)
public interface AlertDao {

  /** An open alert as the processor folds events into it. */
  record OpenAlert(
      UUID id,
      String dedupKey,
      String status,
      UUID incidentId,
      int eventCount,
      Instant firstAt,
      Instant lastAt) {}

  /** A row to insert or update; {@code details} is jsonb as text. */
  record Row(
      UUID id,
      UUID serviceId,
      UUID integrationId,
      UUID incidentId,
      boolean openedIncident,
      String dedupKey,
      String status,
      String summary,
      String severity,
      String source,
      String details,
      int eventCount,
      Instant firstAt,
      Instant lastAt,
      Instant resolvedAt,
      Instant createdAt) {}

  /** The service's open alerts with these keys, locked until the transaction ends. */
  @SqlQuery(
      "SELECT id, dedup_key, status, incident_id, event_count, first_at, last_at FROM alerts"
          + " WHERE tenant_id = :tenantId AND service_id = :serviceId"
          + " AND dedup_key = ANY(CAST(:keys AS text[])) AND status <> 'resolved' FOR UPDATE")
  List<OpenAlert> lockOpen(TenantId tenantId, UUID serviceId, String[] keys);

  @SqlBatch(
      "INSERT INTO alerts (tenant_id, id, service_id, integration_id, incident_id,"
          + " opened_incident, dedup_key, status, summary, severity, source, details, event_count,"
          + " first_at, last_at, resolved_at, created_at)"
          + " VALUES (:tenantId, :r.id, :r.serviceId, :r.integrationId, :r.incidentId,"
          + " :r.openedIncident, :r.dedupKey, :r.status, :r.summary, :r.severity, :r.source,"
          + " CAST(:r.details AS jsonb), :r.eventCount, :r.firstAt, :r.lastAt, :r.resolvedAt,"
          + " :r.createdAt)")
  void insert(TenantId tenantId, @BindMethods("r") List<Row> rows);

  @SqlBatch(
      "UPDATE alerts SET status = :r.status, event_count = :r.eventCount, last_at = :r.lastAt,"
          + " resolved_at = :r.resolvedAt WHERE tenant_id = :tenantId AND id = :r.id")
  void update(TenantId tenantId, @BindMethods("r") List<Row> rows);

  /**
   * A service's cap ({@code cap} new incidents per window, 0: none) and how many incidents its
   * alerts opened within the window up to {@code now}: the service's own grouping where it has one,
   * else the defaults given.
   */
  record Cap(int cap, int opened) {}

  @SqlQuery(
      "WITH grouping AS ("
          + "   SELECT COALESCE(g.incidents_per_window, :defaultCap) AS cap,"
          + "     COALESCE(g.window_seconds * 1000, :defaultWindowMillis) AS window_millis"
          + "   FROM (SELECT 1) one LEFT JOIN alert_grouping g"
          + "     ON g.tenant_id = :tenantId AND g.service_id = :serviceId)"
          + " SELECT grouping.cap, (SELECT count(*) FROM alerts a"
          + "   WHERE a.tenant_id = :tenantId AND a.service_id = :serviceId AND a.opened_incident"
          + "   AND a.created_at > CAST(:now AS timestamptz)"
          + "     - make_interval(secs => grouping.window_millis / 1000.0)) AS opened"
          + " FROM grouping")
  Cap cap(TenantId tenantId, UUID serviceId, int defaultCap, long defaultWindowMillis, Instant now);

  /** The newest still open incident that an alert of the service opened. */
  @SqlQuery(
      "SELECT a.incident_id FROM alerts a JOIN incidents i"
          + "   ON i.tenant_id = a.tenant_id AND i.id = a.incident_id AND i.status <> 'resolved'"
          + " WHERE a.tenant_id = :tenantId AND a.service_id = :serviceId AND a.opened_incident"
          + " ORDER BY a.created_at DESC LIMIT 1")
  Optional<UUID> newestOpenIncident(TenantId tenantId, UUID serviceId);

  /** Those of the incidents whose alerts are all resolved. */
  @SqlQuery(
      "SELECT incident_id FROM alerts"
          + " WHERE tenant_id = :tenantId AND incident_id = ANY(CAST(:incidentIds AS uuid[]))"
          + " GROUP BY incident_id HAVING bool_and(status = 'resolved')")
  List<UUID> allResolved(TenantId tenantId, UUID[] incidentIds);

  /** The incident was resolved (by a person, or its last alert): its open alerts are too. */
  @SqlUpdate(
      "UPDATE alerts SET status = 'resolved', resolved_at = :now"
          + " WHERE tenant_id = :tenantId AND incident_id = :incidentId AND status <> 'resolved'")
  int resolveOfIncident(TenantId tenantId, UUID incidentId, Instant now);

  @SqlUpdate(
      "UPDATE alerts SET status = 'acknowledged'"
          + " WHERE tenant_id = :tenantId AND incident_id = :incidentId AND status = 'triggered'")
  int acknowledgeOfIncident(TenantId tenantId, UUID incidentId);

  /** An alert of some tenant whose last event is old. */
  record Stale(TenantId tenantId, UUID id) {}

  /** Requires the {@code alert-auto-resolve} scope, which the alerts policy admits for reading. */
  @SqlQuery(
      "SELECT tenant_id, id FROM alerts WHERE status <> 'resolved' AND last_at < :before"
          + " ORDER BY last_at LIMIT :limit")
  @RegisterConstructorMapper(Stale.class)
  List<Stale> stale(Instant before, int limit);

  /**
   * Resolves those of the alerts still open with no event since {@code before}; returns their
   * incidents.
   */
  @SqlQuery(
      "UPDATE alerts SET status = 'resolved', resolved_at = :now"
          + " WHERE tenant_id = :tenantId AND id = ANY(CAST(:ids AS uuid[]))"
          + " AND status <> 'resolved' AND last_at < :before RETURNING incident_id")
  List<UUID> resolveStale(TenantId tenantId, UUID[] ids, Instant before, Instant now);

  String SELECT_VIEW =
      "SELECT id, service_id, incident_id, dedup_key, status, summary, severity, source,"
          + " details::text AS details, event_count, first_at, last_at, resolved_at, created_at"
          + " FROM alerts WHERE tenant_id = :tenantId AND incident_id = :incidentId";

  /** The incident's alerts, newest first; {@code before} (an alert id) pages backwards. */
  @SqlQuery(
      SELECT_VIEW
          + " AND (CAST(:before AS uuid) IS NULL OR (created_at, id) < (SELECT created_at, id"
          + "   FROM alerts WHERE tenant_id = :tenantId AND id = :before))"
          + " ORDER BY created_at DESC, id DESC LIMIT :limit")
  List<AlertView.Row> forIncident(TenantId tenantId, UUID incidentId, UUID before, int limit);
}
