package com.switchboard.notify.outbox;

import com.switchboard.notify.Channel;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(OutboxMessage.class)
public interface OutboxDao {
  String COLUMNS =
      "id, notification_id, direction, channel, address, subject, body, html, created_at";

  @SqlUpdate(
      "INSERT INTO outbox_messages (tenant_id, id, notification_id, direction, channel, address,"
          + " subject, body, html, created_at) VALUES (:tenantId, :id, :notificationId,"
          + " :direction, :channel, :address, :subject, :body, :html, :now)")
  void insert(
      TenantId tenantId,
      UUID id,
      UUID notificationId,
      String direction,
      Channel channel,
      String address,
      String subject,
      String body,
      String html,
      Instant now);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM outbox_messages WHERE tenant_id = :tenantId"
          + " AND (CAST(:address AS text) IS NULL OR address = :address)"
          + " AND (CAST(:channel AS text) IS NULL OR channel = :channel)"
          + " ORDER BY created_at DESC, id LIMIT :limit")
  List<OutboxMessage> list(TenantId tenantId, String address, String channel, int limit);

  @SqlQuery("SELECT " + COLUMNS + " FROM outbox_messages WHERE tenant_id = :tenantId AND id = :id")
  Optional<OutboxMessage> find(TenantId tenantId, UUID id);
}
