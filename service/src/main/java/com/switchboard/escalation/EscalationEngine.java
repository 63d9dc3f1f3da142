package com.switchboard.escalation;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.switchboard.contact.ContactDao;
import com.switchboard.contact.ContactDao.PlannedRule;
import com.switchboard.escalation.Escalation.Origin;
import com.switchboard.escalation.Escalation.State;
import com.switchboard.escalation.EscalationPlanner.Position;
import com.switchboard.escalation.EscalationPolicy.TargetType;
import com.switchboard.escalation.EscalationPolicy.TeamMode;
import com.switchboard.escalation.EscalationPolicyDao.PolicyRow;
import com.switchboard.escalation.EscalationPolicyDao.StepRow;
import com.switchboard.escalation.EscalationPolicyDao.TargetRow;
import com.switchboard.escalation.PagingHold.Hold;
import com.switchboard.notify.Notification.Status;
import com.switchboard.notify.NotificationDao;
import com.switchboard.notify.NotificationDispatcher;
import com.switchboard.paging.PageSubject;
import com.switchboard.paging.Urgency;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.schedule.OnCallService;
import com.switchboard.tenant.TenantId;
import com.switchboard.timeline.Timeline;
import com.switchboard.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;

/**
 * Pages people step after step until someone acknowledges.
 *
 * <p>A step, when it fires: works out who its targets are now (a schedule's on-call person at this
 * instant, a team's members or its next member in turn), writes one notification per person and
 * notification rule under an idempotency key, schedules the delayed rules and the next step as
 * Quartz triggers, and records it all on the timeline — in one transaction. Messages due at once
 * are handed to the {@link NotificationDispatcher} after the commit.
 *
 * <p>Re-running a step is harmless: the escalation row says which step fired last, so a step that
 * already ran only re-dispatches its unsent messages, and the idempotency keys stop a second copy
 * of any message.
 */
public class EscalationEngine {
  /** Messages to hand to the dispatcher once the transaction that wrote them commits. */
  public record Outcome(List<UUID> dueNow) {
    public static final Outcome NONE = new Outcome(List.of());
  }

  private final TenantDatabase db;
  private final OnCallService onCall;
  private final EscalationJobs jobs;
  private final NotificationDispatcher dispatcher;
  private final Clock clock;
  private final Counter watchdogFired;
  private final Counter stepsHandedOver;
  private final List<EscalationObserver> observers = new CopyOnWriteArrayList<>();

  /** Steps the watchdog fired because their own trigger did not. */
  public static final String WATCHDOG_FIRED = "switchboard.escalation.watchdog.fired";

  /** Step jobs that failed on every retry and left their step to the watchdog. */
  public static final String STEP_JOBS_FAILED = "switchboard.escalation.step.failed";

  public EscalationEngine(
      TenantDatabase db,
      OnCallService onCall,
      EscalationJobs jobs,
      NotificationDispatcher dispatcher,
      Clock clock,
      MetricRegistry metrics) {
    this.db = db;
    this.onCall = onCall;
    this.jobs = jobs;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.watchdogFired = metrics.counter(WATCHDOG_FIRED);
    this.stepsHandedOver = metrics.counter(STEP_JOBS_FAILED);
  }

  /** Adds an observer of the steps that run; call while wiring, before requests arrive. */
  public void observe(EscalationObserver observer) {
    observers.add(observer);
  }

  public NotificationDispatcher dispatcher() {
    return dispatcher;
  }

  /**
   * Starts paging a policy (or one user) for an incident, inside the caller's transaction, and runs
   * its first step now.
   */
  public Outcome start(
      Handle h, TenantId tenant, PageSubject incident, UUID policyId, UUID userId, Origin origin) {
    UUID escalationId = UUID.randomUUID();
    Instant now = clock.instant();
    EscalationDao escalations = Daos.on(h, EscalationDao.class);
    // A person's explicit reassignment pages at once; the service's own policy may have to wait.
    Optional<Hold> hold =
        origin == Origin.SERVICE
            ? PagingWindowsService.hold(h, tenant, incident.serviceId(), incident.urgency(), now)
            : Optional.empty();
    if (hold.isPresent()) {
      escalations.insertEscalation(
          tenant,
          incident.id(),
          escalationId,
          policyId,
          userId,
          origin,
          State.WAITING,
          hold.get().until(),
          now);
      jobs.scheduleStart(tenant, incident.id(), escalationId, hold.get().until());
      recordHold(h, tenant, incident, hold.get(), now);
      return Outcome.NONE;
    }
    escalations.insertEscalation(
        tenant, incident.id(), escalationId, policyId, userId, origin, State.ACTIVE, null, now);
    return runStep(h, tenant, incident, escalationId, policyId, userId, 0, 0, now);
  }

