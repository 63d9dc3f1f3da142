package com.switchboard.schedule;

import com.switchboard.auth.Caller;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.schedule.ScheduleRows.LayerRow;
import com.switchboard.schedule.ScheduleRows.OverrideRow;
import com.switchboard.schedule.ScheduleRows.ScheduleRow;
import com.switchboard.schedule.ScheduleViews.LayerShiftsView;
import com.switchboard.schedule.ScheduleViews.NextShiftView;
import com.switchboard.schedule.ScheduleViews.OnCallView;
import com.switchboard.schedule.ScheduleViews.RangeView;
import com.switchboard.schedule.ScheduleViews.ShiftView;
import com.switchboard.schedule.ScheduleViews.ShiftsView;
import com.switchboard.schedule.ScheduleViews.TenantOnCall;
import com.switchboard.schedule.ScheduleViews.TenantOnCallEntry;
import com.switchboard.schedule.ScheduleViews.UserRef;
import com.switchboard.team.TeamDao;
import com.switchboard.tenant.TenantId;
import com.switchboard.user.User;
import com.switchboard.user.UserDao;
import com.switchboard.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Answers "who is on call?" from the database through {@link ShiftCalculator}: one schedule's
 * shifts over a window, one schedule at an instant, and every schedule of a tenant at once.
 */
public class OnCallService {
  /** How far "when am I next on call?" looks ahead. */
  static final Duration NEXT_SHIFT_HORIZON = Duration.ofDays(90);

  /**
   * How far around an instant a shift's start and end are looked for. A shift longer than this
   * either side is reported cut at this bound.
   */
  public static final Duration SHIFT_REACH = Duration.ofDays(60);

  /** The longest window the shifts endpoint computes in one call. */
  public static final Duration MAX_WINDOW = Duration.ofDays(366);

  private final TenantDatabase db;
  private final ShiftCalculator calculator;
  private final Clock clock;

  public OnCallService(TenantDatabase db, ShiftCalculator calculator, Clock clock) {
    this.db = db;
    this.calculator = calculator;
    this.clock = clock;
  }

  public Instant now() {
    return clock.instant();
  }

  public ShiftsView shifts(Caller caller, UUID scheduleId, Instant from, Instant to) {
    return db.inTenant(caller.tenantId(), h -> shifts(h, caller.tenantId(), scheduleId, from, to));
  }

  ShiftsView shifts(Handle h, TenantId tenant, UUID scheduleId, Instant from, Instant to) {
    ScheduleDao schedules = Daos.on(h, ScheduleDao.class);
    ScheduleRow row =
        schedules
            .findSchedule(tenant, scheduleId)
            .orElseThrow(() -> new NotFoundException("schedule"));
    List<LayerRow> layers = schedules.layersOverlapping(tenant, scheduleId, from, to);
    List<ScheduleOverride> overrides =
        schedules.overridesOverlapping(tenant, scheduleId, from, to).stream()
            .map(ScheduleStore::override)
            .toList();
    Map<UUID, String> layerNames =
        layers.stream().collect(Collectors.toMap(LayerRow::id, LayerRow::name));
    ScheduleTimeline timeline = timeline(row, layers, overrides, from, to);
    Map<UUID, UserRef> users = users(h, tenant);
    Map<UUID, UserRef> named = new LinkedHashMap<>();
    timeline.shifts().forEach(s -> named.put(s.user().value(), users.get(s.user().value())));
    timeline
        .layers()
        .forEach(
            l -> l.shifts().forEach(s -> named.put(s.user().value(), users.get(s.user().value()))));
    return new ShiftsView(
        scheduleId,
        row.timeZone(),
        from,
        to,
        timeline.shifts().stream().map(OnCallService::shiftView).toList(),
        timeline.layers().stream()
            .map(
                l ->
                    new LayerShiftsView(
                        l.layerId().value(),
                        layerNames.get(l.layerId().value()),
                        l.shifts().stream().map(OnCallService::shiftView).toList()))
            .toList(),
        timeline.gaps().stream().map(g -> new RangeView(g.start(), g.end())).toList(),
        named);
  }

