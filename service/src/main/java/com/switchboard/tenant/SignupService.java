package com.switchboard.tenant;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.PasswordHasher;
import com.switchboard.auth.Role;
import com.switchboard.auth.SessionService;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.db.UniqueNames;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.platform.limits.RateLimiter;
import com.switchboard.platform.limits.RateLimiter.Limit;
import com.switchboard.user.TimeZones;
import com.switchboard.user.User;
import com.switchboard.user.UserDao;
import com.switchboard.user.UserId;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Creates an organization with its first owner, who is logged in at once. Signups are limited per
 * client address and per email ({@link SignupLimits}), counted in PostgreSQL in the signup's own
 * transaction, so only organizations actually created count.
 */
public class SignupService {
  public record SignupResult(Tenant tenant, User owner, SessionService.IssuedSession session) {}

  static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");

  private final TenantDatabase db;
  private final PasswordHasher passwords;
  private final SessionService sessions;
  private final AuditLog audit;
  private final RateLimiter limiter;
  private final SignupLimits limits;
  private final Clock clock;

  public SignupService(
      TenantDatabase db,
      PasswordHasher passwords,
      SessionService sessions,
      AuditLog audit,
      RateLimiter limiter,
      SignupLimits limits,
      Clock clock) {
    this.db = db;
    this.passwords = passwords;
    this.sessions = sessions;
    this.audit = audit;
    this.limiter = limiter;
    this.limits = limits;
    this.clock = clock;
  }

  public SignupResult signup(SignupRequest request, String clientIp) {
    String slug = request.slug() == null ? slugOf(request.organization()) : request.slug();
    if (!SLUG.matcher(slug).matches()) {
      throw new ValidationException(
          request.slug() == null ? "organization" : "slug",
          "must give a slug of 1-40 lower-case letters, digits and inner hyphens");
    }
    String zone =
        request.timeZone() == null ? "UTC" : TimeZones.require("timeZone", request.timeZone());
    String email = request.email().trim().toLowerCase(Locale.ROOT);
    List<Limit> counted = limits.limitsFor(email, clientIp);
    // A look before the costly hash; the count itself is taken in the signup's transaction.
    db.unscoped().useHandle(h -> limiter.check(h, counted));
    String hash = passwords.hash(request.password());
    Instant now = clock.instant();
    Tenant tenant = new Tenant(TenantId.random(), slug, request.organization().trim(), now);
    User owner =
        new User(
            tenant.id(),
            UserId.random(),
            email,
            request.name().trim(),
            hash,
            Role.OWNER,
            zone,
            true,
            false,
            now,
            now);
    return UniqueNames.orConflict(
        "the organization slug '" + slug + "' is taken; choose another slug",
        () ->
            db.unscoped()
                .inTransaction(
                    h -> {
                      limiter.acquire(h, counted);
                      Daos.on(h, TenantDao.class).insert(tenant);
                      TenantDatabase.enterTenant(h, tenant.id());
                      Daos.on(h, UserDao.class).insert(owner);
                      SessionService.IssuedSession session =
                          sessions.open(h, tenant.id(), owner.id(), clientIp);
                      audit.record(
                          h,
                          SessionService.callerFor(owner, null, clientIp),
                          "tenant.created",
                          "tenant",
                          tenant.id(),
                          "created organization " + tenant.name() + " (" + slug + ")");
                      return new SignupResult(tenant, owner, session);
                    }));
  }

  /** "Acme Corp. (EU)" → "acme-corp-eu". */
  static String slugOf(String organization) {
    String ascii =
        Normalizer.normalize(organization, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > 40) {
      slug = slug.substring(0, 40).replaceAll("-+$", "");
    }
    return slug;
  }
}
