package com.switchboard.sla;

import com.switchboard.platform.db.Daos;
import com.switchboard.sla.SlaClockDao.ClockRow;
import com.switchboard.sla.SlaClockDao.ShownRow;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * SLA clocks kept in {@code sla_clocks} with one Quartz trigger each ({@link SlaTimers}). Every
 * change runs in the caller's transaction: it locks the ticket's clocks, changes them, and
 * recomputes each changed clock's due and warning instants once, raising its generation and
 * replacing its trigger. The policy is the one of the ticket's customer tier; a ticket without a
 * tier, or of a tier without a policy, has no clocks.
 */
public class QuartzSlaClocks implements SlaClocks {
  private static final Set<String> PAUSING = Set.of("pending", "on_hold");
  private static final Set<String> STOPPING = Set.of("solved", "closed");

  private final SlaTimers timers;

  public QuartzSlaClocks(SlaTimers timers) {
    this.timers = timers;
  }

  @Override
  public void onTicketEvent(
      Handle h, TenantId tenant, SlaSubject ticket, SlaEvent event, Instant at) {
    SlaClockDao dao = Daos.on(h, SlaClockDao.class);
    Map<String, ClockRow> latest =
        dao.lockAll(tenant, ticket.ticketId()).stream()
            .collect(
                Collectors.toMap(ClockRow::metric, Function.identity(), (newer, older) -> newer));
    if (!latest.isEmpty()) {
      dao.copyTicket(
          tenant,
          ticket.ticketId(),
          ticket.number(),
          ticket.subject(),
          ticket.customerName(),
          ticket.tier(),
          ticket.priority(),
          ticket.assigneeId());
    }
    Optional<SlaPolicy> policy = policyOf(h, tenant, ticket.tier());
    if (latest.isEmpty()) {
      if (event == SlaEvent.CREATED || event == SlaEvent.DETAILS_CHANGED) {
        // A ticket that gains a tier with a policy counts from its creation.
        policy.ifPresent(p -> start(h, tenant, ticket, p, ticket.createdAt(), at));
      }
      return;
    }
    Map<UUID, SlaPolicy> policies =
        policies(
            h,
            tenant,
            latest.values().stream()
                .map(ClockRow::policyId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet()));
    Map<String, ClockState> states = new LinkedHashMap<>();
    latest.forEach((metric, row) -> states.put(metric, new ClockState(row)));
    Function<ClockState, BusinessCalendar> calendarOf = s -> calendar(policies, s.policyId);
    switch (event) {
      case CREATED -> {}
      case AGENT_PUBLIC_REPLY -> {
        for (String metric : List.of(SlaMetrics.FIRST_RESPONSE, SlaMetrics.NEXT_RESPONSE)) {
          ClockState s = states.get(metric);
          if (s != null) {
            s.meet(calendarOf.apply(s), at);
          }
        }
      }
      case CUSTOMER_REPLY -> {
        ClockState first = states.get(SlaMetrics.FIRST_RESPONSE);
        ClockState next = states.get(SlaMetrics.NEXT_RESPONSE);
        if (policy.isPresent()
            && first != null
            && first.stopped()
            && (next == null || next.stopped())) {
          startNextResponse(
              h, tenant, ticket, policy.get(), next == null ? 0 : next.row.cycle() + 1, at);
        }
      }
      case STATUS_CHANGED -> {
        for (ClockState s : states.values()) {
          BusinessCalendar calendar = calendarOf.apply(s);
          if (STOPPING.contains(ticket.status())) {
            if (s.row.metric().equals(SlaMetrics.RESOLUTION)) {
              s.meet(calendar, at);
            } else {
              s.pause(calendar, at);
            }
          } else if (PAUSING.contains(ticket.status())) {
            s.pause(calendar, at);
          } else if (s.row.metric().equals(SlaMetrics.RESOLUTION) && s.stopped()) {
            s.reopen(at);
          } else {
            s.resume(at);
          }
        }
      }
      case DETAILS_CHANGED -> {
        List<ClockState> dropped = new ArrayList<>();
        for (ClockState s : states.values()) {
          if (!retarget(s, policy, ticket.priority(), calendarOf.apply(s), false, at)) {
            dropped.add(s);
          }
        }
        drop(h, tenant, dropped);
        dropped.forEach(s -> states.remove(s.row.metric()));
        policy.ifPresent(p -> policies.put(p.id(), p));
      }
    }
    for (ClockState s : states.values()) {
      write(h, tenant, s, calendar(policies, s.policyId), at);
    }
  }

