package com.switchboard.tenant;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.auth.PasswordHasher;
import com.switchboard.auth.Role;
import com.switchboard.auth.SessionService;
import com.switchboard.contact.ContactDao;
import com.switchboard.escalation.EscalationPolicy.TargetType;
import com.switchboard.escalation.EscalationPolicy.TeamMode;
import com.switchboard.escalation.EscalationPolicyDao;
import com.switchboard.notify.Channel;
import com.switchboard.notify.sms.SmsNumberDao;
import com.switchboard.paging.Urgency;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.schedule.ScheduleRequests.CreateOverride;
import com.switchboard.schedule.ScheduleRequests.CreateSchedule;
import com.switchboard.schedule.ScheduleRequests.LayerInput;
import com.switchboard.schedule.ScheduleRequests.TurnInput;
import com.switchboard.schedule.ScheduleRequests.TurnKind;
import com.switchboard.schedule.ScheduleRequests.WindowInput;
import com.switchboard.schedule.ScheduleService;
import com.switchboard.schedule.ScheduleViews.ScheduleView;
import com.switchboard.team.ServiceDao;
import com.switchboard.team.TeamDao;
import com.switchboard.team.TeamKind;
import com.switchboard.user.User;
import com.switchboard.user.UserDao;
import com.switchboard.user.UserId;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
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
  public static final String AGENT_EMAIL = "agent@demo.test";

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
          new DemoUser(AGENT_EMAIL, "Avery Agent", Role.AGENT, "America/New_York"),
          new DemoUser("victor@demo.test", "Victor Viewer", Role.VIEWER, "UTC"));

  private final TenantDatabase db;
  private final PasswordHasher passwords;
  private final ScheduleService schedules;
  private final AuditLog audit;
  private final Clock clock;

  public DemoTenantLoader(
      TenantDatabase db,
      PasswordHasher passwords,
      ScheduleService schedules,
      AuditLog audit,
      Clock clock) {
    this.db = db;
    this.passwords = passwords;
    this.schedules = schedules;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The weekly Payments rotation (hand-off Mondays 09:00 New York) and the Premium Support
   * off-hours rotation (weeknights 18:00-09:00 and whole weekends, New York), with one override.
   */
  private List<UUID> loadSchedules(
      Handle h, Caller owner, Map<String, UserId> users, UUID payments, UUID support, Instant now) {
    ZoneId newYork = ZoneId.of("America/New_York");
    LocalTime nine = LocalTime.of(9, 0);
    LocalTime six = LocalTime.of(18, 0);
    ZonedDateTime mondayNine =
        now.atZone(newYork).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).with(nine);
    // On a Monday before 09:00 this week's hand-off is still ahead: start a week earlier.
    Instant lastMonday =
        (mondayNine.toInstant().isAfter(now) ? mondayNine.minusWeeks(1) : mondayNine).toInstant();
    TurnInput weeklyOnMondays = new TurnInput(TurnKind.WEEKLY, null, DayOfWeek.MONDAY, nine);
    ScheduleView primary =
        schedules.create(
            h,
            owner,
            new CreateSchedule(
                "Payments Primary",
                "America/New_York",
                "Payments engineers, one week each, handing off Mondays 09:00 New York time.",
                payments,
                List.of(
                    new LayerInput(
                        "Weekly rotation",
                        lastMonday,
                        weeklyOnMondays,
                        ids(
                            users,
                            "alice@demo.test",
                            "bob@demo.test",
                            "carol@demo.test",
                            "dave@demo.test"),
                        List.of()))));
    List<WindowInput> offHours = new ArrayList<>();
    for (DayOfWeek night :
        List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY)) {
      offHours.add(new WindowInput(night, six, night.plus(1), nine));
    }
    offHours.add(new WindowInput(DayOfWeek.FRIDAY, six, DayOfWeek.MONDAY, nine));
    ScheduleView offHoursSchedule =
        schedules.create(
            h,
            owner,
            new CreateSchedule(
                "Premium Support Off-Hours",
                "America/New_York",
                "Premium-support specialists on weeknights 18:00-09:00 and whole weekends.",
                support,
                List.of(
                    new LayerInput(
                        "Off-hours rotation",
                        lastMonday,
                        weeklyOnMondays,
                        ids(users, "sam@demo.test", "tara@demo.test", "uma@demo.test"),
                        offHours))));
    ZonedDateTime nextWednesday =
        now.atZone(newYork).with(TemporalAdjusters.next(DayOfWeek.WEDNESDAY)).with(six);
    schedules.createOverrides(
        h,
        owner,
        offHoursSchedule.id(),
        List.of(
            new CreateOverride(
                users.get("uma@demo.test").value(),
                nextWednesday.toInstant(),
                nextWednesday.plusHours(15).toInstant(),
                "Uma covers Wednesday night")));
    List<WindowInput> daytime = new ArrayList<>();
    for (DayOfWeek day :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)) {
      daytime.add(new WindowInput(day, nine, day, six));
    }
    ScheduleView daytimeSchedule =
        schedules.create(
            h,
            owner,
            new CreateSchedule(
                "Premium Support Daytime",
                "America/New_York",
                "Premium-support specialists on weekdays 09:00-18:00, a day each.",
                support,
                List.of(
                    new LayerInput(
                        "Daytime rotation",
                        lastMonday,
                        new TurnInput(TurnKind.DAYS, 1, null, null),
                        ids(users, "tara@demo.test", "uma@demo.test", "sam@demo.test"),
                        daytime))));
    return List.of(primary.id(), offHoursSchedule.id(), daytimeSchedule.id());
  }

  /**
   * Every demo user can be paged: a verified SMS number (+1 555 010 00NN, answered from the outbox)
   * and email. High urgency: SMS at once, email after 2 minutes; low urgency: email. Checkout API
   * and Payments Ledger page the Payments on-call engineer, then after 5 minutes the whole Payments
   * team, once more after that; the Help Center pages the Premium Support off-hours specialist;
   * Login Service pages Identity in turn.
   */
  private void loadPaging(
      Handle h,
      TenantId tenant,
      Map<String, UserId> users,
      UUID payments,
      UUID identity,
      UUID support,
      List<UUID> scheduleIds,
      Map<String, UUID> serviceIds,
      Instant now) {
    ContactDao contacts = Daos.on(h, ContactDao.class);
    int n = 1;
    for (Map.Entry<String, UserId> user : users.entrySet()) {
      UUID userId = user.getValue().value();
      String phone = String.format("+1555010%04d", n++);
      UUID sms = UUID.randomUUID();
      UUID email = UUID.randomUUID();
      contacts.insert(tenant, sms, userId, Channel.SMS, phone, "Mobile", now, now);
      contacts.insert(tenant, email, userId, Channel.EMAIL, user.getKey(), "Work", now, now);
      contacts.insertRule(tenant, UUID.randomUUID(), userId, sms, Urgency.HIGH, 0, now);
      contacts.insertRule(tenant, UUID.randomUUID(), userId, email, Urgency.HIGH, 2, now);
      contacts.insertRule(tenant, UUID.randomUUID(), userId, email, Urgency.LOW, 0, now);
      Daos.on(h, SmsNumberDao.class).routeToUser(phone, tenant, userId, now);
    }
    EscalationPolicyDao policies = Daos.on(h, EscalationPolicyDao.class);
    UUID paymentsPolicy = UUID.randomUUID();
    policies.insertPolicy(
        tenant,
        paymentsPolicy,
        "Payments",
        "The Payments on-call engineer, then the whole team.",
        1,
        now);
    policies.insertStep(tenant, paymentsPolicy, 0, 5);
    policies.insertTarget(
        tenant, paymentsPolicy, 0, 0, TargetType.SCHEDULE, scheduleIds.get(0), null);
    policies.insertStep(tenant, paymentsPolicy, 1, 5);
    policies.insertTarget(tenant, paymentsPolicy, 1, 0, TargetType.TEAM, payments, TeamMode.ALL);
    UUID supportPolicy = UUID.randomUUID();
    policies.insertPolicy(
        tenant,
        supportPolicy,
        "Premium Support",
        "The premium-support specialist on call: the daytime rotation in business hours, the"
            + " off-hours rotation otherwise, so someone is always reachable; then the whole"
            + " team.",
        2,
        now);
    policies.insertStep(tenant, supportPolicy, 0, 10);
    policies.insertTarget(
        tenant, supportPolicy, 0, 0, TargetType.SCHEDULE, scheduleIds.get(1), null);
    policies.insertTarget(
        tenant, supportPolicy, 0, 1, TargetType.SCHEDULE, scheduleIds.get(2), null);
    policies.insertStep(tenant, supportPolicy, 1, 10);
    policies.insertTarget(tenant, supportPolicy, 1, 0, TargetType.TEAM, support, TeamMode.ALL);
    UUID identityPolicy = UUID.randomUUID();
    policies.insertPolicy(
        tenant, identityPolicy, "Identity", "One Identity engineer in turn, then both.", 1, now);
    policies.insertStep(tenant, identityPolicy, 0, 5);
    policies.insertTarget(
        tenant, identityPolicy, 0, 0, TargetType.TEAM, identity, TeamMode.ROUND_ROBIN);
    policies.insertStep(tenant, identityPolicy, 1, 5);
    policies.insertTarget(tenant, identityPolicy, 1, 0, TargetType.TEAM, identity, TeamMode.ALL);
    ServiceDao services = Daos.on(h, ServiceDao.class);
    services.setEscalationPolicy(tenant, serviceIds.get("Checkout API"), paymentsPolicy, now);
    services.setEscalationPolicy(tenant, serviceIds.get("Payments Ledger"), paymentsPolicy, now);
    services.setEscalationPolicy(tenant, serviceIds.get("Login Service"), identityPolicy, now);
    services.setEscalationPolicy(
        tenant, serviceIds.get("Customer Help Center"), supportPolicy, now);
  }

  private static List<UUID> ids(Map<String, UserId> users, String... emails) {
    return java.util.Arrays.stream(emails).map(email -> users.get(email).value()).toList();
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
              Daos.on(h, TenantDao.class).insert(tenant);
              TenantDatabase.enterTenant(h, tenant.id());
              Map<String, UserId> users = new LinkedHashMap<>();
              Map<String, User> members = new LinkedHashMap<>();
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
                        false,
                        now,
                        now);
                Daos.on(h, UserDao.class).insert(user);
                users.put(demo.email(), user.id());
                members.put(demo.email(), user);
              }
              TeamDao teams = Daos.on(h, TeamDao.class);
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
              for (String email :
                  List.of("sam@demo.test", "tara@demo.test", "uma@demo.test", AGENT_EMAIL)) {
                teams.addMember(tenant.id(), support, users.get(email), now);
              }
              ServiceDao services = Daos.on(h, ServiceDao.class);
              Map<String, UUID> serviceIds = new LinkedHashMap<>();
              for (String name :
                  List.of(
                      "Checkout API", "Payments Ledger", "Login Service", "Customer Help Center")) {
                serviceIds.put(name, UUID.randomUUID());
              }
              services.insert(
                  tenant.id(),
                  serviceIds.get("Checkout API"),
                  "Checkout API",
                  "Takes orders and payments from the web shop and the apps.",
                  payments,
                  now);
              services.insert(
                  tenant.id(),
                  serviceIds.get("Payments Ledger"),
                  "Payments Ledger",
                  "Double-entry ledger behind refunds and payouts.",
                  payments,
                  now);
              services.insert(
                  tenant.id(),
                  serviceIds.get("Login Service"),
                  "Login Service",
                  "Password and SSO login for customers.",
                  identity,
                  now);
              services.insert(
                  tenant.id(),
                  serviceIds.get("Customer Help Center"),
                  "Customer Help Center",
                  "The premium customers' support portal and chat.",
                  support,
                  now);
              List<UUID> scheduleIds =
                  loadSchedules(
                      h,
                      SessionService.callerFor(members.get(OWNER_EMAIL), null, null),
                      users,
                      payments,
                      support,
                      now);
              loadPaging(
                  h, tenant.id(), users, payments, identity, support, scheduleIds, serviceIds, now);
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
