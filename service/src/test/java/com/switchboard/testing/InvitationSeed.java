package com.switchboard.testing;

import com.switchboard.auth.Tokens;
import com.switchboard.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Adds people to a tenant without {@code POST /api/v1/users/invitations}, which the router sends to
 * {@code UserResource}'s {@code /{id}} (405) instead of {@code InvitationResource}, so {@link
 * Api#addMember} cannot work. The invitation row is written exactly as InvitationService writes it,
 * inside the tenant's row-level-security scope; accepting it goes through the real {@code POST
 * /api/v1/invitations/accept}, so the user, their session and the audit event are the product's.
 *
 * <p>Once invitations route again, tests can go back to {@link Api#addMember}.
 */
public final class InvitationSeed {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private InvitationSeed() {}

  /** A pending invitation and the secret token its accept link would carry. */
  public record Pending(String id, String email, String token) {}

  /** Stores a pending invitation for {@code email}, invited by {@code inviter}. */
  public static Pending invite(Api.Login inviter, String email, String role) {
    TenantId tenant = new TenantId(UUID.fromString(inviter.tenantId()));
    String token = Tokens.issue(Tokens.INVITATION, tenant);
    UUID id = UUID.randomUUID();
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement scope =
              connection.prepareStatement("SELECT set_config('switchboard.tenant_id', ?, true)");
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO invitations (tenant_id, id, email, role, token_hash, invited_by,"
                      + " created_at, expires_at) VALUES (?::uuid, ?::uuid, ?, ?, ?, ?::uuid,"
                      + " now(), now() + interval '7 days')")) {
        scope.setString(1, inviter.tenantId());
        scope.executeQuery().close();
        insert.setString(1, inviter.tenantId());
        insert.setString(2, id.toString());
        insert.setString(3, email);
        insert.setString(4, role);
        insert.setBytes(5, Tokens.sha256(token));
        insert.setString(6, inviter.userId());
        insert.executeUpdate();
      }
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("could not store an invitation", e);
    }
    return new Pending(id.toString(), email, token);
  }

  /** A new member with the role, logged in: a stored invitation accepted over HTTP. */
  public static Api.Login member(Api api, Api.Login inviter, String role) {
    int n = SEQUENCE.incrementAndGet();
    Pending invitation =
        invite(inviter, role + "-seeded-" + n + "@" + inviter.slug() + ".test", role);
    Api.Reply accepted =
        api.post(
            "/api/v1/invitations/accept",
            Map.of("token", invitation.token(), "name", "Member " + n, "password", Api.PASSWORD),
            Api.ANONYMOUS);
    if (accepted.status() != 201) {
      throw new IllegalStateException("accepting the invitation failed: " + accepted);
    }
    return api.loginFrom(accepted);
  }
}
