package com.switchboard.integration.inbound;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Heartbeat monitors (migration 041) and email integrations' settings. */
@RegisterConstructorMapper(HeartbeatDao.Monitor.class)
@RegisterConstructorMapper(HeartbeatDao.Overdue.class)
@RegisterConstructorMapper(HeartbeatDao.Pinged.class)
public interface HeartbeatDao {
  record Monitor(
      UUID integrationId,
      int intervalSeconds,
      int graceSeconds,
      Instant lastPingAt,
      Instant dueAt,
      Instant missedAt) {}

  /** A monitor past its deadline, as the monitor job sees it across tenants. */
  record Overdue(TenantId tenantId, UUID integrationId) {}

  /** What a ping found before it moved the deadline. */
  record Pinged(UUID integrationId, UUID serviceId, String name, Instant missedAt, Instant dueAt) {}

  /** A monitor past its deadline, locked, with what its trigger needs. */
  record Missed(
      UUID integrationId, UUID serviceId, String name, Instant lastPingAt, Instant createdAt) {}

  @SqlUpdate(
      "INSERT INTO alert_heartbeats (tenant_id, integration_id, interval_seconds, grace_seconds,"
          + " due_at)"
          + " VALUES (:tenantId, :integrationId, :intervalSeconds, :graceSeconds, :dueAt)")
  void insert(
      TenantId tenantId, UUID integrationId, int intervalSeconds, int graceSeconds, Instant dueAt);

  @SqlQuery(
      "SELECT integration_id, interval_seconds, grace_seconds, last_ping_at, due_at, missed_at"
          + " FROM alert_heartbeats WHERE tenant_id = :tenantId AND integration_id = :integrationId")
  Optional<Monitor> find(TenantId tenantId, UUID integrationId);

  /**
   * A ping: moves the deadline to now + interval + grace and clears a miss, in one statement; the
   * row is locked first, so a miss being recorded meanwhile is seen (and answered with a resolve).
   */
  @SqlQuery(
      "WITH old AS ("
          + " SELECT h.tenant_id, h.integration_id, h.missed_at, i.service_id, i.name"
          + " FROM alert_heartbeats h JOIN alert_integrations i"
          + " ON i.tenant_id = h.tenant_id AND i.id = h.integration_id"
          + " WHERE h.tenant_id = :tenantId AND h.integration_id = :integrationId"
          + " FOR UPDATE OF h)"
          + " UPDATE alert_heartbeats h SET last_ping_at = :now, missed_at = NULL,"
          + " due_at = CAST(:now AS timestamptz) + make_interval(secs => h.interval_seconds + h.grace_seconds)"
          + " FROM old WHERE h.tenant_id = old.tenant_id AND h.integration_id = old.integration_id"
          + " RETURNING h.integration_id, old.service_id, old.name, old.missed_at, h.due_at")
  Optional<Pinged> ping(TenantId tenantId, UUID integrationId, Instant now);

  /** Requires the heartbeat-monitor scope, which the table's policy admits for reading. */
  @SqlQuery(
      "SELECT tenant_id, integration_id FROM alert_heartbeats"
          + " WHERE missed_at IS NULL AND due_at <= :now ORDER BY due_at LIMIT :limit")
  List<Overdue> overdue(Instant now, int limit);

  /** Locks the tenant's given monitors that are still past their deadline and not yet missed. */
  @RegisterConstructorMapper(Missed.class)
  @SqlQuery(
      "SELECT h.integration_id, i.service_id, i.name, h.last_ping_at, i.created_at"
          + " FROM alert_heartbeats h JOIN alert_integrations i"
          + " ON i.tenant_id = h.tenant_id AND i.id = h.integration_id"
          + " WHERE h.tenant_id = :tenantId AND h.integration_id IN (<ids>)"
          + " AND h.missed_at IS NULL AND h.due_at <= :now"
          + " ORDER BY h.integration_id FOR UPDATE OF h")
  List<Missed> lockMissed(TenantId tenantId, @BindList("ids") List<UUID> ids, Instant now);

  @SqlUpdate(
      "UPDATE alert_heartbeats SET missed_at = :now"
          + " WHERE tenant_id = :tenantId AND integration_id IN (<ids>)")
  int markMissed(TenantId tenantId, @BindList("ids") List<UUID> ids, Instant now);

  // ---- email integrations

  @SqlUpdate(
      "INSERT INTO alert_email_settings (tenant_id, integration_id, group_by)"
          + " VALUES (:tenantId, :integrationId, :groupBy)")
  void insertEmail(TenantId tenantId, UUID integrationId, String groupBy);

  @SqlQuery(
      "SELECT group_by FROM alert_email_settings"
          + " WHERE tenant_id = :tenantId AND integration_id = :integrationId")
  Optional<String> emailGroupBy(TenantId tenantId, UUID integrationId);
}
