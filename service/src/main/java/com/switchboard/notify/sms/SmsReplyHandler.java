package com.switchboard.notify.sms;

import com.switchboard.contact.ContactDao;
import com.switchboard.incident.Actor;
import com.switchboard.incident.Incident;
import com.switchboard.incident.IncidentService;
import com.switchboard.incident.IncidentService.Transition;
import com.switchboard.incident.IncidentStatus;
import com.switchboard.notify.sms.SmsCommand.Action;
import com.switchboard.notify.sms.SmsNumberDao.Route;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.tenant.TenantId;
import com.switchboard.user.User;
import com.switchboard.user.UserDao;
import com.switchboard.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Acts on an SMS reply, wherever it came from: Twilio's inbound webhook or the outbox's simulated
 * reply. The number is matched to the tenant and user that last paged (or verified) it; unknown
 * numbers get no answer. Returns the text to answer with, if any.
 *
 * <p>After {@value #LOOP_GUARD} replies in a row that did nothing, the number gets no more answers
 * until one succeeds, so an auto-responder and Switchboard cannot ping-pong.
 */
public class SmsReplyHandler {
  static final int LOOP_GUARD = 5;
  static final String HELP =
      "Switchboard: reply 42A to ack incident 42, 42R to resolve, 42E to escalate; A or R alone"
          + " act on the last page. STOP ends SMS.";

  private final TenantDatabase db;
  private final IncidentService incidents;
  private final Clock clock;

  public SmsReplyHandler(TenantDatabase db, IncidentService incidents, Clock clock) {
    this.db = db;
    this.incidents = incidents;
    this.clock = clock;
  }

  /** A reply from Twilio: the number's route says which tenant and user it is. */
  public Optional<String> handle(String from, String body) {
    Optional<Route> found =
        db.unscoped().inTransaction(h -> Daos.on(h, SmsNumberDao.class).find(from));
    if (found.isEmpty() || found.get().tenantId() == null) {
      return Optional.empty();
    }
    return handle(found.get(), true, body);
  }

  /**
   * A reply simulated from a tenant's outbox: it acts only inside that tenant, even when the
   * number's replies are routed to another tenant — then as the tenant's user who verified the
   * number, without touching the number's shared state.
   */
  public Optional<String> handleInTenant(TenantId tenant, String from, String body) {
    Optional<Route> found =
        db.unscoped().inTransaction(h -> Daos.on(h, SmsNumberDao.class).find(from));
    if (found.isPresent() && tenant.equals(found.get().tenantId())) {
      return handle(found.get(), true, body);
    }
    Optional<UUID> owner =
        db.inTenant(
            tenant,
            h ->
                h.createQuery(
                        "SELECT user_id FROM contact_methods WHERE tenant_id = :tenant"
                            + " AND channel = 'sms' AND address = :address"
                            + " AND verified_at IS NOT NULL ORDER BY created_at LIMIT 1")
                    .bind("tenant", tenant.value())
                    .bind("address", from)
                    .mapTo(UUID.class)
                    .findOne());
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    return handle(new Route(from, tenant, owner.get(), null, null, 0, null), false, body);
  }

  /** {@code shared}: the route is the number's own, so its state (STOP, loop guard) may change. */
  private Optional<String> handle(Route route, boolean shared, String body) {
    SmsCommand command = SmsReplyParser.parse(body);
    this.shared.set(shared);
    try {
      return respond(route, command);
    } finally {
      this.shared.remove();
    }
  }

  // Whether the reply being handled on this thread may change the number's shared state; set
  // for the length of one reply, so the helpers below need not carry it.
  private final ThreadLocal<Boolean> shared = ThreadLocal.withInitial(() -> true);

  private Optional<String> respond(Route route, SmsCommand command) {
    switch (command.action()) {
      case STOP:
        setStopped(route, true);
        return Optional.of(
            "Switchboard: you will get no more SMS from us. Pages go to your other contact"
                + " methods. Reply START to resume.");
      case START:
        setStopped(route, false);
        return Optional.of("Switchboard: SMS pages resumed.");
      case HELP:
        return Optional.of(HELP);
      case UNKNOWN:
        return nothingDone(
            route,
            "Switchboard: not understood. Reply 42A to ack incident 42, 42R to resolve, 42E to"
                + " escalate, HELP for more.");
      default:
        return act(route, command);
    }
  }

  private Optional<String> act(Route route, SmsCommand command) {
    TenantId tenant = route.tenantId();
    if (command.incidentNumber() == null
        && route.lastBundle() != null
        && command.action() != Action.ESCALATE) {
      return actOnBundle(route, command);
    }
    Optional<Incident> target;
    if (command.incidentNumber() != null) {
      target = incidents.byNumber(tenant, command.incidentNumber());
      if (target.isEmpty()) {
        return nothingDone(route, "Switchboard: there is no incident #" + command.incidentNumber());
      }
    } else {
      List<Long> open = openPagedIncidents(tenant, route.userId());
      Long number;
      if (open.size() == 1) {
        number = open.get(0);
      } else if (route.lastIncidentNumber() != null && open.contains(route.lastIncidentNumber())) {
        number = route.lastIncidentNumber();
      } else if (open.isEmpty()) {
        return nothingDone(route, "Switchboard: no open incident is paging you.");
      } else {
        return nothingDone(
            route,
            "Switchboard: "
                + open.size()
                + " incidents are open; reply with the number, e.g. "
                + open.get(0)
                + letter(command.action()));
      }
      target = incidents.byNumber(tenant, number);
    }
    Incident incident = target.orElseThrow();
    Actor actor = new Actor(userName(tenant, route.userId()), route.userId(), "sms");
    Transition result;
    String done;
    if (command.action() == Action.ACKNOWLEDGE) {
      result = incidents.acknowledge(tenant, incident.id(), actor);
      done = "acknowledged";
    } else if (command.action() == Action.RESOLVE) {
      result = incidents.resolve(tenant, incident.id(), actor);
      done = "resolved";
    } else {
      result = incidents.escalateNow(tenant, incident.id(), actor);
      done = "escalated to the next step";
    }
    switch (result.change()) {
      case ALREADY_RESOLVED:
        return nothingDone(route, "Switchboard: #" + incident.number() + " is already resolved.");
      case ALREADY_ACKNOWLEDGED:
        if (command.action() == Action.RESOLVE) {
          break;
        }
        return nothingDone(
            route,
            "Switchboard: #"
                + incident.number()
                + " was already acknowledged by "
                + result.incident().acknowledgedBy()
                + ".");
      default:
        break;
    }
    resetGuard(route);
    return Optional.of(
        SmsText.compose(
            "Switchboard: #" + incident.number() + " " + done + ". ",
            incident.title(),
            "",
            SmsText.SEGMENT_SEPTETS));
  }

  /** A bare "A" or "R" after a bundled SMS acts on every incident it listed. */
  private Optional<String> actOnBundle(Route route, SmsCommand command) {
    TenantId tenant = route.tenantId();
    Actor actor = new Actor(userName(tenant, route.userId()), route.userId(), "sms");
    List<String> done = new java.util.ArrayList<>();
    for (Long number : route.lastBundle()) {
      Optional<Incident> incident = incidents.byNumber(tenant, number);
      if (incident.isEmpty()) {
        continue;
      }
      Transition result =
          command.action() == Action.ACKNOWLEDGE
              ? incidents.acknowledge(tenant, incident.get().id(), actor)
              : incidents.resolve(tenant, incident.get().id(), actor);
      if (result.change() == IncidentService.Change.DONE) {
        done.add("#" + number);
      }
    }
    if (done.isEmpty()) {
      return nothingDone(route, "Switchboard: those incidents were already handled.");
    }
    resetGuard(route);
    return Optional.of(
        "Switchboard: "
            + String.join(" ", done)
            + (command.action() == Action.ACKNOWLEDGE ? " acknowledged." : " resolved."));
  }

  private Optional<String> nothingDone(Route route, String answer) {
    int count = route.unansweredReplies() + 1;
    if (!shared.get()) {
      return Optional.of(answer);
    }
    db.unscoped()
        .useTransaction(
            h ->
                Daos.on(h, SmsNumberDao.class)
                    .setUnansweredReplies(route.phoneNumber(), count, clock.instant()));
    return count > LOOP_GUARD ? Optional.empty() : Optional.of(answer);
  }

  private void resetGuard(Route route) {
    if (shared.get() && route.unansweredReplies() > 0) {
      db.unscoped()
          .useTransaction(
              h ->
                  Daos.on(h, SmsNumberDao.class)
                      .setUnansweredReplies(route.phoneNumber(), 0, clock.instant()));
    }
  }

  private void setStopped(Route route, boolean stopped) {
    Instant now = clock.instant();
    db.unscoped()
        .useTransaction(
            h ->
                Daos.on(h, SmsNumberDao.class)
                    .setStopped(route.phoneNumber(), stopped ? now : null, now));
    db.useTenant(
        route.tenantId(),
        h ->
            Daos.on(h, ContactDao.class)
                .setSmsDisabled(route.tenantId(), route.phoneNumber(), stopped ? now : null));
  }

  /** Numbers of triggered incidents this user was sent a message for, newest first. */
  private List<Long> openPagedIncidents(TenantId tenant, UUID userId) {
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(
                    "SELECT DISTINCT i.number FROM incidents i JOIN notifications n"
                        + " ON n.tenant_id = i.tenant_id AND n.incident_id = i.id"
                        + " WHERE i.tenant_id = :tenant AND i.status = :status"
                        + " AND n.user_id = :user AND n.status IN ('sent', 'delivered')"
                        + " ORDER BY i.number DESC")
                .bind("tenant", tenant.value())
                .bind("status", IncidentStatus.TRIGGERED.wireName())
                .bind("user", userId)
                .mapTo(Long.class)
                .list());
  }

  private String userName(TenantId tenant, UUID userId) {
    return db.inTenant(
        tenant,
        h ->
            Daos.on(h, UserDao.class)
                .findById(tenant, new UserId(userId))
                .map(User::name)
                .orElse("a former user"));
  }

  private static String letter(Action action) {
    return action == Action.RESOLVE ? "R" : action == Action.ESCALATE ? "E" : "A";
  }
}
