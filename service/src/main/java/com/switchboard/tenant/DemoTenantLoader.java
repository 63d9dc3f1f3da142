package com.switchboard.tenant;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.PasswordHasher;
import com.switchboard.auth.Role;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.team.ServiceDao;
import com.switchboard.team.TeamDao;
import com.switchboard.team.TeamKind;
import com.switchboard.user.User;
import com.switchboard.user.UserDao;
import com.switchboard.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the {@code demo} tenant when it is absent, so a newcomer can try every screen at once. For
 * local use only: every demo user shares the published password. Each capability adds its part of
 * the demo here.
 */
public class DemoTenantLoader {
  public static final String SLUG = "demo";
  public static final String OWNER_EMAIL = "owner@demo.test";
  public static final String PASSWORD = "switchboard-demo";

  private static final Logger LOG = LoggerFactory.getLogger(DemoTenantLoader.class);

  private record DemoUser(String email, String name, Role role, String timeZone) {}

  private static final List<DemoUser> USERS =
      List.of(
          new DemoUser(OWNER_EMAIL, "Olivia Owner", Role.OWNER, "America/New_York"),
          new DemoUser("admin@demo.test", "Adam Admin", Role.ADMIN, "Europe/Berlin"),
          new DemoUser("alice@demo.test", "Alice Engineer", Role.RESPONDER, "America/New_York"),
          new DemoUser("bob@demo.test", "Bob Engineer", Role.RESPONDER, "America/Chicago"),
          new DemoUser("carol@demo.test", "Carol Engineer", Role.RESPONDER, "Europe/London"),
          new DemoUser("dave@demo.test", "Dave Engineer", Role.RESPONDER, "Asia/Kolkata"),
          new DemoUser("sam@demo.test", "Sam Specialist", Role.AGENT, "America/New_York"),
          new DemoUser("tara@demo.test", "Tara Specialist", Role.AGENT, "America/Los_Angeles"),
          new DemoUser("uma@demo.test", "Uma Specialist", Role.AGENT, "America/New_York"),
          new DemoUser("victor@demo.test", "Victor Viewer", Role.VIEWER, "UTC"));

  private final TenantDatabase db;
  private final PasswordHasher passwords;
  private final AuditLog audit;
  private final Clock clock;

  public DemoTenantLoader(
      TenantDatabase db, PasswordHasher passwords, AuditLog audit, Clock clock) {
    this.db = db;
    this.passwords = passwords;
    this.audit = audit;
    this.clock = clock;
  }

  /** Returns true if it created the tenant, false if one with the demo slug already existed. */
  public boolean loadIfAbsent() {
    if (db.unscoped().withExtension(TenantDao.class, t -> t.findBySlug(SLUG)).isPresent()) {
      LOG.info("Demo tenant '{}' already present; leaving it as it is", SLUG);
      return false;
    }
    String hash = passwords.hash(PASSWORD);
    Instant now = clock.instant();
    Tenant tenant = new Tenant(TenantId.random(), SLUG, "Demo Company", now);
    db.unscoped()
        .useTransaction(
            h -> {
              h.attach(TenantDao.class).insert(tenant);
              TenantDatabase.enterTenant(h, tenant.id());
              Map<String, UserId> users = new LinkedHashMap<>();
              for (DemoUser demo : USERS) {
                User user =
                    new User(
                        tenant.id(),
                        UserId.random(),
                        demo.email(),
                        demo.name(),
                        hash,
                        demo.role(),
                        demo.timeZone(),
                        true,
                        now,
                        now);
                h.attach(UserDao.class).insert(user);
                users.put(demo.email(), user.id());
              }
              TeamDao teams = h.attach(TeamDao.class);
              UUID payments = UUID.randomUUID();
              teams.insert(
                  tenant.id(),
                  payments,
                  "Payments",
                  TeamKind.ENGINEERING,
                  "Checkout, billing and the payments ledger.",
                  now);
              UUID identity = UUID.randomUUID();
              teams.insert(
                  tenant.id(),
                  identity,
                  "Identity",
                  TeamKind.ENGINEERING,
                  "Sign-in, accounts and single sign-on.",
                  now);
              UUID support = UUID.randomUUID();
              teams.insert(
                  tenant.id(),
                  support,
                  "Premium Support",
                  TeamKind.SUPPORT,
                  "Specialists for premium customers, around the clock.",
                  now);
              for (String email :
                  List.of(
                      "alice@demo.test", "bob@demo.test", "carol@demo.test", "dave@demo.test")) {
                teams.addMember(tenant.id(), payments, users.get(email), now);
              }
              teams.addMember(tenant.id(), identity, users.get("carol@demo.test"), now);
              teams.addMember(tenant.id(), identity, users.get("dave@demo.test"), now);
              for (String email : List.of("sam@demo.test", "tara@demo.test", "uma@demo.test")) {
                teams.addMember(tenant.id(), support, users.get(email), now);
              }
              ServiceDao services = h.attach(ServiceDao.class);
              services.insert(
                  tenant.id(),
                  UUID.randomUUID(),
                  "Checkout API",
                  "Takes orders and payments from the web shop and the apps.",
                  payments,
                  now);
              services.insert(
                  tenant.id(),
                  UUID.randomUUID(),
                  "Payments Ledger",
                  "Double-entry ledger behind refunds and payouts.",
                  payments,
                  now);
              services.insert(
                  tenant.id(),
                  UUID.randomUUID(),
                  "Login Service",
                  "Password and SSO login for customers.",
                  identity,
                  now);
              services.insert(
                  tenant.id(),
                  UUID.randomUUID(),
                  "Customer Help Center",
                  "The premium customers' support portal and chat.",
                  support,
                  now);
              audit.recordSystem(
                  h,
                  tenant.id(),
                  "tenant.demo_loaded",
                  "tenant",
                  tenant.id(),
                  "loaded the demo tenant");
            });
    LOG.info(
        "Loaded demo tenant '{}': log in as {} with password '{}' (local use only)",
        SLUG,
        OWNER_EMAIL,
        PASSWORD);
    return true;
  }
}
