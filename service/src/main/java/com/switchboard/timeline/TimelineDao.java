package com.switchboard.timeline;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The rows of {@code incident_events}; used through {@link Timeline}. */
@RegisterConstructorMapper(TimelineEvent.class)
public interface TimelineDao {
  @SqlUpdate(
      "INSERT INTO incident_events (tenant_id, incident_id, at, kind, actor, channel, message,"
          + " detail) VALUES (:tenantId, :incidentId, :at, :kind, :actor, :channel, :message,"
          + " CAST(:detail AS jsonb))")
  void insert(
      TenantId tenantId,
      UUID incidentId,
      Instant at,
      String kind,
      String actor,
      String channel,
      String message,
      String detail);

  @SqlQuery(
      "SELECT id, at, kind, actor, channel, message, detail::text AS detail FROM incident_events"
          + " WHERE tenant_id = :tenantId AND incident_id = :incidentId ORDER BY id")
  List<TimelineEvent> events(TenantId tenantId, UUID incidentId);
}
