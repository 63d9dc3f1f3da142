package com.switchboard.respond;

import com.switchboard.contact.ContactDao;
import com.switchboard.incident.IncidentService;
import com.switchboard.incident.IncidentService.Transition;
import com.switchboard.incident.IncidentStatus;
import com.switchboard.notify.sms.SmsCommand;
import com.switchboard.notify.sms.SmsCommand.Action;
import com.switchboard.notify.sms.SmsNumberDao;
import com.switchboard.notify.sms.SmsNumberDao.Route;
import com.switchboard.notify.sms.SmsReplies;
import com.switchboard.notify.sms.SmsReplyCodeDao.ReplyCode;
import com.switchboard.notify.sms.SmsReplyCodes;
import com.switchboard.notify.sms.SmsReplyParser;
import com.switchboard.notify.sms.SmsText;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.respond.ChannelAuthorization.Decision;
import com.switchboard.tenant.TenantDao;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Acts on an SMS reply, wherever it came from: Twilio's inbound webhook or a tenant's outbox. A
 * reply acts only on a page that was sent to that phone ({@link SmsReplyCodes}), as the person and
 * contact method it went to, and only after {@link ChannelAuthorization} allowed it — the same
 * checks as the API. When a reply could mean pages of several tenants, it asks, listing the codes
 * that tell them apart; it never guesses. Unknown numbers get no answer. Returns the text to answer
 * with, if any.
 *
 * <p>After {@value #LOOP_GUARD} replies in a row that did nothing, the number gets no more answers
 * until one succeeds, so an auto-responder and Switchboard cannot ping-pong.
 */
public class SmsReplyHandler implements SmsReplies {
  static final int LOOP_GUARD = 5;
  static final String HELP =
      "Switchboard: reply 42A to ack incident 42, 42R to resolve, 42E to escalate; A or R alone"
          + " act on the last page. STOP ends SMS.";
  private static final int MAX_CHOICES = 4;

  /**
   * The phone a reply came from: its carrier state ({@code state}, absent when never verified or
   * paged), the pages it may answer, and whether this reply may change the number's shared state
   * (STOP, the loop guard) — not when simulated from a tenant's outbox that the number's state does
   * not belong to. {@code onlyTenant}: the outbox's tenant, or null for a real SMS. {@code slugs}:
   * the slug of each tenant of {@code pages}.
   */
  private record Phone(
      String number,
      Optional<Route> state,
      List<ReplyCode> pages,
      boolean shared,
      TenantId onlyTenant,
      Map<TenantId, String> slugs) {
    boolean pagedBySeveralTenants() {
      return pages.stream().map(ReplyCode::tenantId).distinct().count() > 1;
    }
  }

  private final TenantDatabase db;
  private final IncidentService incidents;
  private final Clock clock;

  public SmsReplyHandler(TenantDatabase db, IncidentService incidents, Clock clock) {
    this.db = db;
    this.incidents = incidents;
    this.clock = clock;
  }

  /** A reply from Twilio: the phone's pages say which tenants and people it answers for. */
  @Override
  public Optional<String> handle(String from, String body) {
    Instant now = clock.instant();
    Phone phone =
        db.unscoped()
            .inTransaction(
                h -> {
                  List<ReplyCode> pages = SmsReplyCodes.live(h, from, now);
                  return new Phone(
                      from,
                      Daos.on(h, SmsNumberDao.class).find(from),
                      pages,
                      true,
                      null,
                      slugs(h, pages));
                });
    if (phone.state().isEmpty() && phone.pages().isEmpty()) {
      return Optional.empty();
    }
    return respond(phone, SmsReplyParser.parse(body));
  }

  /**
   * A reply simulated from a tenant's outbox: it acts only on that tenant's pages, and changes the
   * number's shared state only when the number is routed to that tenant.
   */
  @Override
  public Optional<String> handleInTenant(TenantId tenant, String from, String body) {
    Instant now = clock.instant();
    Phone phone =
        db.unscoped()
            .inTransaction(
                h -> {
                  Optional<Route> state = Daos.on(h, SmsNumberDao.class).find(from);
                  List<ReplyCode> pages =
                      SmsReplyCodes.live(h, from, now).stream()
                          .filter(page -> page.tenantId().equals(tenant))
                          .toList();
                  boolean shared = state.isPresent() && tenant.equals(state.get().tenantId());
                  return new Phone(from, state, pages, shared, tenant, slugs(h, pages));
                });
    if (!phone.shared() && phone.pages().isEmpty() && !verifiedIn(tenant, from)) {
      return Optional.empty();
    }
    return respond(phone, SmsReplyParser.parse(body));
  }

  private Optional<String> respond(Phone phone, SmsCommand command) {
    switch (command.action()) {
      case STOP:
        setStopped(phone, true);
        return Optional.of(
            "Switchboard: you will get no more SMS from us. Pages go to your other contact"
                + " methods. Reply START to resume.");
      case START:
        setStopped(phone, false);
        return Optional.of("Switchboard: SMS pages resumed.");
      case HELP:
        return Optional.of(HELP);
      case UNKNOWN:
        return nothingDone(
            phone,
            "Switchboard: not understood. Reply 42A to ack incident 42, 42R to resolve, 42E to"
                + " escalate, HELP for more.");
      default:
        return command.incidentNumber() != null
            ? actOnCode(phone, command.incidentNumber(), command.action())
            : actOnLastPage(phone, command.action());
    }
  }

  /**
   * "42A": the page whose reply code is 42; failing that, a page of an incident numbered 42 (a
   * number read off the web UI), provided only one tenant's incident 42 was paged to the phone.
   */
  private Optional<String> actOnCode(Phone phone, long code, Action action) {
    List<ReplyCode> named = phone.pages().stream().filter(page -> page.code() == code).toList();
    if (named.isEmpty()) {
      named = phone.pages().stream().filter(page -> page.incidentNumber() == code).toList();
    }
    if (named.isEmpty()) {
      return nothingDone(phone, "Switchboard: no incident #" + code + " was paged to this number.");
    }
    if (named.size() > 1) {
      return nothingDone(phone, choices(phone, named, action));
    }
    return actOn(phone, named.get(0), action);
  }

  /**
   * "A" alone: the incident (or the bundle) of the last SMS, when every open page to the phone is
   * from one tenant and that leaves one answer; otherwise the choices.
   */
  private Optional<String> actOnLastPage(Phone phone, Action action) {
    List<ReplyCode> open = stillPaging(phone.pages());
    if (open.isEmpty()) {
      return nothingDone(phone, "Switchboard: no open incident is paging you.");
    }
    if (open.stream().map(ReplyCode::tenantId).distinct().count() > 1) {
      return nothingDone(phone, choices(phone, open, action));
    }
    TenantId tenant = open.get(0).tenantId();
    Optional<Route> last =
        phone.state().filter(state -> phone.shared() && tenant.equals(state.tenantId()));
    if (action != Action.ESCALATE && last.isPresent() && last.get().lastBundle() != null) {
      Set<Long> bundle = Set.copyOf(Arrays.asList(last.get().lastBundle()));
      List<ReplyCode> bundled =
          phone.pages().stream()
              .filter(p -> p.tenantId().equals(tenant) && bundle.contains(p.incidentNumber()))
              .toList();
      if (!bundled.isEmpty()) {
        return actOnBundle(phone, bundled, action);
      }
    }
    if (open.size() == 1) {
      return actOn(phone, open.get(0), action);
    }
    Long lastNumber = last.map(Route::lastIncidentNumber).orElse(null);
    Optional<ReplyCode> lastPage =
        open.stream()
            .filter(p -> lastNumber != null && p.incidentNumber() == lastNumber)
            .findFirst();
    if (lastPage.isPresent()) {
      return actOn(phone, lastPage.get(), action);
    }
    return nothingDone(phone, choices(phone, open, action));
  }

  private Optional<String> actOn(Phone phone, ReplyCode page, Action action) {
    String name = incidentName(phone, page);
    Decision decision = authorize(phone, page);
    if (!decision.allowed()) {
      return nothingDone(phone, "Switchboard: not done: " + decision.refusal() + ".");
    }
    TenantId tenant = page.tenantId();
    Transition result;
    String done;
    if (action == Action.ACKNOWLEDGE) {
      result = incidents.acknowledge(tenant, page.incidentId(), decision.actor());
      done = "acknowledged";
    } else if (action == Action.RESOLVE) {
      result = incidents.resolve(tenant, page.incidentId(), decision.actor());
      done = "resolved";
    } else {
      result = incidents.escalateNow(tenant, page.incidentId(), decision.actor());
      done = "escalated to the next step";
    }
    switch (result.change()) {
      case ALREADY_RESOLVED:
        return nothingDone(phone, "Switchboard: " + name + " is already resolved.");
      case ALREADY_ACKNOWLEDGED:
        if (action == Action.RESOLVE) {
          break;
        }
        return nothingDone(
            phone,
            "Switchboard: "
                + name
                + " was already acknowledged by "
                + result.incident().acknowledgedBy()
                + ".");
      default:
        break;
    }
    resetGuard(phone);
    return Optional.of(
        SmsText.compose(
            "Switchboard: " + name + " " + done + ". ",
            result.incident().title(),
            "",
            SmsText.SEGMENT_SEPTETS));
  }

  /** A bare "A" or "R" after a bundled SMS acts on every incident it listed. */
  private Optional<String> actOnBundle(Phone phone, List<ReplyCode> pages, Action action) {
    List<String> done = new ArrayList<>();
    String refusal = null;
    for (ReplyCode page : pages) {
      Decision decision = authorize(phone, page);
      if (!decision.allowed()) {
        refusal = decision.refusal();
        continue;
      }
      Transition result =
          action == Action.ACKNOWLEDGE
              ? incidents.acknowledge(page.tenantId(), page.incidentId(), decision.actor())
              : incidents.resolve(page.tenantId(), page.incidentId(), decision.actor());
      if (result.change() == IncidentService.Change.DONE) {
        done.add(incidentName(phone, page));
      }
    }
    if (done.isEmpty()) {
      return nothingDone(
          phone,
          refusal != null
              ? "Switchboard: not done: " + refusal + "."
              : "Switchboard: those incidents were already handled.");
    }
    resetGuard(phone);
    return Optional.of(
        "Switchboard: "
            + String.join(" ", done)
            + (action == Action.ACKNOWLEDGE ? " acknowledged." : " resolved."));
  }

  private Decision authorize(Phone phone, ReplyCode page) {
    return db.inTenant(
        page.tenantId(),
        h ->
            ChannelAuthorization.check(
                h, page.tenantId(), page.userId(), page.contactMethodId(), phone.number(), "sms"));
  }

  /** "Switchboard: which one? Reply 1A for [acme] #1, 3A for [beta] #1". */
  private String choices(Phone phone, List<ReplyCode> pages, Action action) {
    Map<TenantId, String> slugs = phone.slugs();
    List<String> options = new ArrayList<>();
    for (ReplyCode page : pages.subList(0, Math.min(MAX_CHOICES, pages.size()))) {
      options.add(
          page.code()
              + letter(action)
              + " for ["
              + slugs.get(page.tenantId())
              + "] #"
              + page.incidentNumber());
    }
    return "Switchboard: which one? Reply "
        + String.join(", ", options)
        + (pages.size() > MAX_CHOICES ? ", …" : "")
        + ".";
  }

  /** "#42" for a phone paged by one tenant; "[acme] #42" when several tenants page it. */
  private String incidentName(Phone phone, ReplyCode page) {
    if (!phone.pagedBySeveralTenants()) {
      return "#" + page.incidentNumber();
    }
    return "[" + phone.slugs().get(page.tenantId()) + "] #" + page.incidentNumber();
  }

  private static Map<TenantId, String> slugs(Handle h, List<ReplyCode> pages) {
    Map<TenantId, String> slugs = new LinkedHashMap<>();
    for (ReplyCode page : pages) {
      slugs.computeIfAbsent(
          page.tenantId(),
          tenant -> Daos.on(h, TenantDao.class).findById(tenant).map(t -> t.slug()).orElse("?"));
    }
    return slugs;
  }

  /** The pages whose incidents are still triggered, in the order given. */
  private List<ReplyCode> stillPaging(List<ReplyCode> pages) {
    Map<TenantId, List<UUID>> byTenant =
        pages.stream()
            .collect(
                Collectors.groupingBy(
                    ReplyCode::tenantId,
                    LinkedHashMap::new,
                    Collectors.mapping(ReplyCode::incidentId, Collectors.toList())));
    Set<UUID> triggered = new java.util.HashSet<>();
    byTenant.forEach(
        (tenant, ids) ->
            triggered.addAll(
                db.inTenant(
                    tenant,
                    h ->
                        h.createQuery(
                                "SELECT id FROM incidents WHERE tenant_id = :tenant"
                                    + " AND id IN (<ids>) AND status = :status")
                            .bind("tenant", tenant.value())
                            .bindList("ids", ids)
                            .bind("status", IncidentStatus.TRIGGERED.wireName())
                            .mapTo(UUID.class)
                            .list())));
    return pages.stream().filter(page -> triggered.contains(page.incidentId())).toList();
  }

  private boolean verifiedIn(TenantId tenant, String number) {
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(
                    "SELECT count(*) > 0 FROM contact_methods WHERE tenant_id = :tenant"
                        + " AND channel = 'sms' AND address = :address AND verified_at IS NOT NULL")
                .bind("tenant", tenant.value())
                .bind("address", number)
                .mapTo(Boolean.class)
                .one());
  }

  private Optional<String> nothingDone(Phone phone, String answer) {
    if (!phone.shared() || phone.state().isEmpty()) {
      return Optional.of(answer);
    }
    int count = phone.state().get().unansweredReplies() + 1;
    db.unscoped()
        .useTransaction(
            h ->
                Daos.on(h, SmsNumberDao.class)
                    .setUnansweredReplies(phone.number(), count, clock.instant()));
    return count > LOOP_GUARD ? Optional.empty() : Optional.of(answer);
  }

  private void resetGuard(Phone phone) {
    if (phone.shared() && phone.state().map(Route::unansweredReplies).orElse(0) > 0) {
      db.unscoped()
          .useTransaction(
              h ->
                  Daos.on(h, SmsNumberDao.class)
                      .setUnansweredReplies(phone.number(), 0, clock.instant()));
    }
  }

  /**
   * STOP is the carrier's word for the number: from a real SMS it stops every tenant's SMS to it
   * (and marks the number's SMS methods disabled in each tenant that paged it); from an outbox it
   * disables the number only in that tenant.
   */
  private void setStopped(Phone phone, boolean stopped) {
    Instant now = clock.instant();
    Set<TenantId> tenants = new LinkedHashSet<>();
    if (phone.onlyTenant() != null) {
      tenants.add(phone.onlyTenant());
    } else {
      phone.pages().forEach(page -> tenants.add(page.tenantId()));
      phone.state().map(Route::tenantId).ifPresent(tenants::add);
    }
    if (phone.shared()) {
      db.unscoped()
          .useTransaction(
              h ->
                  Daos.on(h, SmsNumberDao.class)
                      .setStopped(phone.number(), stopped ? now : null, now));
    }
    for (TenantId tenant : tenants) {
      db.useTenant(
          tenant,
          h ->
              Daos.on(h, ContactDao.class)
                  .setSmsDisabled(tenant, phone.number(), stopped ? now : null));
    }
  }

  private static String letter(Action action) {
    return action == Action.RESOLVE ? "R" : action == Action.ESCALATE ? "E" : "A";
  }
}