  /** The step job's entry point. */
  public void fireStep(
      TenantId tenant, UUID incidentId, UUID escalationId, int round, int step, Instant dueAt) {
    Outcome outcome =
        db.inTenant(
            tenant,
            h -> {
              PageSubject incident = PageSubject.lock(h, tenant, incidentId).orElse(null);
              if (incident == null) {
                return Outcome.NONE;
              }
              Optional<Escalation> found =
                  Daos.on(h, EscalationDao.class).lockEscalation(tenant, escalationId);
              if (found.isEmpty() || !incident.triggered()) {
                return Outcome.NONE;
              }
              Escalation escalation = found.get();
              if (escalation.state() == State.WAITING) {
                return endWait(h, tenant, incident, escalation);
              }
              int ranBefore =
                  Integer.compare(escalation.round(), round) != 0
                      ? Integer.compare(escalation.round(), round)
                      : Integer.compare(escalation.step(), step);
              if (ranBefore == 0) {
                // This step already ran (its node died before finishing the job): send what it
                // wrote and did not send.
                return new Outcome(
                    Daos.on(h, NotificationDao.class)
                        .pendingOfEscalation(tenant, incidentId, escalationId));
              }
              if (ranBefore > 0) {
                // A recovered job for a step the escalation has moved past: running it again
                // would page people twice and move the escalation backwards.
                return Outcome.NONE;
              }
              if (escalation.state() != State.ACTIVE) {
                return Outcome.NONE;
              }
              return runStep(
                  h,
                  tenant,
                  incident,
                  escalationId,
                  escalation.policyId(),
                  escalation.userId(),
                  round,
                  step,
                  dueAt);
            });
    dispatcher.dispatch(tenant, outcome.dueNow());
  }

  /**
   * The watchdog's entry point: fires the next step of an escalation (or ends its wait) if it is
   * still due by more than {@code grace}, as seen under the escalation's lock, and records that on
   * the timeline. Returns whether it fired. A step job that turns up later finds the step ran and
   * only re-dispatches its unsent messages.
   */
  public boolean fireOverdue(TenantId tenant, UUID incidentId, UUID escalationId, Duration grace) {
    Optional<Outcome> outcome =
        db.inTenant(
            tenant,
            h -> {
              Instant now = clock.instant();
              PageSubject incident = PageSubject.lock(h, tenant, incidentId).orElse(null);
              if (incident == null) {
                return Optional.<Outcome>empty();
              }
              Escalation escalation =
                  Daos.on(h, EscalationDao.class).lockEscalation(tenant, escalationId).orElse(null);
              if (escalation == null
                  || !incident.triggered()
                  || (escalation.state() != State.ACTIVE && escalation.state() != State.WAITING)
                  || escalation.nextAt() == null
                  || !escalation.nextAt().isBefore(now.minus(grace))) {
                return Optional.<Outcome>empty();
              }
              Duration late = Duration.between(escalation.nextAt(), now);
              if (escalation.state() == State.WAITING) {
                recordWatchdog(h, tenant, incident, escalation, "The start of paging", late, now);
                return Optional.of(endWait(h, tenant, incident, escalation));
              }
              Position next = nextPosition(h, tenant, escalation);
              recordWatchdog(
                  h,
                  tenant,
                  incident,
                  escalation,
                  "Step "
                      + (next.step() + 1)
                      + (next.round() > 0 ? ", repeat " + next.round() : ""),
                  late,
                  now);
              return Optional.of(
                  runStep(
                      h,
                      tenant,
                      incident,
                      escalationId,
                      escalation.policyId(),
                      escalation.userId(),
                      next.round(),
                      next.step(),
                      escalation.nextAt()));
            });
    if (outcome.isEmpty()) {
      return false;
    }
    watchdogFired.inc();
    dispatcher.dispatch(tenant, outcome.get().dueNow());
    return true;
  }

