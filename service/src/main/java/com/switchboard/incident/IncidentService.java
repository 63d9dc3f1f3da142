package com.switchboard.incident;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.escalation.Escalation.Origin;
import com.switchboard.escalation.EscalationDao;
import com.switchboard.escalation.EscalationEngine;
import com.switchboard.escalation.EscalationEngine.Outcome;
import com.switchboard.escalation.EscalationObserver;
import com.switchboard.notify.Notification;
import com.switchboard.notify.NotificationDao;
import com.switchboard.paging.Urgency;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.ConflictException;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.tenant.TenantId;
import com.switchboard.timeline.Timeline;
import com.switchboard.timeline.TimelineEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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

  /**
   * An incident another capability opens in its own transaction: on a service (its policy pages
   * unless {@code policyId} names another) or, for a breached support SLA, on no service with
   * {@code policyId} paging.
   */
  public record Opening(
      UUID serviceId, UUID policyId, String title, String details, Urgency urgency) {}

  /** What {@link #open} did; hand it to {@link #pageNow} after the commit. */
  public record Opened(Incident incident, Outcome outcome) {}

  /** Who escalation steps are by. */
  private static final Actor SWITCHBOARD = new Actor("Switchboard", null, null);

  private final List<IncidentObserver> observers = new CopyOnWriteArrayList<>();

  private final TenantDatabase db;
  private final EscalationEngine engine;
  private final AuditLog audit;
  private final Clock clock;

  public IncidentService(TenantDatabase db, EscalationEngine engine, AuditLog audit, Clock clock) {
    this.db = db;
    this.engine = engine;
    this.audit = audit;
    this.clock = clock;
    engine.observe(this::escalated);
  }

  /** Adds an observer; call while wiring, before requests arrive. */
  public void observe(IncidentObserver observer) {
    observers.add(observer);
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
              Optional<Opened> opened =
                  insertNew(
                      h,
                      tenant,
                      actor,
                      service,
                      service.policyId(),
                      request.title(),
                      details,
                      request.urgency(),
                      dedupKey,
                      now);
              if (opened.isEmpty()) {
                // Another trigger with this key opened the incident a moment ago.
                UUID open =
                    incidents.lockOpenByDedupKey(tenant, service.id(), dedupKey).orElseThrow();
                return new Triggered(
                    addAlert(h, tenant, open, request.title(), details, actor, now), Outcome.NONE);
              }
              UUID id = opened.get().incident().id();
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
              Incident numbered = opened.get().incident().numbered(number);
              notifyTriggered(h, tenant, numbered, actor, now);
              return new Triggered(new TriggerResult(numbered, false), opened.get().outcome());
            });
    engine.dispatcher().dispatch(tenant, triggered.outcome().dueNow());
    return triggered.result();
  }

  /** Someone an incident paged, or who is assigned to it directly. */
  public record PagedUser(UUID id, String name) {}

  /**
   * A page of the list: the incidents, newest first, and for each (by id) the people it paged or is
   * assigned to directly, first paged first.
   */
  public record IncidentList(List<Incident> items, Map<UUID, List<PagedUser>> paged) {}

  /**
   * Incidents newest first, of some statuses (empty: all), of one service and of one person (those
   * that paged them or are assigned to them) when given; an unknown service or user is a 404.
   */
  public IncidentList list(
      Caller caller,
      List<IncidentStatus> statuses,
      UUID serviceId,
      UUID userId,
      Long before,
      int limit) {
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
          if (userId != null
              && h.createQuery("SELECT 1 FROM users WHERE tenant_id = :tenant AND id = :id")
                  .bind("tenant", caller.tenantId().value())
                  .bind("id", userId)
                  .mapTo(Integer.class)
                  .findOne()
                  .isEmpty()) {
            throw new NotFoundException("user");
          }
          IncidentDao dao = Daos.on(h, IncidentDao.class);
          List<Incident> items =
              dao.list(caller.tenantId(), wire, serviceId, userId, before, limit);
          Map<UUID, List<PagedUser>> paged = new LinkedHashMap<>();
          for (Incident incident : items) {
            paged.put(incident.id(), new ArrayList<>());
          }
          if (!items.isEmpty()) {
            for (IncidentDao.PagedPerson p :
                dao.pagedPeople(
                    caller.tenantId(), items.stream().map(Incident::id).toArray(UUID[]::new))) {
              paged.get(p.incidentId()).add(new PagedUser(p.userId(), p.name()));
            }
          }
          return new IncidentList(items, paged);
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
              Daos.on(h, EscalationDao.class).escalations(tenant, id),
              Daos.on(h, NotificationDao.class).ofIncident(tenant, id).stream()
                  .map(Notification::withMaskedAddress)
                  .toList(),
              Timeline.events(h, tenant, id));
        });
  }

  /** Acknowledges: all paging stops. Acknowledging an acknowledged incident changes nothing. */
  public Transition acknowledge(TenantId tenant, UUID id, Actor actor) {
    return db.inTenant(tenant, h -> acknowledge(h, tenant, id, actor));
  }

  /** {@link #acknowledge(TenantId, UUID, Actor)} inside the caller's transaction. */
  public Transition acknowledge(Handle h, TenantId tenant, UUID id, Actor actor) {
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
    return new Transition(
        Change.DONE,
        recordStatusChange(
            h, tenant, incident, actor, "acknowledged", IncidentChange.Kind.ACKNOWLEDGED, now));
  }

  /** Resolves: everything pending for the incident is cancelled. */
  public Transition resolve(TenantId tenant, UUID id, Actor actor) {
    return db.inTenant(tenant, h -> resolve(h, tenant, id, actor));
  }

  /** {@link #resolve(TenantId, UUID, Actor)} inside the caller's transaction. */
  public Transition resolve(Handle h, TenantId tenant, UUID id, Actor actor) {
    Incident incident = lock(h, tenant, id);
    if (incident.status() == IncidentStatus.RESOLVED) {
      return new Transition(Change.ALREADY_RESOLVED, incident);
    }
    Instant now = clock.instant();
    engine.stopAll(h, tenant, id);
    Daos.on(h, IncidentDao.class).resolve(tenant, id, actor.name(), now);
    return new Transition(
        Change.DONE,
        recordStatusChange(
            h, tenant, incident, actor, "resolved", IncidentChange.Kind.RESOLVED, now));
  }

  /**
   * What an acknowledge or resolve records besides the status: the timeline event, the audit entry
   * ({@code incident.<verb>}) and the observers' change; returns the incident reloaded.
   */
  private Incident recordStatusChange(
      Handle h,
      TenantId tenant,
      Incident incident,
      Actor actor,
      String verb,
      IncidentChange.Kind kind,
      Instant now) {
    UUID id = incident.id();
    String by = Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + " by " + actor.name();
    Timeline.record(
        h,
        tenant,
        id,
        now,
        verb,
        actor.name(),
        actor.channel(),
        by + " via " + channelLabel(actor.channel()),
        userDetail(actor));
    audit(
        h,
        tenant,
        actor,
        "incident." + verb,
        id,
        verb + " #" + incident.number() + " via " + channelLabel(actor.channel()));
    Incident changed = reload(h, tenant, id);
    notifyObservers(h, tenant, changed, new IncidentChange(kind, actor, by, now));
    return changed;
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
              Outcome outcome = engine.escalateNow(h, tenant, incident.subject());
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
              Incident reassigned = reload(h, tenant, id);
              notifyObservers(
                  h,
                  tenant,
                  reassigned,
                  new IncidentChange(
                      IncidentChange.Kind.REASSIGNED,
                      actor,
                      "Reassigned to " + assignee + " by " + actor.name(),
                      now));
              return engine.start(
                  h,
                  tenant,
                  reassigned.subject(),
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
    Outcome outcome =
        db.inTenant(
            tenant, h -> addResponders(h, tenant, id, Actor.of(caller), request.policyId(), null));
    pageNow(tenant, outcome);
    return get(caller, id);
  }

  public IncidentDetail addNote(Caller caller, UUID id, IncidentRequests.Note request) {
    TenantId tenant = caller.tenantId();
    Actor actor = Actor.of(caller);
    db.useTenant(
        tenant,
        h -> {
          Incident incident = lock(h, tenant, id);
          Instant now = clock.instant();
          String text = request.text().trim();
          Timeline.record(
              h, tenant, id, now, "note", actor.name(), actor.channel(), text, userDetail(actor));
          audit.record(
              h,
              caller,
              "incident.note_added",
              "incident",
              id,
              "added a note to #" + incident.number());
          notifyObservers(
              h, tenant, incident, new IncidentChange(IncidentChange.Kind.NOTE, actor, text, now));
        });
    return get(caller, id);
  }

  public IncidentDetail changeUrgency(
      Caller caller, UUID id, IncidentRequests.ChangeUrgency request) {
    TenantId tenant = caller.tenantId();
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
          changeUrgency(h, tenant, incident, Actor.of(caller), request.urgency(), null);
        });
    return get(caller, id);
  }

  private void changeUrgency(
      Handle h, TenantId tenant, Incident incident, Actor actor, Urgency urgency, String reason) {
    Instant now = clock.instant();
    UUID id = incident.id();
    Daos.on(h, IncidentDao.class).setUrgency(tenant, id, urgency, now);
    String summary =
        actor.name()
            + " changed urgency from "
            + incident.urgency().wireName()
            + " to "
            + urgency.wireName()
            + (reason == null ? "" : " (" + reason + ")");
    Timeline.record(
        h,
        tenant,
        id,
        now,
        "urgency_changed",
        actor.name(),
        actor.channel(),
        summary,
        Map.of("from", incident.urgency().wireName(), "to", urgency.wireName()));
    audit(
        h,
        tenant,
        actor,
        "incident.urgency_changed",
        id,
        "#" + incident.number() + " urgency " + urgency.wireName());
    notifyObservers(
        h,
        tenant,
        reload(h, tenant, id),
        new IncidentChange(IncidentChange.Kind.URGENCY_CHANGED, actor, summary, now));
  }

  /**
   * Opens an incident inside the caller's transaction, numbered and paging from commit on; no
   * deduplication. Call {@link #pageNow} after the commit to send the first pages at once (the
   * delivery sweeper sends them otherwise).
   */
  public Opened open(Handle h, TenantId tenant, Actor actor, Opening opening) {
    Instant now = clock.instant();
    ServiceRef service =
        opening.serviceId() == null ? null : service(h, tenant, opening.serviceId());
    UUID policyId =
        opening.policyId() != null
            ? opening.policyId()
            : service == null ? null : service.policyId();
    if (opening.policyId() != null) {
      assigneeName(h, tenant, null, opening.policyId());
    }
    Opened opened =
        insertNew(
                h,
                tenant,
                actor,
                service,
                policyId,
                opening.title(),
                opening.details() == null ? "" : opening.details(),
                opening.urgency(),
                null,
                now)
            .orElseThrow();
    IncidentDao incidents = Daos.on(h, IncidentDao.class);
    long number = incidents.assignNumber(tenant, opened.incident().id());
    audit(
        h,
        tenant,
        actor,
        "incident.triggered",
        opened.incident().id(),
        "triggered #" + number + " on " + serviceName(service) + ": " + opening.title().trim());
    Incident numbered = opened.incident().numbered(number);
    notifyTriggered(h, tenant, numbered, actor, now);
    return new Opened(numbered, opened.outcome());
  }

  /**
   * Counts more alerts on open incidents inside the caller's transaction, one statement for all:
   * {@code events} maps incident ids to how many alert events each gained (its alert count), and
   * {@code newAlerts} to how many distinct alerts (new dedup keys) were attached to it. Nobody is
   * paged again. The timeline says when new alerts join; repeats of an alert it already holds only
   * count, or a storm of repeats would bury the timeline.
   */
  public void countAlerts(
      Handle h, TenantId tenant, Map<UUID, Integer> events, Map<UUID, Integer> newAlerts) {
    if (events.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    UUID[] ids = events.keySet().toArray(UUID[]::new);
    Integer[] counts = events.values().toArray(Integer[]::new);
    Daos.on(h, IncidentDao.class).countAlerts(tenant, ids, counts, now);
    for (Map.Entry<UUID, Integer> entry : newAlerts.entrySet()) {
      int n = entry.getValue();
      if (n == 0) {
        continue;
      }
      Timeline.record(
          h,
          tenant,
          entry.getKey(),
          now,
          "alert_added",
          "Switchboard",
          null,
          (n == 1 ? "Another alert" : n + " more alerts") + " (nobody paged again)",
          Map.of("count", String.valueOf(n)));
    }
  }

  /** Sends now what {@link #open} or another in-transaction change made due. */
  public void pageNow(TenantId tenant, Outcome outcome) {
    engine.dispatcher().dispatch(tenant, outcome.dueNow());
  }

  /**
   * A status update for stakeholders: on the timeline, and handed to the observers (linked support
   * tickets pass it on to their customers). Unlike a note, it is meant to be read outside.
   */
  public IncidentDetail postStatusUpdate(
      Caller caller, UUID id, IncidentRequests.StatusUpdate request) {
    TenantId tenant = caller.tenantId();
    Actor actor = Actor.of(caller);
    db.useTenant(
        tenant,
        h -> {
          Incident incident = lock(h, tenant, id);
          Instant now = clock.instant();
          String message = request.message().trim();
          Timeline.record(
              h,
              tenant,
              id,
              now,
              "status_update",
              actor.name(),
              actor.channel(),
              message,
              userDetail(actor));
          audit.record(
              h,
              caller,
              "incident.status_update_posted",
              "incident",
              id,
              "posted a status update on #" + incident.number());
          notifyObservers(
              h,
              tenant,
              incident,
              new IncidentChange(IncidentChange.Kind.STATUS_UPDATE, actor, message, now));
        });
    return get(caller, id);
  }

  /**
   * Raises urgency inside the caller's transaction; nothing happens when it is already as high or
   * the incident is resolved. Returns whether it changed.
   */
  public boolean raiseUrgency(
      Handle h, TenantId tenant, UUID id, Actor actor, Urgency urgency, String reason) {
    Incident incident = lock(h, tenant, id);
    if (incident.urgency() == urgency
        || urgency == Urgency.LOW
        || incident.status() == IncidentStatus.RESOLVED) {
      return false;
    }
    changeUrgency(h, tenant, incident, actor, urgency, reason);
    return true;
  }

  /**
   * Pages another policy as well, inside the caller's transaction (see {@link #addResponders}).
   * Hand the outcome to {@link #pageNow} after the commit.
   */
  public Outcome addResponders(
      Handle h, TenantId tenant, UUID id, Actor actor, UUID policyId, String reason) {
    Incident incident = lock(h, tenant, id);
    if (incident.status() == IncidentStatus.RESOLVED) {
      throw new ConflictException("incident is resolved");
    }
    String policy = assigneeName(h, tenant, null, policyId);
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
        actor.name() + " added responders: " + policy + (reason == null ? "" : " (" + reason + ")"),
        Map.of("policyId", policyId.toString()));
    audit(
        h,
        tenant,
        actor,
        "incident.responders_added",
        id,
        "added " + policy + " as responders to #" + incident.number());
    return engine.start(
        h, tenant, reload(h, tenant, id).subject(), policyId, null, Origin.RESPONDER);
  }

  /**
   * Writes a timeline event for something another capability did to the incident ("ticket T-42
   * linked"), in the caller's transaction.
   */
  public void recordOnTimeline(
      Handle h, TenantId tenant, UUID id, Actor actor, String kind, String message) {
    Timeline.record(
        h,
        tenant,
        id,
        clock.instant(),
        kind,
        actor.name(),
        actor.channel(),
        message,
        userDetail(actor));
  }

  /** The incident, read in the caller's transaction. */
  public Optional<Incident> find(Handle h, TenantId tenant, UUID id) {
    return Daos.on(h, IncidentDao.class).find(tenant, id);
  }

  public List<TimelineEvent> timeline(Handle h, TenantId tenant, UUID id) {
    return Timeline.events(h, tenant, id);
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

  /**
   * Inserts a new incident with its alert and first timeline events and starts paging; empty when
   * an open incident of the service already holds {@code dedupKey}. The caller numbers it.
   */
  private Optional<Opened> insertNew(
      Handle h,
      TenantId tenant,
      Actor actor,
      ServiceRef service,
      UUID policyId,
      String title,
      String details,
      Urgency urgency,
      String dedupKey,
      Instant now) {
    IncidentDao incidents = Daos.on(h, IncidentDao.class);
    UUID id = UUID.randomUUID();
    Optional<UUID> inserted =
        incidents.insert(
            tenant,
            id,
            service == null ? null : service.id(),
            title.trim(),
            details,
            urgency,
            dedupKey,
            actor.name(),
            now);
    if (inserted.isEmpty()) {
      return Optional.empty();
    }
    incidents.insertAlert(tenant, id, UUID.randomUUID(), title.trim(), details, now);
    Timeline.record(
        h,
        tenant,
        id,
        now,
        "triggered",
        actor.name(),
        actor.channel(),
        "Triggered by " + actor.name() + " on " + serviceName(service),
        Map.of("urgency", urgency.wireName()));
    Incident incident = incidents.find(tenant, id).orElseThrow();
    if (policyId == null) {
      Timeline.record(
          h,
          tenant,
          id,
          now,
          "unassigned",
          "Switchboard",
          null,
          serviceName(service) + " has no escalation policy: nobody is paged",
          Map.of());
      return Optional.of(new Opened(incident, Outcome.NONE));
    }
    return Optional.of(
        new Opened(
            incident, engine.start(h, tenant, incident.subject(), policyId, null, Origin.SERVICE)));
  }

  private static String serviceName(ServiceRef service) {
    return service == null ? IncidentDao.NO_SERVICE_NAME : service.name();
  }

  private void notifyTriggered(
      Handle h, TenantId tenant, Incident incident, Actor actor, Instant now) {
    notifyObservers(
        h,
        tenant,
        incident,
        new IncidentChange(
            IncidentChange.Kind.TRIGGERED,
            actor,
            "Triggered by " + actor.name() + " on " + incident.serviceName(),
            now));
  }

  /**
   * A step after an escalation's first ran (the first step's pages belong to the trigger or the
   * reassignment): the observers hear of it as {@link IncidentChange.Kind#ESCALATED}.
   */
  private void escalated(Handle h, TenantId tenant, EscalationObserver.StepRan ran) {
    if (ran.first() || observers.isEmpty()) {
      return;
    }
    String summary =
        (ran.policyName() == null ? "Direct page" : "Escalation policy " + ran.policyName())
            + ": step "
            + (ran.step() + 1)
            + (ran.round() > 0 ? ", repeat " + ran.round() : "");
    notifyObservers(
        h,
        tenant,
        reload(h, tenant, ran.incidentId()),
        new IncidentChange(
            IncidentChange.Kind.ESCALATED,
            SWITCHBOARD,
            summary,
            ran.at(),
            new IncidentChange.Step(
                ran.policyId(),
                ran.policyName(),
                ran.round(),
                ran.step(),
                ran.paged().stream()
                    .map(p -> new IncidentChange.PagedPerson(p.userId(), p.name()))
                    .toList())));
  }

  private void notifyObservers(
      Handle h, TenantId tenant, Incident incident, IncidentChange change) {
    for (IncidentObserver observer : observers) {
      observer.changed(h, tenant, incident, change);
    }
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

  /** The incident, locked until the caller's transaction ends; 404 when it is not the tenant's. */
  public Incident lock(Handle h, TenantId tenant, UUID id) {
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
    if (channel == null) {
      return "Switchboard";
    }
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
