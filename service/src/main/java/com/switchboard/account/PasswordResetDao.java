package com.switchboard.account;

import com.switchboard.tenant.TenantId;
import com.switchboard.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Password reset links (migration 034): only the SHA-256 of each token is stored. */
@RegisterConstructorMapper(PasswordResetDao.Reset.class)
public interface PasswordResetDao {
  record Reset(UUID id, UUID userId, Instant expiresAt, Instant usedAt) {}

  @SqlUpdate(
      "INSERT INTO password_resets (tenant_id, id, user_id, token_hash, created_at, expires_at,"
          + " client_ip) VALUES (:tenantId, :id, :userId, :tokenHash, :now, :expiresAt, :clientIp)")
  void insert(
      TenantId tenantId,
      UUID id,
      UserId userId,
      byte[] tokenHash,
      Instant now,
      Instant expiresAt,
      String clientIp);

  /** Locks the link, so that two requests with one link cannot both use it. */
  @SqlQuery(
      "SELECT id, user_id, expires_at, used_at FROM password_resets"
          + " WHERE tenant_id = :tenantId AND token_hash = :tokenHash FOR UPDATE")
  Optional<Reset> lockByTokenHash(TenantId tenantId, byte[] tokenHash);

  /** Uses up every open link of the user: the one redeemed and any other still out. */
  @SqlUpdate(
      "UPDATE password_resets SET used_at = :now"
          + " WHERE tenant_id = :tenantId AND user_id = :userId AND used_at IS NULL")
  void useAllOf(TenantId tenantId, UserId userId, Instant now);
}
