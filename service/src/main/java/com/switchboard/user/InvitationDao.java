package com.switchboard.user;

import com.switchboard.auth.Role;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Invitation.class)
public interface InvitationDao {
  String COLUMNS = "id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at";

  @SqlUpdate(
      "INSERT INTO invitations (tenant_id, id, email, role, token_hash, invited_by, created_at, expires_at)"
          + " VALUES (:tenantId, :id, :email, :role, :tokenHash, :invitedBy, :now, :expiresAt)")
  void insert(
      TenantId tenantId,
      UUID id,
      String email,
      Role role,
      byte[] tokenHash,
      UserId invitedBy,
      Instant now,
      Instant expiresAt);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM invitations WHERE tenant_id = :tenantId"
          + " AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > :now"
          + " ORDER BY created_at DESC, id")
  List<Invitation> listPending(TenantId tenantId, Instant now);

  @SqlQuery("SELECT " + COLUMNS + " FROM invitations WHERE tenant_id = :tenantId AND id = :id")
  Optional<Invitation> findById(TenantId tenantId, UUID id);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM invitations WHERE tenant_id = :tenantId AND token_hash = :tokenHash"
          + " FOR UPDATE")
  Optional<Invitation> lockByTokenHash(TenantId tenantId, byte[] tokenHash);

  @SqlUpdate(
      "UPDATE invitations SET revoked_at = :now WHERE tenant_id = :tenantId AND email = :email"
          + " AND accepted_at IS NULL AND revoked_at IS NULL")
  int revokePendingFor(TenantId tenantId, String email, Instant now);

  @SqlUpdate(
      "UPDATE invitations SET revoked_at = :now WHERE tenant_id = :tenantId AND id = :id"
          + " AND accepted_at IS NULL AND revoked_at IS NULL")
  int revoke(TenantId tenantId, UUID id, Instant now);

  @SqlUpdate(
      "UPDATE invitations SET accepted_at = :now, accepted_user_id = :userId"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void markAccepted(TenantId tenantId, UUID id, UserId userId, Instant now);
}
