package com.switchboard.platform.idempotency;

import com.switchboard.tenant.TenantId;
import com.switchboard.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(IdempotencyDao.Stored.class)
public interface IdempotencyDao {
  /** A claimed key; {@code responseStatus} is null while the first request runs. */
  record Stored(
      String requestMethod,
      String requestPath,
      byte[] bodySha256,
      Instant createdAt,
      Integer responseStatus,
      String responseBody,
      String responseLocation) {}

  /** Claims the key; 0 when the caller already holds it. */
  @SqlUpdate(
      "INSERT INTO idempotency_keys"
          + " (tenant_id, user_id, idempotency_key, request_method, request_path, body_sha256,"
          + " created_at)"
          + " VALUES (:tenantId, :userId, :key, :method, :path, :bodySha256, :now)"
          + " ON CONFLICT DO NOTHING")
  int claim(
      TenantId tenantId,
      UserId userId,
      String key,
      String method,
      String path,
      byte[] bodySha256,
      Instant now);

  @SqlQuery(
      "SELECT request_method, request_path, body_sha256, created_at, response_status,"
          + " response_body, response_location"
          + " FROM idempotency_keys"
          + " WHERE tenant_id = :tenantId AND user_id = :userId AND idempotency_key = :key"
          + " FOR UPDATE")
  Optional<Stored> lock(TenantId tenantId, UserId userId, String key);

  @SqlUpdate(
      "UPDATE idempotency_keys SET response_status = :status, response_body = :body,"
          + " response_location = :location"
          + " WHERE tenant_id = :tenantId AND user_id = :userId AND idempotency_key = :key")
  void complete(
      TenantId tenantId, UserId userId, String key, int status, String body, String location);

  @SqlUpdate(
      "DELETE FROM idempotency_keys"
          + " WHERE tenant_id = :tenantId AND user_id = :userId AND idempotency_key = :key")
  void release(TenantId tenantId, UserId userId, String key);

  @SqlUpdate("DELETE FROM idempotency_keys WHERE tenant_id = :tenantId AND created_at <= :cutoff")
  int deleteOlderThan(TenantId tenantId, Instant cutoff);
}
