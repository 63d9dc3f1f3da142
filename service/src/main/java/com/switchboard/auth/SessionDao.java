package com.switchboard.auth;

import com.switchboard.tenant.TenantId;
import com.switchboard.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(CallerRow.class)
public interface SessionDao {
  @SqlUpdate(
      "INSERT INTO sessions (tenant_id, id, user_id, token_hash, csrf_token, created_at, expires_at, client_ip)"
          + " VALUES (:tenantId, :id, :userId, :tokenHash, :csrfToken, :now, :expiresAt, :clientIp)")
  void insert(
      TenantId tenantId,
      UUID id,
      UserId userId,
      byte[] tokenHash,
      String csrfToken,
      Instant now,
      Instant expiresAt,
      String clientIp);

  @SqlQuery(
      "SELECT s.id AS credential_id, u.id AS user_id, u.email, u.name, u.role, s.csrf_token"
          + " FROM sessions s"
          + " JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id"
          + " WHERE s.tenant_id = :tenantId AND s.token_hash = :tokenHash"
          + " AND s.expires_at > :now AND u.active")
  Optional<CallerRow> findCaller(TenantId tenantId, byte[] tokenHash, Instant now);

  @SqlUpdate("DELETE FROM sessions WHERE tenant_id = :tenantId AND id = :id")
  void delete(TenantId tenantId, UUID id);

  @SqlUpdate("DELETE FROM sessions WHERE tenant_id = :tenantId AND user_id = :userId")
  void deleteForUser(TenantId tenantId, UserId userId);

  /** Ends every session of the user but {@code keepId} (the one changing the password). */
  @SqlUpdate(
      "DELETE FROM sessions WHERE tenant_id = :tenantId AND user_id = :userId AND id <> :keepId")
  void deleteOthersOfUser(TenantId tenantId, UserId userId, UUID keepId);

  @SqlUpdate("DELETE FROM sessions WHERE tenant_id = :tenantId AND expires_at <= :now")
  int deleteExpired(TenantId tenantId, Instant now);
}
