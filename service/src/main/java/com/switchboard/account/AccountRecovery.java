package com.switchboard.account;

import com.switchboard.account.PasswordResetDao.Reset;
import com.switchboard.audit.AuditLog;
import com.switchboard.auth.PasswordHasher;
import com.switchboard.auth.SessionDao;
import com.switchboard.auth.SessionService;
import com.switchboard.auth.Tokens;
import com.switchboard.notify.Channel;
import com.switchboard.notify.DirectMessenger;
import com.switchboard.notify.SendResult;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.ApiException;
import com.switchboard.platform.errors.TooManyRequestsException;
import com.switchboard.platform.limits.RateLimiter;
import com.switchboard.platform.limits.RateLimiter.Limit;
import com.switchboard.tenant.Tenant;
import com.switchboard.tenant.TenantDao;
import com.switchboard.tenant.TenantId;
import com.switchboard.user.User;
import com.switchboard.user.UserDao;
import com.switchboard.user.UserId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Forgot password" and "forgot sign-in name", for people who cannot sign in. Neither answer says
 * whether an address has an account: a request does the same lookups and counts either way, and the
 * email goes out after the answer, from the send pool. Emails are limited per address and per
 * organization without telling the client (over the limit nothing is sent), and requests per client
 * address with a 429 ({@link RecoverySettings}).
 */
public class AccountRecovery {
  /** The one answer to every recovery request that is not refused outright. */
  public static final String ACCEPTED =
      "If this address has an account, an email is on its way; it can take a few minutes.";

  private static final Logger LOG = LoggerFactory.getLogger(AccountRecovery.class);

  private final TenantDatabase db;
  private final PasswordHasher passwords;
  private final RateLimiter limiter;
  private final RecoverySettings settings;
  private final DirectMessenger messenger;
  private final Executor sender;
  private final AuditLog audit;
  private final Clock clock;
  private final String publicUrl;