  /** Who is on call at {@code at}, and the whole shift they are in (looked for within a day). */
  public OnCallView onCall(Caller caller, UUID scheduleId, Instant at) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          ScheduleDao schedules = Daos.on(h, ScheduleDao.class);
          ScheduleRow row =
              schedules
                  .findSchedule(caller.tenantId(), scheduleId)
                  .orElseThrow(() -> new NotFoundException("schedule"));
          Instant from = at.minus(SHIFT_REACH);
          Instant to = at.plus(SHIFT_REACH);
          ScheduleTimeline timeline =
              timeline(
                  row,
                  schedules.layersOverlapping(caller.tenantId(), scheduleId, from, to),
                  schedules.overridesOverlapping(caller.tenantId(), scheduleId, from, to).stream()
                      .map(ScheduleStore::override)
                      .toList(),
                  from,
                  to);
          Optional<Shift> current =
              timeline.shifts().stream()
                  .filter(s -> !s.start().isAfter(at) && s.end().isAfter(at))
                  .findFirst();
          Map<UUID, UserRef> users = users(h, caller.tenantId());
          return new OnCallView(
              ScheduleService.summary(row),
              at,
              current.map(s -> users.get(s.user().value())).orElse(null),
              current.map(s -> new RangeView(s.start(), s.end())).orElse(null));
        });
  }

  /**
   * Who is on call on one schedule at {@code at}, inside a transaction the caller already holds;
   * empty when nobody is (a gap) or the schedule no longer exists. The escalation engine asks this
   * when a step fires, so a step pages whoever is on call then.
   */
  public Optional<UserId> onCallAt(Handle h, TenantId tenant, UUID scheduleId, Instant at) {
    ScheduleDao schedules = Daos.on(h, ScheduleDao.class);
    Optional<ScheduleRow> row = schedules.findSchedule(tenant, scheduleId);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    List<UUID> ids = List.of(scheduleId);
    List<ScheduleOverride> overrides =
        schedules.overridesOfSchedulesInForceAt(tenant, ids, at).stream()
            .map(ScheduleStore::override)
            .toList();
    return ScheduleStore.schedule(row.get(), schedules.layersOfSchedulesInForceAt(tenant, ids, at))
        .flatMap(s -> calculator.onCallAt(s, overrides, at))
        .or(() -> overrideOnly(overrides, at));
  }

  /**
   * Every schedule of the tenant and who is on it at {@code at}; optionally only a team's
   * schedules, or only the schedules a user takes part in, with that user's next shift on each.
   */
  public TenantOnCall tenantOnCall(Caller caller, Instant at, UUID teamId, UUID userId) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          ScheduleDao schedules = Daos.on(h, ScheduleDao.class);
          if (teamId != null && Daos.on(h, TeamDao.class).findById(tenant, teamId).isEmpty()) {
            throw new NotFoundException("team");
          }
          List<ScheduleRow> rows =
              teamId == null
                  ? schedules.listSchedules(tenant)
                  : schedules.listSchedulesOfTeam(tenant, teamId);
          Map<UUID, UserRef> users = users(h, tenant);
          if (userId != null) {
            if (!users.containsKey(userId)) {
              throw new NotFoundException("user");
            }
            java.util.Set<UUID> involved =
                new java.util.HashSet<>(schedules.schedulesInvolving(tenant, userId, at));
            rows = rows.stream().filter(r -> involved.contains(r.id())).toList();
          }
          // A filtered answer fetches only its schedules' layers and overrides; the whole
          // tenant's answer fetches everything in force in two queries.
          boolean filtered = teamId != null || userId != null;
          List<UUID> ids = rows.stream().map(ScheduleRow::id).toList();
          List<LayerRow> layerRows =
              !filtered
                  ? schedules.layersInForceAt(tenant, at)
                  : ids.isEmpty()
                      ? List.of()
                      : schedules.layersOfSchedulesInForceAt(tenant, ids, at);
          List<OverrideRow> overrideRows =
              !filtered
                  ? schedules.overridesInForceAt(tenant, at)
                  : ids.isEmpty()
                      ? List.of()
                      : schedules.overridesOfSchedulesInForceAt(tenant, ids, at);
          Map<UUID, List<LayerRow>> layers = byId(layerRows, LayerRow::scheduleId);
          Map<UUID, List<ScheduleOverride>> overrides =
              overrideRows.stream()
                  .collect(
                      Collectors.groupingBy(
                          OverrideRow::scheduleId,
                          Collectors.mapping(ScheduleStore::override, Collectors.toList())));
          Map<UUID, NextShiftView> nextShifts =
              userId == null ? Map.of() : nextShifts(schedules, tenant, rows, userId, at);
          List<TenantOnCallEntry> entries =
              rows.stream()
                  .map(
                      row -> {
                        Optional<UserId> onCall =
                            ScheduleStore.schedule(row, layers.getOrDefault(row.id(), List.of()))
                                .flatMap(
                                    s ->
                                        calculator.onCallAt(
                                            s, overrides.getOrDefault(row.id(), List.of()), at))
                                .or(
                                    () ->
                                        overrideOnly(
                                            overrides.getOrDefault(row.id(), List.of()), at));
                        return new TenantOnCallEntry(
                            ScheduleService.summary(row),
                            onCall.map(u -> users.get(u.value())).orElse(null),
                            nextShifts.get(row.id()));
                      })
                  .toList();
          return new TenantOnCall(at, entries);
        });
  }

  private Map<UUID, NextShiftView> nextShifts(
      ScheduleDao schedules, TenantId tenant, List<ScheduleRow> rows, UUID userId, Instant at) {
    if (rows.isEmpty()) {
      return Map.of();
    }
    // Start well before `at`, so a shift the user is in right now is reported from its start.
    Instant from = at.minus(SHIFT_REACH);
    Instant to = at.plus(NEXT_SHIFT_HORIZON);
    List<UUID> ids = rows.stream().map(ScheduleRow::id).toList();
    Map<UUID, List<LayerRow>> layers =
        byId(schedules.layersOfSchedulesOverlapping(tenant, ids, from, to), LayerRow::scheduleId);
    Map<UUID, List<ScheduleOverride>> overrides =
        schedules.overridesOfSchedulesOverlapping(tenant, ids, from, to).stream()
            .collect(
                Collectors.groupingBy(
                    OverrideRow::scheduleId,
                    Collectors.mapping(ScheduleStore::override, Collectors.toList())));
    Map<UUID, NextShiftView> next = new HashMap<>();
    for (ScheduleRow row : rows) {
      timeline(
              row,
              layers.getOrDefault(row.id(), List.of()),
              overrides.getOrDefault(row.id(), List.of()),
              from,
              to)
          .shifts()
          .stream()
          .filter(s -> s.user().value().equals(userId) && s.end().isAfter(at))
          .findFirst()
          .ifPresent(s -> next.put(row.id(), new NextShiftView(s.start(), s.end())));
    }
    return next;
  }

  /** A schedule whose layers are all ended (or not started) still honours its overrides. */
  private static Optional<UserId> overrideOnly(List<ScheduleOverride> overrides, Instant at) {
    return overrides.stream()
        .filter(o -> !o.start().isAfter(at) && o.end().isAfter(at))
        .max(java.util.Comparator.comparingLong(ScheduleOverride::sequence))
        .map(ScheduleOverride::user);
  }

  ScheduleTimeline timeline(
      ScheduleRow row,
      List<LayerRow> layers,
      List<ScheduleOverride> overrides,
      Instant from,
      Instant to) {
    Optional<Schedule> schedule = ScheduleStore.schedule(row, layers);
    if (schedule.isPresent()) {
      return calculator.compute(schedule.get(), overrides, from, to);
    }
    // No layer version overlaps the window, but the model needs one: a placeholder in force only
    // after the window adds nobody, so the calculator stacks the overrides over gaps.
    Layer nobody =
        new Layer(
            LayerId.random(),
            "none",
            List.of(new UserId(new UUID(0, 0))),
            to,
            Optional.of(to.plusSeconds(1)),
            Turn.hours(1),
            List.of());
    ScheduleTimeline result =
        calculator.compute(
            new Schedule(
                new ScheduleId(row.id()),
                row.name(),
                java.time.ZoneId.of(row.timeZone()),
                List.of(nobody)),
            overrides,
            from,
            to);
    return new ScheduleTimeline(from, to, result.shifts(), List.of(), result.gaps());
  }

  Map<UUID, UserRef> users(Handle h, TenantId tenant) {
    Map<UUID, UserRef> users = new HashMap<>();
    for (User user : Daos.on(h, UserDao.class).list(tenant)) {
      users.put(
          user.id().value(),
          new UserRef(user.id().value(), user.name(), user.email(), user.active()));
    }
    return users;
  }

  private static <T> Map<UUID, List<T>> byId(
      List<T> rows, java.util.function.Function<T, UUID> key) {
    return rows.stream().collect(Collectors.groupingBy(key));
  }

  static ShiftView shiftView(Shift shift) {
    return new ShiftView(shift.user().value(), shift.start(), shift.end());
  }
}