  @Override
  public List<SlaClock> clocks(Handle h, TenantId tenant, UUID ticketId, Instant now) {
    return clocks(h, tenant, List.of(ticketId), now).getOrDefault(ticketId, List.of());
  }

  @Override
  public Map<UUID, List<SlaClock>> clocks(
      Handle h, TenantId tenant, Collection<UUID> ticketIds, Instant now) {
    if (ticketIds.isEmpty()) {
      return Map.of();
    }
    List<ShownRow> rows = Daos.on(h, SlaClockDao.class).shown(tenant, ticketIds);
    Set<UUID> policyIds =
        rows.stream().map(ShownRow::policyId).filter(Objects::nonNull).collect(Collectors.toSet());
    Map<UUID, SlaPolicy> policies = policies(h, tenant, policyIds);
    Map<UUID, List<SlaClock>> result = new HashMap<>();
    rows.stream()
        .sorted(Comparator.comparingInt(r -> SlaMetrics.ALL.indexOf(r.metric())))
        .forEach(
            r ->
                result
                    .computeIfAbsent(r.ticketId(), id -> new ArrayList<>())
                    .add(show(r, calendar(policies, r.policyId()), now)));
    return result;
  }

  /**
   * Re-targets the clocks that run under {@code policy} after it changed: what ran so far is
   * counted by the business hours of {@code before}, what follows by the policy's new ones.
   */
  void retarget(Handle h, TenantId tenant, SlaPolicy before, SlaPolicy policy, Instant at) {
    SlaClockDao dao = Daos.on(h, SlaClockDao.class);
    List<ClockRow> rows = dao.lockRunningOfPolicy(tenant, policy.id());
    List<ClockState> dropped = new ArrayList<>();
    for (ClockRow row : rows) {
      ClockState s = new ClockState(row);
      if (retarget(s, Optional.of(policy), row.priority(), before.calendar(), true, at)) {
        write(h, tenant, s, policy.calendar(), at);
      } else {
        dropped.add(s);
      }
    }
    drop(h, tenant, dropped);
  }

  /** Removes the clocks of a policy being deleted that are neither met nor breached. */
  void dropRunning(Handle h, TenantId tenant, UUID policyId) {
    drop(
        h,
        tenant,
        Daos.on(h, SlaClockDao.class).lockRunningOfPolicy(tenant, policyId).stream()
            .map(ClockState::new)
            .toList());
  }

  /**
   * Recomputes a changed clock once: saves it with the next generation and replaces its trigger. A
   * clock that did not change keeps its generation and trigger.
   */
  void write(Handle h, TenantId tenant, ClockState s, BusinessCalendar calendar, Instant at) {
    s.recompute(calendar);
    long generation = s.row.generation();
    if (s.toRow(generation).equals(s.row)) {
      return;
    }
    ClockRow row = s.toRow(generation + 1);
    Daos.on(h, SlaClockDao.class).save(tenant, row, at);
    timers.replace(tenant, row.id(), row.generation(), s.nextEvent());
  }

  /**
   * Re-targets a clock for the ticket's policy and priority now. False when the clock should go: no
   * policy or no target for its metric any more (a breached clock stays, as it was).
   */
  private static boolean retarget(
      ClockState s,
      Optional<SlaPolicy> policy,
      String priority,
      BusinessCalendar before,
      boolean policyEdited,
      Instant at) {
    if (s.breached()) {
      return true;
    }
    Optional<Integer> minutes =
        policy.flatMap(p -> p.target(priority)).flatMap(t -> t.minutes(s.row.metric()));
    if (minutes.isEmpty()) {
      return false;
    }
    UUID policyId = policy.get().id();
    long target = minutes.get() * 60L;
    if (policyId.equals(s.policyId)
        && target == s.targetSeconds
        && target * policy.get().warningPercent() / 100 == s.warnSeconds
        && !policyEdited) {
      return true;
    }
    if (s.running()) {
      s.pause(before, at);
      s.resume(at);
    }
    s.retarget(policyId, target, policy.get().warningPercent());
    return true;
  }

