package com.switchboard.incident;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.escalation.EscalationEngine;
import com.switchboard.escalation.EscalationEngine.Outcome;
import com.switchboard.incident.Escalation.Origin;
import com.switchboard.notify.Notification;
import com.switchboard.notify.NotificationDao;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.ConflictException;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The incident lifecycle: trigger (or deduplicate), acknowledge, resolve, escalate now, reassign,
 * add responders, notes and urgency. Every change and its timeline event commit together; the
 * messages a change makes due are dispatched after the commit.
 */
public class IncidentService {
  /**
   * What a trigger did: opened {@code incident}, or added an alert to it ({@code deduplicated}).
   */
  public record TriggerResult(Incident incident, boolean deduplicated) {}

  /** What an acknowledge or resolve found. */
  public enum Change {
    DONE,
    ALREADY_ACKNOWLEDGED,
    ALREADY_RESOLVED
  }

  public record Transition(Change change, Incident incident) {}

  private final TenantDatabase db;
  private final EscalationEngine engine;
  private final AuditLog audit;
  private final Clock clock;

  public IncidentService(TenantDatabase db, EscalationEngine engine, AuditLog audit, Clock clock) {
    this.db = db;
    this.engine = engine;
    this.audit = audit;
    this.clock = clock;
  }

  public TriggerResult trigger(Caller caller, IncidentRequests.Trigger request) {
    TenantId tenant = caller.tenantId();
    Actor actor = Actor.of(caller);
    record Triggered(TriggerResult result, Outcome outcome) {}
    Triggered triggered =
        db.inTenant(
            tenant,
            h -> {
              IncidentDao incidents = Daos.on(h, IncidentDao.class);
              Instant now = clock.instant();
              ServiceRef service = service(h, tenant, request.serviceId());
              String details = request.details() == null ? "" : request.details();
              String dedupKey = request.dedupKey();
              if (dedupKey != null) {
                Optional<UUID> open = incidents.lockOpenByDedupKey(tenant, service.id(), dedupKey);
                if (open.isPresent()) {
                  return new Triggered(
                      addAlert(h, tenant, open.get(), request.title(), details, actor, now),
                      Outcome.NONE);
                }
              }
              UUID id = UUID.randomUUID();
              Optional<UUID> inserted =
                  incidents.insert(
                      tenant,
                      id,
                      service.id(),
                      request.title().trim(),
                      details,
                      request.urgency(),
                      dedupKey,
                      actor.name(),
                      now);
              if (inserted.isEmpty()) {
                // Another trigger with this key opened the incident a moment ago.
                UUID open =
                    incidents.lockOpenByDedupKey(tenant, service.id(), dedupKey).orElseThrow();
                return new Triggered(
                    addAlert(h, tenant, open, request.title(), details, actor, now), Outcome.NONE);
              }
              incidents.insertAlert(
                  tenant, id, UUID.randomUUID(), request.title().trim(), details, now);
              Timeline.record(
                  h,
                  tenant,
                  id,
                  now,
                  "triggered",
                  actor.name(),
                  actor.channel(),
                  "Triggered by " + actor.name() + " on " + service.name(),
                  Map.of("urgency", request.urgency().wireName()));
              Incident incident = incidents.find(tenant, id).orElseThrow();
              Outcome outcome = Outcome.NONE;
              if (service.policyId() == null) {
                Timeline.record(
                    h,
                    tenant,
                    id,
                    now,
                    "unassigned",
                    "Switchboard",
                    null,
                    service.name() + " has no escalation policy: nobody is paged",
                    Map.of());
              } else {
                outcome =
                    engine.start(h, tenant, incident, service.policyId(), null, Origin.SERVICE);
              }
              // Numbered last: from here to commit the tenant's counter row is locked, and the
              // tenant's other triggers wait for it.
              long number = incidents.assignNumber(tenant, id);
              audit.record(
                  h,
                  caller,
                  "incident.triggered",
                  "incident",
                  id,
                  "triggered #" + number + " on " + service.name() + ": " + request.title().trim());
              return new Triggered(new TriggerResult(incident.numbered(number), false), outcome);
            });
    engine.dispatcher().dispatch(tenant, triggered.outcome().dueNow());
    return triggered.result();
  }

