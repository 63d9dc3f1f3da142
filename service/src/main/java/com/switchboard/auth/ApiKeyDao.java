package com.switchboard.auth;

import com.switchboard.tenant.TenantId;
import com.switchboard.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ApiKey.class)
@RegisterConstructorMapper(CallerRow.class)
public interface ApiKeyDao {
  String COLUMNS = "id, name, role, token_hint, created_by, created_at, last_used_at, revoked_at";

  @SqlUpdate(
      "INSERT INTO api_keys (tenant_id, id, name, role, token_hash, token_hint, created_by, created_at)"
          + " VALUES (:tenantId, :id, :name, :role, :tokenHash, :tokenHint, :createdBy, :now)")
  void insert(
      TenantId tenantId,
      UUID id,
      String name,
      Role role,
      byte[] tokenHash,
      String tokenHint,
      UserId createdBy,
      Instant now);

  @SqlQuery(
      "SELECT k.id AS credential_id, u.id AS user_id, u.email, u.name, k.role, NULL AS csrf_token"
          + " FROM api_keys k"
          + " JOIN users u ON u.tenant_id = k.tenant_id AND u.id = k.created_by"
          + " WHERE k.tenant_id = :tenantId AND k.token_hash = :tokenHash"
          + " AND k.revoked_at IS NULL AND u.active")
  Optional<CallerRow> findCaller(TenantId tenantId, byte[] tokenHash);

  /** Records use at most once a minute per key, so authentication is not a write per request. */
  @SqlUpdate(
      "UPDATE api_keys SET last_used_at = :now WHERE tenant_id = :tenantId AND id = :id"
          + " AND (last_used_at IS NULL OR last_used_at < CAST(:now AS timestamptz) - interval '1 minute')")
  void touch(TenantId tenantId, UUID id, Instant now);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM api_keys WHERE tenant_id = :tenantId"
          + " ORDER BY revoked_at IS NOT NULL, created_at DESC, id")
  List<ApiKey> list(TenantId tenantId);

  @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE tenant_id = :tenantId AND id = :id")
  Optional<ApiKey> findById(TenantId tenantId, UUID id);

  @SqlUpdate(
      "UPDATE api_keys SET revoked_at = :now WHERE tenant_id = :tenantId AND id = :id"
          + " AND revoked_at IS NULL")
  int revoke(TenantId tenantId, UUID id, Instant now);

  @SqlUpdate(
      "UPDATE api_keys SET revoked_at = :now WHERE tenant_id = :tenantId AND created_by = :userId"
          + " AND revoked_at IS NULL")
  int revokeAllOf(TenantId tenantId, UserId userId, Instant now);
}