  private static Position nextPosition(Handle h, TenantId tenant, Escalation escalation) {
    EscalationPolicyDao policies = Daos.on(h, EscalationPolicyDao.class);
    Optional<PolicyRow> policy =
        escalation.policyId() == null
            ? Optional.empty()
            : policies.find(tenant, escalation.policyId());
    if (policy.isEmpty()) {
      // runStep says the policy is gone and ends the escalation.
      return new Position(escalation.round(), escalation.step() + 1);
    }
    int stepCount = policies.steps(tenant, List.of(policy.get().id())).size();
    return EscalationPlanner.next(
        escalation.round(), escalation.step(), stepCount, policy.get().repeatCount());
  }

  private static void recordWatchdog(
      Handle h,
      TenantId tenant,
      PageSubject incident,
      Escalation escalation,
      String what,
      Duration late,
      Instant now) {
    Timeline.record(
        h,
        tenant,
        incident.id(),
        now,
        "watchdog_fired",
        "Switchboard",
        null,
        what + " fired by the watchdog, " + late.toSeconds() + " s late",
        Map.of(
            "escalationId",
            escalation.id().toString(),
            "dueAt",
            escalation.nextAt().toString(),
            "lateSeconds",
            late.toSeconds()));
  }

  /**
   * A step job failed on every retry: says so on the timeline and in {@link #STEP_JOBS_FAILED}; the
   * watchdog fires the step once it is overdue. Best effort: the database may be what failed.
   */
  public void stepJobFailed(
      TenantId tenant, UUID incidentId, int round, int step, int tries, RuntimeException cause) {
    stepsHandedOver.inc();
    db.inTenant(
        tenant,
        h -> {
          Timeline.record(
              h,
              tenant,
              incidentId,
              clock.instant(),
              "step_failed",
              "Switchboard",
              null,
              "Step "
                  + (step + 1)
                  + (round > 0 ? ", repeat " + round : "")
                  + " failed to fire "
                  + tries
                  + " times; the watchdog will fire it",
              Map.of("round", round, "step", step));
          return null;
        });
  }

  /** A waiting escalation's start fired: wait on if the hold was extended, else page now. */
  private Outcome endWait(Handle h, TenantId tenant, PageSubject incident, Escalation escalation) {
    Instant now = clock.instant();
    Optional<Hold> hold =
        PagingWindowsService.hold(h, tenant, incident.serviceId(), incident.urgency(), now);
    if (hold.isPresent()) {
      Daos.on(h, EscalationDao.class)
          .moveEscalation(tenant, escalation.id(), State.WAITING, 0, 0, hold.get().until(), now);
      jobs.scheduleStart(tenant, incident.id(), escalation.id(), hold.get().until());
      recordHold(h, tenant, incident, hold.get(), now);
      return Outcome.NONE;
    }
    return runStep(
        h,
        tenant,
        incident,
        escalation.id(),
        escalation.policyId(),
        escalation.userId(),
        0,
        0,
        now);
  }

  private static void recordHold(
      Handle h, TenantId tenant, PageSubject incident, Hold hold, Instant now) {
    Timeline.record(
        h,
        tenant,
        incident.id(),
        now,
        "paging_held",
        "Switchboard",
        null,
        "Nobody is paged yet: " + hold.reason() + "; paging starts at " + hold.until(),
        Map.of("until", hold.until().toString(), "reason", hold.reason()));
  }

  /**
   * Fires the next step of every active escalation of the incident now ("escalate now"), inside the
   * caller's transaction. The incident must be locked by the caller.
   */
  public Outcome escalateNow(Handle h, TenantId tenant, PageSubject incident) {
    EscalationDao escalations = Daos.on(h, EscalationDao.class);
    List<UUID> due = new ArrayList<>();
    for (Escalation escalation : escalations.escalations(tenant, incident.id())) {
      if (escalation.state() != State.ACTIVE || escalation.policyId() == null) {
        continue;
      }
      escalations.lockEscalation(tenant, escalation.id());
      PolicyRow policy =
          Daos.on(h, EscalationPolicyDao.class).find(tenant, escalation.policyId()).orElse(null);
      if (policy == null) {
        continue;
      }
      int stepCount =
          Daos.on(h, EscalationPolicyDao.class).steps(tenant, List.of(policy.id())).size();
      Position next =
          EscalationPlanner.next(
              escalation.round(), escalation.step(), stepCount, policy.repeatCount());
      jobs.cancel(
          EscalationJobs.stepKey(incident.id(), escalation.id(), next.round(), next.step()));
      due.addAll(
          runStep(
                  h,
                  tenant,
                  incident,
                  escalation.id(),
                  escalation.policyId(),
                  null,
                  next.round(),
                  next.step(),
                  clock.instant())
              .dueNow());
    }
    return new Outcome(due);
  }