  public List<Incident> list(
      Caller caller, List<IncidentStatus> statuses, UUID serviceId, Long before, int limit) {
    String[] wire =
        statuses == null || statuses.isEmpty()
            ? null
            : statuses.stream().map(IncidentStatus::wireName).toArray(String[]::new);
    return db.inTenant(
        caller.tenantId(),
        h -> {
          if (serviceId != null) {
            service(h, caller.tenantId(), serviceId);
          }
          return Daos.on(h, IncidentDao.class)
              .list(caller.tenantId(), wire, serviceId, before, limit);
        });
  }

  public IncidentDetail get(Caller caller, UUID id) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          IncidentDao incidents = Daos.on(h, IncidentDao.class);
          Incident incident =
              incidents.find(tenant, id).orElseThrow(() -> new NotFoundException("incident"));
          return new IncidentDetail(
              incident,
              incidents.escalations(tenant, id),
              Daos.on(h, NotificationDao.class).ofIncident(tenant, id).stream()
                  .map(Notification::withMaskedAddress)
                  .toList(),
              incidents.timeline(tenant, id));
        });
  }

  /** Acknowledges: all paging stops. Acknowledging an acknowledged incident changes nothing. */
  public Transition acknowledge(TenantId tenant, UUID id, Actor actor) {
    return db.inTenant(
        tenant,
        h -> {
          Incident incident = lock(h, tenant, id);
          if (incident.status() == IncidentStatus.RESOLVED) {
            return new Transition(Change.ALREADY_RESOLVED, incident);
          }
          if (incident.status() == IncidentStatus.ACKNOWLEDGED) {
            return new Transition(Change.ALREADY_ACKNOWLEDGED, incident);
          }
          Instant now = clock.instant();
          engine.stopAll(h, tenant, id);
          Daos.on(h, IncidentDao.class).acknowledge(tenant, id, actor.name(), now);
          Timeline.record(
              h,
              tenant,
              id,
              now,
              "acknowledged",
              actor.name(),
              actor.channel(),
              "Acknowledged by " + actor.name() + " via " + channelLabel(actor.channel()),
              userDetail(actor));
          audit(
              h,
              tenant,
              actor,
              "incident.acknowledged",
              id,
              "acknowledged #" + incident.number() + " via " + channelLabel(actor.channel()));
          return new Transition(Change.DONE, reload(h, tenant, id));
        });
  }

  /** Resolves: everything pending for the incident is cancelled. */
  public Transition resolve(TenantId tenant, UUID id, Actor actor) {
    return db.inTenant(
        tenant,
        h -> {
          Incident incident = lock(h, tenant, id);
          if (incident.status() == IncidentStatus.RESOLVED) {
            return new Transition(Change.ALREADY_RESOLVED, incident);
          }
          Instant now = clock.instant();
          engine.stopAll(h, tenant, id);
          Daos.on(h, IncidentDao.class).resolve(tenant, id, actor.name(), now);
          Timeline.record(
              h,
              tenant,
              id,
              now,
              "resolved",
              actor.name(),
              actor.channel(),
              "Resolved by " + actor.name() + " via " + channelLabel(actor.channel()),
              userDetail(actor));
          audit(
              h,
              tenant,
              actor,
              "incident.resolved",
              id,
              "resolved #" + incident.number() + " via " + channelLabel(actor.channel()));
          return new Transition(Change.DONE, reload(h, tenant, id));
        });
  }

  /** Fires the next step of every active escalation now. Only a triggered incident escalates. */
  public Transition escalateNow(TenantId tenant, UUID id, Actor actor) {
    record Escalated(Transition transition, Outcome outcome) {}
    Escalated escalated =
        db.inTenant(
            tenant,
            h -> {
              Incident incident = lock(h, tenant, id);
              if (incident.status() == IncidentStatus.RESOLVED) {
                return new Escalated(
                    new Transition(Change.ALREADY_RESOLVED, incident), Outcome.NONE);
              }
              if (incident.status() == IncidentStatus.ACKNOWLEDGED) {
                return new Escalated(
                    new Transition(Change.ALREADY_ACKNOWLEDGED, incident), Outcome.NONE);
              }
              Instant now = clock.instant();
              Timeline.record(
                  h,
                  tenant,
                  id,
                  now,
                  "escalate_requested",
                  actor.name(),
                  actor.channel(),
                  actor.name() + " asked to escalate now via " + channelLabel(actor.channel()),
                  userDetail(actor));
              Outcome outcome = engine.escalateNow(h, tenant, incident);
              audit(
                  h,
                  tenant,
                  actor,
                  "incident.escalated",
                  id,
                  "escalated #" + incident.number() + " now");
              return new Escalated(new Transition(Change.DONE, reload(h, tenant, id)), outcome);
            });
    engine.dispatcher().dispatch(tenant, escalated.outcome().dueNow());
    return escalated.transition();
  }

  /**
   * Hands the incident to one user or another policy: current paging stops, the incident is
   * triggered again if it was acknowledged, and the new assignee is paged now.
   */
  public IncidentDetail reassign(Caller caller, UUID id, IncidentRequests.Reassign request) {
    if ((request.userId() == null) == (request.policyId() == null)) {
      throw new ValidationException("userId", "give exactly one of userId and policyId");
    }
    TenantId tenant = caller.tenantId();
    Actor actor = Actor.of(caller);
    Outcome outcome =
        db.inTenant(
            tenant,
            h -> {
              Incident incident = lock(h, tenant, id);
              if (incident.status() == IncidentStatus.RESOLVED) {
                throw new ConflictException("incident is resolved");
              }
              String assignee = assigneeName(h, tenant, request.userId(), request.policyId());
              Instant now = clock.instant();
              engine.stopAll(h, tenant, id);
              IncidentDao incidents = Daos.on(h, IncidentDao.class);
              if (incident.status() == IncidentStatus.ACKNOWLEDGED) {
                incidents.retrigger(tenant, id, now);
              }
              Timeline.record(
                  h,
                  tenant,
                  id,
                  now,
                  "reassigned",
                  actor.name(),
                  actor.channel(),
                  "Reassigned to " + assignee + " by " + actor.name(),
                  Map.of(
                      request.userId() != null ? "userId" : "policyId",
                      String.valueOf(
                          request.userId() != null ? request.userId() : request.policyId())));
              audit.record(
                  h,
                  caller,
                  "incident.reassigned",
                  "incident",
                  id,
                  "reassigned #" + incident.number() + " to " + assignee);
              return engine.start(
                  h,
                  tenant,
                  reload(h, tenant, id),
                  request.policyId(),
                  request.userId(),
                  Origin.REASSIGNMENT);
            });
    engine.dispatcher().dispatch(tenant, outcome.dueNow());
    return get(caller, id);
  }

  /** Pages another team's policy as well ("mobilise the payments team"), alongside the current. */
  public IncidentDetail addResponders(
      Caller caller, UUID id, IncidentRequests.AddResponders request) {
    TenantId tenant = caller.tenantId();
    Actor actor = Actor.of(caller);
    Outcome outcome =
        db.inTenant(
            tenant,
            h -> {
              Incident incident = lock(h, tenant, id);
              if (incident.status() == IncidentStatus.RESOLVED) {
                throw new ConflictException("incident is resolved");
              }
              String policy = assigneeName(h, tenant, null, request.policyId());
              Instant now = clock.instant();
              IncidentDao incidents = Daos.on(h, IncidentDao.class);
              if (incident.status() == IncidentStatus.ACKNOWLEDGED) {
                incidents.retrigger(tenant, id, now);
              }
              Timeline.record(
                  h,
                  tenant,
                  id,
                  now,
                  "responders_added",
                  actor.name(),
                  actor.channel(),
                  actor.name() + " added responders: " + policy,
                  Map.of("policyId", request.policyId().toString()));
              audit.record(
                  h,
                  caller,
                  "incident.responders_added",
                  "incident",
                  id,
                  "added " + policy + " as responders to #" + incident.number());
              return engine.start(
                  h, tenant, reload(h, tenant, id), request.policyId(), null, Origin.RESPONDER);
            });
    engine.dispatcher().dispatch(tenant, outcome.dueNow());
    return get(caller, id);
  }

  public IncidentDetail addNote(Caller caller, UUID id, IncidentRequests.Note request) {
    TenantId tenant = caller.tenantId();
    Actor actor = Actor.of(caller);
    db.useTenant(
        tenant,
        h -> {
          Incident incident = lock(h, tenant, id);
          Timeline.record(
              h,
              tenant,
              id,
              clock.instant(),
              "note",
              actor.name(),
              actor.channel(),
              request.text().trim(),
              userDetail(actor));
          audit.record(
              h,
              caller,
              "incident.note_added",
              "incident",
              id,
              "added a note to #" + incident.number());
        });
    return get(caller, id);
  }

  public IncidentDetail changeUrgency(
      Caller caller, UUID id, IncidentRequests.ChangeUrgency request) {
    TenantId tenant = caller.tenantId();
    Actor actor = Actor.of(caller);
    db.useTenant(
        tenant,
        h -> {
          Incident incident = lock(h, tenant, id);
          if (incident.urgency() == request.urgency()) {
            return;
          }
          if (incident.status() == IncidentStatus.RESOLVED) {
            throw new ConflictException("incident is resolved");
          }
          Instant now = clock.instant();
          Daos.on(h, IncidentDao.class).setUrgency(tenant, id, request.urgency(), now);
          Timeline.record(
              h,
              tenant,
              id,
              now,
              "urgency_changed",
              actor.name(),
              actor.channel(),
              actor.name()
                  + " changed urgency from "
                  + incident.urgency().wireName()
                  + " to "
                  + request.urgency().wireName(),
              Map.of("from", incident.urgency().wireName(), "to", request.urgency().wireName()));
          audit.record(
              h,
              caller,
              "incident.urgency_changed",
              "incident",
              id,
              "#" + incident.number() + " urgency " + request.urgency().wireName());
        });
    return get(caller, id);
  }

  /** The incident of a tenant with this number, for SMS replies. */
  public Optional<Incident> byNumber(TenantId tenant, long number) {
    return db.inTenant(tenant, h -> Daos.on(h, IncidentDao.class).findByNumber(tenant, number));
  }

  private TriggerResult addAlert(
      Handle h, TenantId tenant, UUID id, String title, String details, Actor actor, Instant now) {
    IncidentDao incidents = Daos.on(h, IncidentDao.class);
    incidents.insertAlert(tenant, id, UUID.randomUUID(), title.trim(), details, now);
    incidents.countAlert(tenant, id, now);
    Timeline.record(
        h,
        tenant,
        id,
        now,
        "alert_added",
        actor.name(),
        actor.channel(),
        "Another alert with the same dedup key: " + title.trim() + " (nobody paged again)",
        Map.of());
    return new TriggerResult(incidents.find(tenant, id).orElseThrow(), true);
  }

  private record ServiceRef(UUID id, String name, UUID policyId) {}

  private static ServiceRef service(Handle h, TenantId tenant, UUID id) {
    return h.createQuery(
            "SELECT id, name, escalation_policy_id FROM services"
                + " WHERE tenant_id = :tenant AND id = :id")
        .bind("tenant", tenant.value())
        .bind("id", id)
        .map(
            (rs, ctx) ->
                new ServiceRef(
                    rs.getObject("id", UUID.class),
                    rs.getString("name"),
                    rs.getObject("escalation_policy_id", UUID.class)))
        .findOne()
        .orElseThrow(() -> new NotFoundException("service"));
  }

  private static String assigneeName(Handle h, TenantId tenant, UUID userId, UUID policyId) {
    if (userId != null) {
      return h.createQuery(
              "SELECT name FROM users WHERE tenant_id = :tenant AND id = :id AND active")
          .bind("tenant", tenant.value())
          .bind("id", userId)
          .mapTo(String.class)
          .findOne()
          .orElseThrow(() -> new NotFoundException("user"));
    }
    return h.createQuery(
            "SELECT name FROM escalation_policies WHERE tenant_id = :tenant AND id = :id")
        .bind("tenant", tenant.value())
        .bind("id", policyId)
        .mapTo(String.class)
        .findOne()
        .orElseThrow(() -> new NotFoundException("escalation policy"));
  }

  private static Incident lock(Handle h, TenantId tenant, UUID id) {
    IncidentDao incidents = Daos.on(h, IncidentDao.class);
    incidents.lock(tenant, id).orElseThrow(() -> new NotFoundException("incident"));
    return incidents.find(tenant, id).orElseThrow();
  }

  private static Incident reload(Handle h, TenantId tenant, UUID id) {
    return Daos.on(h, IncidentDao.class).find(tenant, id).orElseThrow();
  }

  private void audit(
      Handle h, TenantId tenant, Actor actor, String action, UUID id, String summary) {
    audit.recordSystem(h, tenant, action, "incident", id, actor.name() + " " + summary);
  }

  private static Map<String, String> userDetail(Actor actor) {
    return actor.userId() == null ? Map.of() : Map.of("userId", actor.userId().toString());
  }

  static String channelLabel(String channel) {
    switch (channel) {
      case "sms":
        return "SMS";
      case "voice":
        return "phone";
      case "email":
        return "email link";
      case "web":
        return "the web UI";
      default:
        return "the API";
    }
  }
}
