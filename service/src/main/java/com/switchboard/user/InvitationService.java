package com.switchboard.user;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.auth.PasswordHasher;
import com.switchboard.auth.SessionService;
import com.switchboard.auth.Tokens;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.ConflictException;
import com.switchboard.platform.errors.ForbiddenException;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.tenant.Tenant;
import com.switchboard.tenant.TenantDao;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Invites people by email and turns accepted invitations into users. Until the notification layer
 * exists the email is not sent: the accept link is returned to the inviter once.
 */
public class InvitationService {
  /** A new invitation with its one-time accept link. */
  public record CreatedInvitation(Invitation invitation, String acceptUrl) {}

  public record Accepted(Tenant tenant, User user, SessionService.IssuedSession session) {}

  static final Duration LIFETIME = Duration.ofDays(7);

  private final TenantDatabase db;
  private final PasswordHasher passwords;
  private final SessionService sessions;
  private final AuditLog audit;
  private final Clock clock;
  private final String publicUrl;

  public InvitationService(
      TenantDatabase db,
      PasswordHasher passwords,
      SessionService sessions,
      AuditLog audit,
      Clock clock,
      String publicUrl) {
    this.db = db;
    this.passwords = passwords;
    this.sessions = sessions;
    this.audit = audit;
    this.clock = clock;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** Inviting an address that has a pending invitation replaces it (a re-send). */
  public CreatedInvitation invite(Caller caller, UserRequests.Invite request) {
    if (!caller.role().mayGrant(request.role())) {
      throw new ForbiddenException("a " + caller.role() + " may not invite a " + request.role());
    }
    String email = request.email().trim().toLowerCase(Locale.ROOT);
    String token = Tokens.issue(Tokens.INVITATION, caller.tenantId());
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    Invitation invitation =
        db.inTenant(
            caller.tenantId(),
            h -> {
              if (Daos.on(h, UserDao.class).findByEmail(caller.tenantId(), email).isPresent()) {
                throw new ConflictException(email + " is already a member");
              }
              InvitationDao invitations = Daos.on(h, InvitationDao.class);
              invitations.revokePendingFor(caller.tenantId(), email, now);
              invitations.insert(
                  caller.tenantId(),
                  id,
                  email,
                  request.role(),
                  Tokens.sha256(token),
                  caller.userId(),
                  now,
                  now.plus(LIFETIME));
              audit.record(
                  h,
                  caller,
                  "invitation.created",
                  "invitation",
                  id,
                  "invited " + email + " as " + request.role());
              return invitations.findById(caller.tenantId(), id).orElseThrow();
            });
    return new CreatedInvitation(
        invitation,
        publicUrl + "/accept-invitation?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  public List<Invitation> listPending(Caller caller) {
    return db.inTenant(
        caller.tenantId(),
        h -> Daos.on(h, InvitationDao.class).listPending(caller.tenantId(), clock.instant()));
  }

  public void revoke(Caller caller, UUID id) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          InvitationDao invitations = Daos.on(h, InvitationDao.class);
          Invitation invitation =
              invitations
                  .findById(caller.tenantId(), id)
                  .orElseThrow(() -> new NotFoundException("invitation"));
          if (invitations.revoke(caller.tenantId(), id, clock.instant()) > 0) {
            audit.record(
                h,
                caller,
                "invitation.revoked",
                "invitation",
                id,
                "revoked invitation of " + invitation.email());
          }
        });
  }

  public Accepted accept(UserRequests.AcceptInvitation request, String clientIp) {
    Tokens.Parsed parsed =
        Tokens.parse(Tokens.INVITATION, request.token().trim())
            .orElseThrow(() -> new NotFoundException("invitation"));
    String zone =
        request.timeZone() == null ? "UTC" : TimeZones.require("timeZone", request.timeZone());
    String hash = passwords.hash(request.password());
    Tenant tenant =
        db.unscoped()
            .withExtension(TenantDao.class, t -> t.findById(parsed.tenantId()))
            .orElseThrow(() -> new NotFoundException("invitation"));
    return db.inTenant(
        tenant.id(),
        h -> {
          Instant now = clock.instant();
          InvitationDao invitations = Daos.on(h, InvitationDao.class);
          Invitation invitation =
              invitations
                  .lockByTokenHash(tenant.id(), parsed.hash())
                  .orElseThrow(() -> new NotFoundException("invitation"));
          if (invitation.acceptedAt() != null) {
            throw new ConflictException("this invitation was already accepted; log in instead");
          }
          if (!invitation.isPending(now)) {
            throw new ConflictException(
                "this invitation has expired or was revoked; ask for a new one");
          }
          UserDao users = Daos.on(h, UserDao.class);
          if (users.findByEmail(tenant.id(), invitation.email()).isPresent()) {
            throw new ConflictException(invitation.email() + " is already a member");
          }
          User user =
              new User(
                  tenant.id(),
                  UserId.random(),
                  invitation.email(),
                  request.name().trim(),
                  hash,
                  invitation.role(),
                  zone,
                  true,
                  false,
                  now,
                  now);
          users.insert(user);
          invitations.markAccepted(tenant.id(), invitation.id(), user.id(), now);
          SessionService.IssuedSession session = sessions.open(h, tenant.id(), user.id(), clientIp);
          audit.record(
              h,
              SessionService.callerFor(user, null, clientIp),
              "invitation.accepted",
              "user",
              user.id(),
              user.email() + " joined as " + user.role());
          return new Accepted(tenant, user, session);
        });
  }
}
