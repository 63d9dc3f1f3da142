package com.switchboard.audit;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(AuditEvent.class)
public interface AuditDao {
  @SqlUpdate(
      "INSERT INTO audit_events (tenant_id, occurred_at, actor_id, actor_kind, actor_name, action,"
          + " target_type, target_id, summary, client_ip) VALUES (:tenantId, :occurredAt, :actorId,"
          + " :actorKind, :actorName, :action, :targetType, :targetId, :summary, :clientIp)")
  void insert(
      TenantId tenantId,
      Instant occurredAt,
      UUID actorId,
      String actorKind,
      String actorName,
      String action,
      String targetType,
      String targetId,
      String summary,
      String clientIp);

  /** Newest first; {@code beforeId} pages backwards (null for the first page). */
  @SqlQuery(
      "SELECT id, occurred_at, actor_id, actor_kind, actor_name, action, target_type, target_id,"
          + " summary, client_ip FROM audit_events"
          + " WHERE tenant_id = :tenantId AND (CAST(:beforeId AS bigint) IS NULL OR id < :beforeId)"
          + " ORDER BY id DESC LIMIT :limit")
  List<AuditEvent> page(TenantId tenantId, Long beforeId, int limit);
}
