package com.switchboard.auth;

import com.switchboard.audit.AuditLog;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.UnauthorizedException;
import com.switchboard.tenant.Tenant;
import com.switchboard.tenant.TenantDao;
import com.switchboard.tenant.TenantId;
import com.switchboard.user.User;
import com.switchboard.user.UserDao;
import com.switchboard.user.UserId;
import com.switchboard.user.UserView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Logs people in and out and resolves session tokens to callers. */
public class SessionService {
  /** A freshly issued session: the token goes in an HttpOnly cookie, the CSRF token to the app. */
  public record IssuedSession(String token, String csrfToken, Instant expiresAt) {}

  /** {@code device}: a fresh device cookie for the browser (see {@link DeviceCookies}). */
  public record LoginResult(
      Tenant tenant, User user, IssuedSession session, DeviceCookies.Issued device) {}

  private static final String BAD_LOGIN = "wrong organization, email or password";

  private final TenantDatabase db;
  private final PasswordHasher passwords;
  private final LoginThrottle throttle;
  private final DeviceCookies devices;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration sessionLifetime;

  public SessionService(
      TenantDatabase db,
      PasswordHasher passwords,
      LoginThrottle throttle,
      DeviceCookies devices,
      AuditLog audit,
      Clock clock,
      Duration sessionLifetime) {
    this.db = db;
    this.passwords = passwords;
    this.throttle = throttle;
    this.devices = devices;
    this.audit = audit;
    this.clock = clock;
    this.sessionLifetime = sessionLifetime;
  }

  /**
   * {@code deviceToken}: the browser's device cookie, if it sent one; it exempts the browser from
   * the failed-login limits strangers can spend (see {@link LoginThrottle}).
   */
  public LoginResult login(
      String tenantSlug, String email, String password, String clientIp, String deviceToken) {
    String normalizedEmail = email.trim().toLowerCase(Locale.ROOT);
    String accountKey = tenantSlug.toLowerCase(Locale.ROOT) + "/" + normalizedEmail;
    LoginThrottle.Attempt attempt =
        throttle.begin(
            accountKey, clientIp, devices.deviceId(deviceToken, accountKey).orElse(null));

    Optional<Tenant> tenant =
        db.unscoped().withExtension(TenantDao.class, t -> t.findBySlug(tenantSlug));
    Optional<User> user =
        tenant.flatMap(
            t ->
                db.inTenant(
                    t.id(), h -> Daos.on(h, UserDao.class).findByEmail(t.id(), normalizedEmail)));
    boolean verified;
    if (user.isPresent() && user.get().active()) {
      verified = passwords.matches(password, user.get().passwordHash());
    } else {
      passwords.burnTimeOfOneCheck(password);
      verified = false;
    }
    if (!verified) {
      user.ifPresent(
          u ->
              db.useTenant(
                  u.tenantId(),
                  h ->
                      audit.record(
                          h,
                          callerFor(u, null, clientIp),
                          "user.login_failed",
                          "user",
                          u.id(),
                          "failed login for " + u.email())));
      throw new UnauthorizedException(BAD_LOGIN);
    }
    User member = user.get();
    IssuedSession session =
        db.inTenant(
            member.tenantId(),
            h -> {
              throttle.succeeded(h, attempt);
              IssuedSession issued = open(h, member.tenantId(), member.id(), clientIp);
              audit.record(
                  h,
                  callerFor(member, null, clientIp),
                  "user.logged_in",
                  "user",
                  member.id(),
                  "logged in");
              return issued;
            });
    return new LoginResult(tenant.get(), member, session, devices.issue(accountKey));
  }

  /** Creates a session inside the caller's transaction (signup and invitations use it too). */
  public IssuedSession open(Handle handle, TenantId tenant, UserId user, String clientIp) {
    String token = Tokens.issue(Tokens.SESSION, tenant);
    String csrf = Tokens.randomSecret(24);
    Instant now = clock.instant();
    Instant expires = now.plus(sessionLifetime);
    Daos.on(handle, SessionDao.class)
        .insert(
            tenant, UUID.randomUUID(), user, Tokens.sha256(token), csrf, now, expires, clientIp);
    return new IssuedSession(token, csrf, expires);
  }

  public void logout(Caller caller) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          Daos.on(h, SessionDao.class).delete(caller.tenantId(), caller.credentialId());
          audit.record(h, caller, "user.logged_out", "user", caller.userId(), "logged out");
        });
  }

  /** The caller's tenant and user as they are now. */
  public SessionView describe(Caller caller) {
    Tenant tenant =
        db.unscoped()
            .withExtension(TenantDao.class, t -> t.findById(caller.tenantId()))
            .orElseThrow();
    User user =
        db.inTenant(
                caller.tenantId(),
                h -> Daos.on(h, UserDao.class).findById(caller.tenantId(), caller.userId()))
            .orElseThrow();
    return new SessionView(
        SessionView.TenantView.of(tenant),
        UserView.of(user),
        caller.role(),
        caller.method(),
        caller.csrfToken(),
        null);
  }

  public Optional<Caller> authenticate(Credentials credentials) {
    return Tokens.parse(Tokens.SESSION, credentials.token())
        .flatMap(
            parsed ->
                db.inTenant(
                    parsed.tenantId(),
                    h ->
                        Daos.on(h, SessionDao.class)
                            .findCaller(parsed.tenantId(), parsed.hash(), clock.instant())
                            .map(
                                row ->
                                    toCaller(
                                        parsed.tenantId(), row, AuthMethod.SESSION, credentials))));
  }

  static Caller toCaller(
      TenantId tenant, CallerRow row, AuthMethod method, Credentials credentials) {
    return new Caller(
        tenant,
        row.userId(),
        row.email(),
        row.name(),
        row.role(),
        method,
        row.credentialId(),
        row.csrfToken(),
        credentials.clientIp());
  }

  public static Caller callerFor(User user, UUID sessionId, String clientIp) {
    return new Caller(
        user.tenantId(),
        user.id(),
        user.email(),
        user.name(),
        user.role(),
        AuthMethod.SESSION,
        sessionId,
        null,
        clientIp);
  }
}