  /**
   * Stops all paging for an incident inside the caller's transaction: escalations end, messages not
   * yet sent are cancelled, and the incident's Quartz jobs are deleted.
   */
  public void stopAll(Handle h, TenantId tenant, UUID incidentId) {
    Instant now = clock.instant();
    Daos.on(h, EscalationDao.class).stopEscalations(tenant, incidentId, now);
    Daos.on(h, NotificationDao.class).cancelUnsent(tenant, incidentId, now);
    jobs.cancelAll(incidentId);
  }

  private Outcome runStep(
      Handle h,
      TenantId tenant,
      PageSubject incident,
      UUID escalationId,
      UUID policyId,
      UUID directUser,
      int round,
      int step,
      Instant dueAt) {
    EscalationDao escalations = Daos.on(h, EscalationDao.class);
    Instant now = clock.instant();
    List<EscalationObserver.Paged> paged = new ArrayList<>();
    if (policyId == null) {
      List<UUID> due =
          page(h, tenant, incident, escalationId, round, step, dueAt, List.of(directUser), paged);
      escalations.moveEscalation(tenant, escalationId, State.ACTIVE, round, step, null, now);
      stepRan(h, tenant, incident, escalationId, policyId, null, round, step, paged, now);
      return new Outcome(due);
    }
    EscalationPolicyDao policies = Daos.on(h, EscalationPolicyDao.class);
    // Not locked: round-robin turns are taken by an atomic update of their target row, so steps
    // of one policy for different incidents run side by side.
    Optional<PolicyRow> policy = policies.find(tenant, policyId);
    if (policy.isEmpty()) {
      escalations.moveEscalation(tenant, escalationId, State.EXHAUSTED, round, step, null, now);
      Timeline.record(
          h,
          tenant,
          incident.id(),
          now,
          "exhausted",
          "Switchboard",
          null,
          "The escalation policy no longer exists; nobody more will be paged",
          Map.of());
      return Outcome.NONE;
    }
    List<StepRow> steps = policies.steps(tenant, List.of(policyId));
    int repeatCount = policy.get().repeatCount();
    if (new Position(round, step).exhausts(repeatCount) || step >= steps.size()) {
      escalations.moveEscalation(tenant, escalationId, State.EXHAUSTED, round, step, null, now);
      Timeline.record(
          h,
          tenant,
          incident.id(),
          now,
          "exhausted",
          "Switchboard",
          null,
          "Escalation policy "
              + policy.get().name()
              + " ran every step "
              + (repeatCount + 1)
              + (repeatCount == 0 ? " time" : " times")
              + " and nobody acknowledged; the incident stays triggered",
          Map.of("policyId", policyId.toString(), "rounds", repeatCount + 1));
      return Outcome.NONE;
    }
    List<TargetRow> targets =
        policies.targets(tenant, List.of(policyId)).stream()
            .filter(t -> t.position() == step)
            .toList();
    List<UUID> users = resolveTargets(h, tenant, incident, policyId, targets, now);
    Timeline.record(
        h,
        tenant,
        incident.id(),
        now,
        "escalated",
        "Switchboard",
        null,
        "Escalation policy "
            + policy.get().name()
            + ": step "
            + (step + 1)
            + (round > 0 ? ", repeat " + round : "")
            + (users.isEmpty() ? ": nobody to page" : ""),
        Map.of("policyId", policyId.toString(), "round", round, "step", step));
    List<UUID> due = page(h, tenant, incident, escalationId, round, step, dueAt, users, paged);
    stepRan(
        h, tenant, incident, escalationId, policyId, policy.get().name(), round, step, paged, now);

    Position next = EscalationPlanner.next(round, step, steps.size(), repeatCount);
    Instant nextAt = dueAt.plus(Duration.ofMinutes(steps.get(step).delayMinutes()));
    if (nextAt.isBefore(now)) {
      nextAt = now;
    }
    jobs.scheduleStep(tenant, incident.id(), escalationId, next.round(), next.step(), nextAt);
    escalations.moveEscalation(tenant, escalationId, State.ACTIVE, round, step, nextAt, now);
    return new Outcome(due);
  }

