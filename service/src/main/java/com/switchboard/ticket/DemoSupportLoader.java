package com.switchboard.ticket;

import com.switchboard.auth.Caller;
import com.switchboard.auth.SessionService;
import com.switchboard.escalation.EscalationPolicyDao;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.schedule.ScheduleRequests.WindowInput;
import com.switchboard.sla.SlaPolicyRequests.BusinessHoursInput;
import com.switchboard.sla.SlaPolicyRequests.SlaPolicyDefinition;
import com.switchboard.sla.SlaPolicyRequests.TargetInput;
import com.switchboard.sla.SlaPolicyService;
import com.switchboard.team.BusinessService;
import com.switchboard.team.ServiceDao;
import com.switchboard.tenant.DemoTenantLoader;
import com.switchboard.tenant.TenantDao;
import com.switchboard.tenant.TenantId;
import com.switchboard.user.User;
import com.switchboard.user.UserDao;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The demo tenant's support desk, loaded through the same services the API uses, right after {@link
 * DemoTenantLoader} created the tenant: customers in each tier, SLA policies (premium around the
 * clock paging the Premium Support policy; business on weekday business hours in New York), and
 * open tickets — one on Checkout API created 20 minutes before start, so its first response warning
 * comes about 2½ minutes after the demo starts and its breach pages the premium specialist on call
 * 10 minutes in.
 */
public final class DemoSupportLoader {
  static final Duration CHECKOUT_TICKET_AGE = Duration.ofMinutes(20);

  private final TenantDatabase db;
  private final SupportWiring support;
  private final SlaPolicyService slaPolicies;
  private final Clock clock;

  public DemoSupportLoader(
      TenantDatabase db, SupportWiring support, SlaPolicyService slaPolicies, Clock clock) {
    this.db = db;
    this.support = support;
    this.slaPolicies = slaPolicies;
    this.clock = clock;
  }

  /** Loads the support desk into the demo tenant the demo loader has just created. */
  public void load() {
    TenantId tenant =
        db.unscoped()
            .withExtension(TenantDao.class, t -> t.findBySlug(DemoTenantLoader.SLUG))
            .orElseThrow()
            .id();
    record Directory(
        User owner, User agent, User sam, Map<String, UUID> services, UUID supportPolicy) {}
    Directory directory =
        db.inTenant(
            tenant,
            h -> {
              UserDao users = Daos.on(h, UserDao.class);
              Map<String, UUID> services =
                  Daos.on(h, ServiceDao.class).search(tenant, "%", 100).stream()
                      .collect(Collectors.toMap(BusinessService::name, BusinessService::id));
              UUID supportPolicy =
                  Daos.on(h, EscalationPolicyDao.class).list(tenant).stream()
                      .filter(p -> p.name().equals("Premium Support"))
                      .findFirst()
                      .orElseThrow()
                      .id();
              return new Directory(
                  users.findByEmail(tenant, DemoTenantLoader.OWNER_EMAIL).orElseThrow(),
                  users.findByEmail(tenant, DemoTenantLoader.AGENT_EMAIL).orElseThrow(),
                  users.findByEmail(tenant, "sam@demo.test").orElseThrow(),
                  services,
                  supportPolicy);
            });
    Caller owner = SessionService.callerFor(directory.owner(), null, null);
    Caller agent = SessionService.callerFor(directory.agent(), null, null);

    slaPolicies.create(
        owner,
        new SlaPolicyDefinition(
            "Premium, around the clock",
            "premium",
            List.of(
                new TargetInput("urgent", 30, 60, 240),
                new TargetInput("high", 60, 120, 480),
                new TargetInput("normal", 240, 480, 1440),
                new TargetInput("low", 480, 960, 2880)),
            null,
            75,
            directory.supportPolicy()));
    slaPolicies.create(
        owner,
        new SlaPolicyDefinition(
            "Business, weekdays 09-18 New York",
            "business",
            List.of(
                new TargetInput("urgent", 60, 240, 960),
                new TargetInput("high", 240, 480, 1920),
                new TargetInput("normal", 480, 960, 4800),
                new TargetInput("low", 960, 1920, 9600)),
            new BusinessHoursInput(
                "America/New_York",
                Stream.of(
                        DayOfWeek.MONDAY,
                        DayOfWeek.TUESDAY,
                        DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY,
                        DayOfWeek.FRIDAY)
                    .map(day -> new WindowInput(day, LocalTime.of(9, 0), day, LocalTime.of(18, 0)))
                    .toList(),
                List.of(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1))),
            80,
            directory.supportPolicy()));

    TicketService tickets = support.tickets();
    UUID northwind = customer(tickets, agent, "Northwind Traders", "premium", "zd-org-100");
    UUID umbrella = customer(tickets, agent, "Umbrella Health", "premium", "zd-org-101");
    UUID globex = customer(tickets, agent, "Globex", "business", "zd-org-200");
    UUID initech = customer(tickets, agent, "Initech", "standard", "zd-org-300");

    support
        .ticketsAsOf(Clock.offset(clock, CHECKOUT_TICKET_AGE.negated()))
        .create(
            agent,
            new TicketRequests.Create(
                "Card payments fail at checkout",
                "Since a few minutes ago every card payment in our web shop ends with 'payment"
                    + " could not be processed'. Our customers cannot order.",
                "Priya Shah <priya@northwind.example>",
                northwind,
                TicketPriority.URGENT,
                directory.services().get("Checkout API"),
                null,
                "zd-5101",
                null));
    Ticket slowLogin =
        tickets.create(
            agent,
            new TicketRequests.Create(
                "Login page takes 20 seconds",
                "Our staff wait a long time on the sign-in page since this morning.",
                "Tom Reyes <tom@umbrella.example>",
                umbrella,
                TicketPriority.HIGH,
                directory.services().get("Login Service"),
                directory.sam().id().value(),
                "zd-5102",
                null));
    tickets.reply(
        SessionService.callerFor(directory.sam(), null, null),
        slowLogin.id(),
        "Thanks Tom, we are looking into the sign-in delay and will update you within the hour.");
    tickets.create(
        agent,
        new TicketRequests.Create(
            "Invoice export to CSV is empty",
            "The CSV export of last month's invoices downloads an empty file.",
            "Lee Park <lee@globex.example>",
            globex,
            TicketPriority.NORMAL,
            directory.services().get("Payments Ledger"),
            directory.agent().id().value(),
            "zd-5103",
            null));
    Ticket sso =
        tickets.create(
            agent,
            new TicketRequests.Create(
                "How do we turn on single sign-on?",
                "We would like our employees to sign in with Okta.",
                "Ana Ruiz <ana@initech.example>",
                initech,
                TicketPriority.LOW,
                directory.services().get("Login Service"),
                directory.agent().id().value(),
                "zd-5104",
                null));
    tickets.reply(
        agent, sso.id(), "Hi Ana, single sign-on is on the business plan; shall I send the guide?");
    tickets.changeStatus(agent, sso.id(), TicketStatus.PENDING);
  }

  private static UUID customer(
      TicketService tickets, Caller agent, String name, String tier, String externalId) {
    return tickets
        .createCustomer(agent, new TicketRequests.CreateCustomer(name, tier, externalId))
        .id();
  }
}