  public AccountRecovery(
      TenantDatabase db,
      PasswordHasher passwords,
      RateLimiter limiter,
      RecoverySettings settings,
      DirectMessenger messenger,
      Executor sender,
      AuditLog audit,
      Clock clock,
      String publicUrl) {
    this.db = db;
    this.passwords = passwords;
    this.limiter = limiter;
    this.settings = settings;
    this.messenger = messenger;
    this.sender = sender;
    this.audit = audit;
    this.clock = clock;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** Emails a single-use reset link when the organization has an active user with this email. */
  public void requestReset(String tenantSlug, String email, String clientIp) {
    String slug = tenantSlug.trim().toLowerCase(Locale.ROOT);
    String address = email.trim().toLowerCase(Locale.ROOT);
    boolean mayEmail = count(clientIp, settings.resetEmail(slug, address));
    Optional<Tenant> tenant = db.unscoped().withExtension(TenantDao.class, t -> t.findBySlug(slug));
    // A token is made and hashed for unknown accounts too, so both take the same time.
    String token =
        Tokens.issue(Tokens.PASSWORD_RESET, tenant.map(Tenant::id).orElseGet(TenantId::random));
    byte[] hash = Tokens.sha256(token);
    if (tenant.isEmpty()) {
      return;
    }
    Tenant org = tenant.get();
    Optional<User> sendTo =
        db.inTenant(
            org.id(),
            h -> {
              Optional<User> user =
                  Daos.on(h, UserDao.class).findByEmail(org.id(), address).filter(User::active);
              if (user.isEmpty()) {
                return Optional.empty();
              }
              Instant now = clock.instant();
              if (mayEmail) {
                Daos.on(h, PasswordResetDao.class)
                    .insert(
                        org.id(),
                        UUID.randomUUID(),
                        user.get().id(),
                        hash,
                        now,
                        now.plus(settings.resetLinkLifetime.toJavaDuration()),
                        clientIp);
              }
              audit.record(
                  h,
                  SessionService.callerFor(user.get(), null, clientIp),
                  "user.password_reset_requested",
                  "user",
                  user.get().id(),
                  mayEmail
                      ? "password reset link emailed to " + address
                      : "password reset link not sent: over the limit of "
                          + settings.emailsPerAddressPerHour
                          + " an hour");
              return mayEmail ? user : Optional.<User>empty();
            });
    sendTo.ifPresent(
        user ->
            sendLater(
                org.slug(),
                user.email(),
                "Reset your Switchboard password",
                "Someone, hopefully you, asked to reset the password of "
                    + user.email()
                    + " at "
                    + org.name()
                    + " ("
                    + org.slug()
                    + ") on Switchboard.\n\nChoose a new password here within "
                    + minutes(settings)
                    + " minutes (the link works once):\n"
                    + publicUrl
                    + "/reset-password?token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8)
                    + "\n\nIf you did not ask, ignore this email: your password stays as it is."));
  }

  /**
   * Sets a new password with an emailed link: the link and every other open link of the user are
   * used up, and every session of the user ends.
   */
  public void confirmReset(String token, String password, String clientIp) {
    Tokens.Parsed parsed =
        Tokens.parse(Tokens.PASSWORD_RESET, token.trim()).orElseThrow(AccountRecovery::invalid);
    Tenant tenant =
        db.unscoped()
            .withExtension(TenantDao.class, t -> t.findById(parsed.tenantId()))
            .orElseThrow(AccountRecovery::invalid);
    // Checked before the costly hash, and again under the row lock after it.
    db.useTenant(tenant.id(), h -> usableLink(h, tenant.id(), parsed.hash()));
    String hash = passwords.hash(password);
    db.useTenant(
        tenant.id(),
        h -> {
          User user = usableLink(h, tenant.id(), parsed.hash());
          Instant now = clock.instant();
          Daos.on(h, UserDao.class).setPassword(tenant.id(), user.id(), hash, now);
          Daos.on(h, PasswordResetDao.class).useAllOf(tenant.id(), user.id(), now);
          Daos.on(h, SessionDao.class).deleteForUser(tenant.id(), user.id());
          audit.record(
              h,
              SessionService.callerFor(user, null, clientIp),
              "user.password_reset",
              "user",
              user.id(),
              "password reset with an emailed link; every session ended");
        });
  }

  /** Emails the address the organizations where it has an active user, one email for each. */
  public void remindSignInNames(String email, String clientIp) {
    String address = email.trim().toLowerCase(Locale.ROOT);
    boolean mayEmail = count(clientIp, settings.reminderEmail(address));
    List<TenantId> organizations =
        db.unscoped()
            .inTransaction(
                h -> {
                  h.createQuery(
                          "SELECT set_config('switchboard.scope', 'sign-in-name-reminder', true)")
                      .mapTo(String.class)
                      .one();
                  return h.createQuery(
                          "SELECT tenant_id FROM users WHERE email = :email AND active"
                              + " ORDER BY tenant_id")
                      .bind("email", address)
                      .map((rs, ctx) -> new TenantId(rs.getObject("tenant_id", UUID.class)))
                      .list();
                });
    if (!mayEmail) {
      return;
    }
    for (TenantId organization : organizations) {
      // Each organization's email names that organization only, and is its own: no tenant's
      // records (its outbox, its audit log) show that the address belongs to another one.
      Optional<Tenant> tenant =
          db.inTenant(
              organization,
              h -> {
                Optional<User> user =
                    Daos.on(h, UserDao.class)
                        .findByEmail(organization, address)
                        .filter(User::active);
                user.ifPresent(
                    u ->
                        audit.record(
                            h,
                            SessionService.callerFor(u, null, clientIp),
                            "user.sign_in_name_reminded",
                            "user",
                            u.id(),
                            "sign-in name emailed to " + address));
                return user.flatMap(u -> Daos.on(h, TenantDao.class).findById(organization));
              });
      tenant.ifPresent(
          org ->
              sendLater(
                  org.slug(),
                  address,
                  "Your Switchboard sign-in name",
                  "Someone, hopefully you, asked where "
                      + address
                      + " signs in to Switchboard.\n\nOrganization: "
                      + org.name()
                      + "\nSign-in name: "
                      + org.slug()
                      + "\n\nSign in at "
                      + publicUrl
                      + "/login with this sign-in name, your email and your password. If you"
                      + " did not ask, ignore this email."));
    }
  }

  /**
   * Counts one recovery request of the client, or refuses it with 429; then counts one email
   * against {@code silent}, or answers false when one of those is spent (nothing is sent, and the
   * client is not told).
   */
  private boolean count(String clientIp, List<Limit> silent) {
    return db.unscoped()
        .inTransaction(
            h -> {
              if (clientIp != null) {
                limiter.acquire(h, List.of(settings.client(clientIp)));
              }
              try {
                limiter.acquire(h, silent);
                return true;
              } catch (TooManyRequestsException spent) {
                return false;
              }
            });
  }

  /** The user of a link that still works, locked until the transaction ends. */
  private User usableLink(Handle h, TenantId tenant, byte[] tokenHash) {
    Reset reset =
        Daos.on(h, PasswordResetDao.class)
            .lockByTokenHash(tenant, tokenHash)
            .orElseThrow(AccountRecovery::invalid);
    if (reset.usedAt() != null) {
      throw new ApiException(
          410, "reset_link_used", "this password reset link was already used; ask for a new one");
    }
    if (!reset.expiresAt().isAfter(clock.instant())) {
      throw new ApiException(
          410, "reset_link_expired", "this password reset link has expired; ask for a new one");
    }
    return Daos.on(h, UserDao.class)
        .findById(tenant, new UserId(reset.userId()))
        .filter(User::active)
        .orElseThrow(AccountRecovery::invalid);
  }

  private static ApiException invalid() {
    return new ApiException(
        400, "invalid_reset_link", "this password reset link is not valid; ask for a new one");
  }

  private void sendLater(String tenantSlug, String to, String subject, String text) {
    try {
      sender.execute(
          () -> {
            SendResult sent = messenger.send(tenantSlug, Channel.EMAIL, to, subject, text);
            if (!sent.accepted()) {
              LOG.warn("account recovery email for {} not sent: {}", tenantSlug, sent.error());
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.warn("account recovery email for {} not sent: the send pool is full", tenantSlug);
    }
  }

  private static long minutes(RecoverySettings settings) {
    return settings.resetLinkLifetime.toJavaDuration().toMinutes();
  }
}