  private void drop(Handle h, TenantId tenant, List<ClockState> clocks) {
    if (clocks.isEmpty()) {
      return;
    }
    for (ClockState s : clocks) {
      timers.cancel(s.row.id(), s.row.generation());
    }
    Daos.on(h, SlaClockDao.class).delete(tenant, clocks.stream().map(s -> s.row.id()).toList());
  }

  private void start(
      Handle h, TenantId tenant, SlaSubject ticket, SlaPolicy policy, Instant from, Instant at) {
    Optional<SlaPolicy.Target> target = policy.target(ticket.priority());
    if (target.isEmpty()) {
      return;
    }
    boolean runs = !PAUSING.contains(ticket.status()) && !STOPPING.contains(ticket.status());
    for (String metric : List.of(SlaMetrics.FIRST_RESPONSE, SlaMetrics.RESOLUTION)) {
      target
          .get()
          .minutes(metric)
          .ifPresent(
              minutes ->
                  insert(h, tenant, ticket, policy, metric, 0, minutes, runs ? from : null, at));
    }
  }

  private void startNextResponse(
      Handle h, TenantId tenant, SlaSubject ticket, SlaPolicy policy, int cycle, Instant at) {
    boolean runs = !PAUSING.contains(ticket.status()) && !STOPPING.contains(ticket.status());
    policy
        .target(ticket.priority())
        .flatMap(t -> t.minutes(SlaMetrics.NEXT_RESPONSE))
        .ifPresent(
            minutes ->
                insert(
                    h,
                    tenant,
                    ticket,
                    policy,
                    SlaMetrics.NEXT_RESPONSE,
                    cycle,
                    minutes,
                    runs ? at : null,
                    at));
  }

  private void insert(
      Handle h,
      TenantId tenant,
      SlaSubject ticket,
      SlaPolicy policy,
      String metric,
      int cycle,
      int minutes,
      Instant runningSince,
      Instant at) {
    ClockState s =
        new ClockState(
            new ClockRow(
                UUID.randomUUID(),
                ticket.ticketId(),
                metric,
                cycle,
                policy.id(),
                "active",
                minutes * 60L,
                minutes * 60L * policy.warningPercent() / 100,
                0,
                runningSince,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                ticket.number(),
                ticket.subject(),
                ticket.customerName(),
                ticket.tier(),
                ticket.priority(),
                ticket.assigneeId()));
    s.recompute(policy.calendar());
    ClockRow row = s.toRow(0);
    Daos.on(h, SlaClockDao.class).insert(tenant, row, at);
    timers.replace(tenant, row.id(), 0, s.nextEvent());
  }

  private static SlaClock show(ShownRow r, BusinessCalendar calendar, Instant now) {
    Long remaining = null;
    if (!r.status().equals("met")) {
      long consumed =
          r.runningSince() == null
              ? r.consumedSeconds()
              : r.consumedSeconds()
                  + calendar.businessTimeBetween(r.runningSince(), now).getSeconds();
      remaining = r.targetSeconds() - consumed;
    }
    return new SlaClock(
        r.metric(),
        r.dueAt(),
        r.status(),
        remaining,
        r.warnedAt(),
        r.breachedAt(),
        r.incidentId() == null
            ? null
            : new SlaClock.BreachPage(
                r.incidentId(),
                r.incidentNumber() == null ? 0 : r.incidentNumber(),
                r.incidentStatus(),
                r.acknowledgedBy(),
                r.acknowledgedAt()));
  }

  private static Optional<SlaPolicy> policyOf(Handle h, TenantId tenant, String tier) {
    if (tier == null || tier.isBlank()) {
      return Optional.empty();
    }
    return Daos.on(h, SlaPolicyDao.class).byTier(tenant, tier).map(SlaPolicyService::toPolicy);
  }

  private static Map<UUID, SlaPolicy> policies(Handle h, TenantId tenant, Set<UUID> ids) {
    if (ids.isEmpty()) {
      return new HashMap<>();
    }
    return Daos.on(h, SlaPolicyDao.class).findAll(tenant, ids).stream()
        .map(SlaPolicyService::toPolicy)
        .collect(Collectors.toMap(SlaPolicy::id, Function.identity(), (a, b) -> a, HashMap::new));
  }

  static BusinessCalendar calendar(Map<UUID, SlaPolicy> policies, UUID policyId) {
    SlaPolicy policy = policyId == null ? null : policies.get(policyId);
    return policy == null ? BusinessCalendar.ALWAYS : policy.calendar();
  }
}