  private void stepRan(
      Handle h,
      TenantId tenant,
      PageSubject incident,
      UUID escalationId,
      UUID policyId,
      String policyName,
      int round,
      int step,
      List<EscalationObserver.Paged> paged,
      Instant now) {
    EscalationObserver.StepRan ran =
        new EscalationObserver.StepRan(
            incident.id(),
            escalationId,
            policyId,
            policyName,
            round,
            step,
            List.copyOf(paged),
            now);
    for (EscalationObserver observer : observers) {
      observer.stepRan(h, tenant, ran);
    }
  }

  /** The people a step's targets stand for now, each once, in target order. */
  private List<UUID> resolveTargets(
      Handle h,
      TenantId tenant,
      PageSubject incident,
      UUID policyId,
      List<TargetRow> targets,
      Instant now) {
    Set<UUID> users = new LinkedHashSet<>();
    for (TargetRow target : targets) {
      if (target.name() == null) {
        Timeline.record(
            h,
            tenant,
            incident.id(),
            now,
            "target_missing",
            "Switchboard",
            null,
            "A " + target.targetType().wireName() + " this step targets no longer exists",
            Map.of("targetId", target.targetId().toString()));
        continue;
      }
      if (target.targetType() == TargetType.USER) {
        users.add(target.targetId());
      } else if (target.targetType() == TargetType.SCHEDULE) {
        Optional<UserId> onCallNow = onCall.onCallAt(h, tenant, target.targetId(), now);
        if (onCallNow.isPresent()) {
          users.add(onCallNow.get().value());
        } else {
          Timeline.record(
              h,
              tenant,
              incident.id(),
              now,
              "nobody_on_call",
              "Switchboard",
              null,
              "Nobody is on call on " + target.name(),
              Map.of("scheduleId", target.targetId().toString()));
        }
      } else {
        addTeam(h, tenant, policyId, target, true, users);
      }
    }
    return new ArrayList<>(users);
  }

  /**
   * Adds a team target's people to {@code users}: every active member, or for round robin the one
   * whose turn it is, taking the turn when {@code takeTurn} (a page does; a look does not).
   */
  static void addTeam(
      Handle h,
      TenantId tenant,
      UUID policyId,
      TargetRow target,
      boolean takeTurn,
      Set<UUID> users) {
    List<UUID> members = activeMembers(h, tenant, target.targetId());
    if (members.isEmpty()) {
      return;
    }
    if (target.teamMode() == TeamMode.ALL) {
      users.addAll(members);
      return;
    }
    EscalationPolicyDao policies = Daos.on(h, EscalationPolicyDao.class);
    int turn =
        (takeTurn
                ? policies.takeRoundRobinTurn(
                    tenant, policyId, target.position(), target.targetIndex())
                : policies.peekRoundRobinTurn(
                    tenant, policyId, target.position(), target.targetIndex()))
            .orElse(0);
    users.add(members.get(Math.floorMod(turn, members.size())));
  }

