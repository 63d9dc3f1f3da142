package com.switchboard.account;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.AuthMethod;
import com.switchboard.auth.Caller;
import com.switchboard.auth.LoginThrottle;
import com.switchboard.auth.PasswordHasher;
import com.switchboard.auth.SessionDao;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.BadRequestException;
import com.switchboard.platform.errors.ForbiddenException;
import com.switchboard.tenant.TenantDao;
import com.switchboard.user.User;
import com.switchboard.user.UserDao;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * A signed-in person changes their own password. The current password is checked like a login and
 * counts against the same failed-login limits ({@link LoginThrottle}), so a borrowed session cannot
 * be used to guess it. Every other session of the user ends and open reset links are used up; the
 * session that made the change stays.
 */
public class PasswordChange {
  private final TenantDatabase db;
  private final PasswordHasher passwords;
  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final Clock clock;

  public PasswordChange(
      TenantDatabase db,
      PasswordHasher passwords,
      LoginThrottle throttle,
      AuditLog audit,
      Clock clock) {
    this.db = db;
    this.passwords = passwords;
    this.throttle = throttle;
    this.audit = audit;
    this.clock = clock;
  }

  public void change(Caller caller, String currentPassword, String newPassword) {
    if (caller.method() != AuthMethod.SESSION) {
      throw new ForbiddenException("only a signed-in user may change their password");
    }
    String slug =
        db.unscoped()
            .withExtension(TenantDao.class, t -> t.findById(caller.tenantId()))
            .orElseThrow()
            .slug();
    User user =
        db.inTenant(
                caller.tenantId(),
                h -> Daos.on(h, UserDao.class).findById(caller.tenantId(), caller.userId()))
            .orElseThrow();
    LoginThrottle.Attempt attempt =
        throttle.begin(slug.toLowerCase(Locale.ROOT) + "/" + user.email(), caller.clientIp(), null);
    if (!passwords.matches(currentPassword, user.passwordHash())) {
      throw new BadRequestException(
          "wrong_password", "currentPassword", "is not your current password");
    }
    String hash = passwords.hash(newPassword);
    db.useTenant(
        caller.tenantId(),
        h -> {
          Instant now = clock.instant();
          throttle.succeeded(h, attempt);
          Daos.on(h, UserDao.class).setPassword(caller.tenantId(), caller.userId(), hash, now);
          Daos.on(h, SessionDao.class)
              .deleteOthersOfUser(caller.tenantId(), caller.userId(), caller.credentialId());
          Daos.on(h, PasswordResetDao.class).useAllOf(caller.tenantId(), caller.userId(), now);
          audit.record(
              h,
              caller,
              "user.password_changed",
              "user",
              caller.userId(),
              "changed their password; their other sessions ended");
        });
  }
}
