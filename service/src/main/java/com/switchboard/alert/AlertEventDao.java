package com.switchboard.alert;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The alert inbox, {@code alert_events}: the intake writes it, the processor drains it. */
@RegisterConstructorMapper(AlertEventDao.Stored.class)
public interface AlertEventDao {

  /** An unprocessed event as the processor reads it; {@code payload} is the jsonb as text. */
  record Stored(
      TenantId tenantId,
      long id,
      UUID serviceId,
      UUID integrationId,
      String integrationType,
      Instant receivedAt,
      String action,
      String dedupKey,
      String urgency,
      String severity,
      String summary,
      String payload,
      int attempts) {}

  /**
   * Stores one tenant's events in one statement, in the order given (ids ascend with it). The
   * arrays are columns: element i of each is event i.
   */
  @SqlUpdate(
      "INSERT INTO alert_events (tenant_id, service_id, integration_id, integration_type,"
          + " received_at, action, dedup_key, urgency, severity, summary, payload)"
          + " SELECT :tenantId, e.service_id, e.integration_id, e.integration_type, :receivedAt,"
          + " e.action, e.dedup_key, e.urgency, e.severity, e.summary, e.payload"
          + " FROM unnest(CAST(:serviceIds AS uuid[]), CAST(:integrationIds AS uuid[]),"
          + "   CAST(:types AS text[]), CAST(:actions AS text[]), CAST(:keys AS text[]),"
          + "   CAST(:urgencies AS text[]), CAST(:severities AS text[]), CAST(:summaries AS text[]),"
          + "   CAST(:payloads AS jsonb[])) WITH ORDINALITY"
          + "   AS e (service_id, integration_id, integration_type, action, dedup_key, urgency,"
          + "     severity, summary, payload, n)"
          + " ORDER BY e.n")
  int insert(
      TenantId tenantId,
      Instant receivedAt,
      UUID[] serviceIds,
      UUID[] integrationIds,
      String[] types,
      String[] actions,
      String[] keys,
      String[] urgencies,
      String[] severities,
      String[] summaries,
      String[] payloads);

  /**
   * Claims the oldest unprocessed events that no other processor holds, among the tenants of one
   * partition (by the last byte of the tenant id, see {@link AlertProcessor#partitionOf}); the row
   * locks last until the claiming transaction ends (or its connection dies). Requires the {@code
   * alert-processor} scope.
   */
  @SqlQuery(
      "SELECT tenant_id, id, service_id, integration_id, integration_type, received_at, action,"
          + " dedup_key, urgency, severity, summary, payload::text AS payload, attempts"
          + " FROM alert_events WHERE processed_at IS NULL"
          + " AND get_byte(uuid_send(tenant_id), 15) % :partitions = :partition"
          + " ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED")
  List<Stored> claim(int limit, int partitions, int partition);

  /** The services ({@code tenant|service}) among those given with an unprocessed event older. */
  @SqlQuery(
      "SELECT DISTINCT e.tenant_id::text || '|' || e.service_id::text FROM alert_events e"
          + " JOIN unnest(CAST(:tenantIds AS uuid[]), CAST(:serviceIds AS uuid[]),"
          + "   CAST(:firstIds AS bigint[])) AS c (tenant_id, service_id, first_id)"
          + " ON e.tenant_id = c.tenant_id AND e.service_id = c.service_id"
          + " WHERE e.processed_at IS NULL AND e.id < c.first_id")
  List<String> servicesWithOlderEvents(UUID[] tenantIds, UUID[] serviceIds, Long[] firstIds);

  /**
   * Serialises processors per service for the rest of the transaction, each key taken in ascending
   * order so that two processors cannot deadlock on them.
   */
  @SqlQuery(
      "SELECT count(pg_advisory_xact_lock(k)) FROM"
          + " (SELECT DISTINCT k FROM unnest(CAST(:keys AS bigint[])) AS k ORDER BY k) AS s")
  long lockServices(@Bind("keys") Long[] keys);

  @SqlUpdate(
      "UPDATE alert_events SET processed_at = :now"
          + " WHERE tenant_id = :tenantId AND id = ANY(CAST(:ids AS bigint[]))")
  int markProcessed(TenantId tenantId, Long[] ids, Instant now);

  /**
   * Counts a failed attempt; at {@code maxAttempts} the events are set aside (processed, with the
   * error) so that they stop holding back their service.
   */
  @SqlUpdate(
      "UPDATE alert_events SET attempts = attempts + 1, last_error = :error,"
          + " processed_at = CASE WHEN attempts + 1 >= :maxAttempts THEN :now END"
          + " WHERE tenant_id = :tenantId AND id = ANY(CAST(:ids AS bigint[]))")
  int failed(TenantId tenantId, Long[] ids, String error, int maxAttempts, Instant now);
}