  /**
   * Writes each person's notifications for this step, following their rules for the incident's
   * urgency; returns the ones due now and adds whom it paged to {@code paged}.
   */
  private List<UUID> page(
      Handle h,
      TenantId tenant,
      PageSubject incident,
      UUID escalationId,
      int round,
      int step,
      Instant dueAt,
      List<UUID> users,
      List<EscalationObserver.Paged> paged) {
    ContactDao contacts = Daos.on(h, ContactDao.class);
    NotificationDao notifications = Daos.on(h, NotificationDao.class);
    Instant now = clock.instant();
    Map<UUID, String> names = new LinkedHashMap<>();
    Set<UUID> deactivated = new HashSet<>();
    readPeople(h, tenant, users, names, deactivated);
    List<UUID> dueNow = new ArrayList<>();
    for (UUID user : users) {
      if (deactivated.contains(user)) {
        Timeline.record(
            h,
            tenant,
            incident.id(),
            now,
            "user_skipped",
            "Switchboard",
            null,
            "Skipped " + names.getOrDefault(user, "a user") + ": deactivated",
            Map.of("userId", user.toString()));
        continue;
      }
      List<PlannedRule> rules = contacts.plannedRules(tenant, user, incident.urgency());
      if (rules.isEmpty() && incident.urgency() == Urgency.LOW) {
        rules = contacts.plannedRules(tenant, user, Urgency.HIGH);
      }
      for (PlannedRule skipped : rules) {
        if (!skipped.usable()) {
          Timeline.record(
              h,
              tenant,
              incident.id(),
              now,
              "notification_suppressed",
              "Switchboard",
              skipped.channel().wireName(),
              "Not using "
                  + skipped.channel().wireName()
                  + " at "
                  + Timeline.mask(skipped.address())
                  + " for "
                  + names.getOrDefault(user, "a user")
                  + ": it is unverified or replied STOP",
              Map.of("userId", user.toString()));
        }
      }
      List<PlannedRule> plan = rules.stream().filter(PlannedRule::usable).toList();
      if (plan.isEmpty()) {
        plan = contacts.usableMethods(tenant, user).stream().limit(1).toList();
        if (!plan.isEmpty() && !rules.isEmpty()) {
          Timeline.record(
              h,
              tenant,
              incident.id(),
              now,
              "fallback",
              "Switchboard",
              plan.get(0).channel().wireName(),
              "Falling back to "
                  + plan.get(0).channel().wireName()
                  + " at "
                  + Timeline.mask(plan.get(0).address()),
              Map.of("userId", user.toString()));
        }
      }
      if (plan.isEmpty()) {
        Timeline.record(
            h,
            tenant,
            incident.id(),
            now,
            "unreachable",
            "Switchboard",
            null,
            names.getOrDefault(user, "A user")
                + " has no verified contact method and was not paged",
            Map.of("userId", user.toString()));
        continue;
      }
      paged.add(new EscalationObserver.Paged(user, names.getOrDefault(user, "a user")));
      for (PlannedRule rule : plan) {
        String key =
            incident.id()
                + ":"
                + escalationId
                + ":"
                + round
                + ":"
                + step
                + ":"
                + user
                + ":"
                + (rule.ruleId() == null ? "default" : rule.ruleId());
        // Measured from when the step was due, so a late step keeps its rules' spacing.
        Instant due = dueAt.plus(Duration.ofMinutes(rule.delayMinutes()));
        boolean later = rule.delayMinutes() > 0;
        UUID id = UUID.randomUUID();
        Optional<UUID> inserted =
            notifications.insert(
                tenant,
                id,
                key,
                incident.id(),
                escalationId,
                user,
                rule.contactMethodId(),
                rule.channel(),
                rule.address(),
                later ? Status.SCHEDULED : Status.PENDING,
                due,
                now);
        if (inserted.isEmpty()) {
          continue;
        }
        if (later) {
          jobs.scheduleNotification(tenant, incident.id(), id, due);
        } else {
          dueNow.add(id);
        }
      }
    }
    return dueNow;
  }

  private static List<UUID> activeMembers(Handle h, TenantId tenant, UUID teamId) {
    return h.createQuery(
            "SELECT m.user_id FROM team_members m JOIN users u"
                + " ON u.tenant_id = m.tenant_id AND u.id = m.user_id"
                + " WHERE m.tenant_id = :tenant AND m.team_id = :team AND u.active"
                + " ORDER BY m.added_at, m.user_id")
        .bind("tenant", tenant.value())
        .bind("team", teamId)
        .mapTo(UUID.class)
        .list();
  }

  /**
   * Reads {@code users} in one query: their names into {@code names}, and into {@code deactivated}
   * those who were deactivated (a step's targets may still name them).
   */
  private static void readPeople(
      Handle h, TenantId tenant, List<UUID> users, Map<UUID, String> names, Set<UUID> deactivated) {
    if (users.isEmpty()) {
      return;
    }
    h.createQuery("SELECT id, name, active FROM users WHERE tenant_id = :tenant AND id IN (<ids>)")
        .bind("tenant", tenant.value())
        .bindList("ids", users)
        .map(
            (rs, ctx) ->
                new Person(
                    rs.getObject("id", UUID.class), rs.getString("name"), rs.getBoolean("active")))
        .forEach(
            person -> {
              names.put(person.id(), person.name());
              if (!person.active()) {
                deactivated.add(person.id());
              }
            });
  }

  private record Person(UUID id, String name, boolean active) {}
}
