package com.switchboard.schedule;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.db.UniqueNames;
import com.switchboard.platform.errors.ConflictException;
import com.switchboard.platform.errors.FieldError;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.schedule.ScheduleRequests.CreateOverride;
import com.switchboard.schedule.ScheduleRequests.CreateSchedule;
import com.switchboard.schedule.ScheduleRequests.LayerInput;
import com.switchboard.schedule.ScheduleRequests.TurnInput;
import com.switchboard.schedule.ScheduleRequests.UpdateSchedule;
import com.switchboard.schedule.ScheduleRows.LayerRow;
import com.switchboard.schedule.ScheduleRows.OverrideRow;
import com.switchboard.schedule.ScheduleRows.ScheduleRow;
import com.switchboard.schedule.ScheduleViews.OverrideView;
import com.switchboard.schedule.ScheduleViews.ScheduleSummary;
import com.switchboard.schedule.ScheduleViews.ScheduleView;
import com.switchboard.schedule.ScheduleViews.TeamRef;
import com.switchboard.team.TeamDao;
import com.switchboard.user.TimeZones;
import com.switchboard.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Creates and changes schedules, their layers and overrides. Layer edits never rewrite the past:
 * the old version ends where the new one starts (see {@link Schedule#editLayerFrom}).
 */
public class ScheduleService {
  /** Edits may take effect this long before "now", to allow for clock skew and slow clients. */
  static final Duration EDIT_GRACE = Duration.ofMinutes(1);

  private final TenantDatabase db;
  private final AuditLog audit;
  private final Clock clock;

  public ScheduleService(TenantDatabase db, AuditLog audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  public List<ScheduleSummary> list(Caller caller) {
    return db.inTenant(
        caller.tenantId(),
        h ->
            Daos.on(h, ScheduleDao.class).listSchedules(caller.tenantId()).stream()
                .map(ScheduleService::summary)
                .toList());
  }

  /** The schedule with its current and future layer versions, or every version with history. */
  public ScheduleView get(Caller caller, UUID id, boolean withHistory) {
    return db.inTenant(caller.tenantId(), h -> view(h, caller, id, withHistory));
  }

  public ScheduleView create(Caller caller, CreateSchedule request) {
    return uniqueName(
        request.name().trim(),
        () -> db.inTenant(caller.tenantId(), h -> create(h, caller, request)));
  }

  /** Creates a schedule inside the caller's transaction (the demo loader uses it too). */
  public ScheduleView create(Handle h, Caller caller, CreateSchedule request) {
    String zone = TimeZones.require("timeZone", request.timeZone());
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    String name = request.name().trim();
    ScheduleDao schedules = Daos.on(h, ScheduleDao.class);
    UUID teamId = teamOrNull(h, caller, request.teamId());
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < request.layers().size(); i++) {
      LayerInput input = request.layers().get(i);
      layers.add(layer("layers[" + i + "]", input, input.start()));
    }
    requireUsers(h, caller, request.layers(), "layers");
    schedules.insertSchedule(
        caller.tenantId(), id, name, orEmpty(request.description()), zone, teamId, now);
    for (int i = 0; i < layers.size(); i++) {
      insertLayer(schedules, caller, id, i, layers.get(i), null, now);
    }
    audit.record(
        h,
        caller,
        "schedule.created",
        "schedule",
        id,
        "created schedule " + name + " (" + zone + ")");
    return view(h, caller, id, false);
  }

  public ScheduleView update(Caller caller, UUID id, UpdateSchedule request) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          ScheduleDao schedules = Daos.on(h, ScheduleDao.class);
          ScheduleRow current = find(h, caller, id);
          String name = request.name() == null ? current.name() : request.name().trim();
          String zone =
              request.timeZone() == null
                  ? current.timeZone()
                  : TimeZones.require("timeZone", request.timeZone());
          String description =
              request.description() == null ? current.description() : request.description();
          UUID teamId =
              request.teamId() == null ? current.teamId() : teamOrNull(h, caller, request.teamId());
          uniqueName(
              name,
              () -> {
                schedules.updateSchedule(
                    caller.tenantId(), id, name, description, zone, teamId, clock.instant());
                return null;
              });
          audit.record(h, caller, "schedule.updated", "schedule", id, "updated schedule " + name);
          return view(h, caller, id, false);
        });
  }

  public void delete(Caller caller, UUID id) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          ScheduleRow current = find(h, caller, id);
          Daos.on(h, ScheduleDao.class).deleteSchedule(caller.tenantId(), id);
          audit.record(
              h, caller, "schedule.deleted", "schedule", id, "deleted schedule " + current.name());
        });
  }

  /** Adds a rotation on top of the schedule's existing layers. */
  public ScheduleView addLayer(Caller caller, UUID scheduleId, LayerInput request) {
    Instant start = request.start() == null ? clock.instant() : request.start();
    Layer layer = layer("", request, start);
    return db.inTenant(
        caller.tenantId(),
        h -> {
          ScheduleDao schedules = Daos.on(h, ScheduleDao.class);
          lock(h, caller, scheduleId);
          requireUsers(h, caller, List.of(request), "");
          int position = schedules.nextLayerPosition(caller.tenantId(), scheduleId);
          insertLayer(schedules, caller, scheduleId, position, layer, null, clock.instant());
          audit.record(
              h,
              caller,
              "schedule.layer_added",
              "schedule",
              scheduleId,
              "added layer " + layer.name());
          return view(h, caller, scheduleId, false);
        });
  }

  /**
   * Changes a layer from {@code request.start} (default now; never in the past): the version in
   * force then ends there and a new version takes its place in the stack.
   */
  public ScheduleView editLayer(Caller caller, UUID scheduleId, UUID layerId, LayerInput request) {
    Instant now = clock.instant();
    Instant from = request.start() == null ? now : request.start();
    if (from.isBefore(now.minus(EDIT_GRACE))) {
      throw new ValidationException(
          "start", "must not be in the past: an edit takes effect from now or later");
    }
    Layer replacement = layer("", request, from);
    return db.inTenant(
        caller.tenantId(),
        h -> {
          ScheduleDao schedules = Daos.on(h, ScheduleDao.class);
          lock(h, caller, scheduleId);
          LayerRow old = layerOf(schedules, caller, scheduleId, layerId);
          if (old.endsAt() != null && !from.isBefore(old.endsAt())) {
            throw new ConflictException(
                "this layer version ended at "
                    + old.endsAt()
                    + "; edit the version that replaced it");
          }
          requireUsers(h, caller, List.of(request), "");
          // A version that had not started yet is replaced outright; the new version then
          // continues its lineage rather than pointing at a row that no longer exists.
          UUID replaces = layerId;
          if (old.startsAt().isBefore(from)) {
            schedules.endLayer(caller.tenantId(), layerId, from);
          } else {
            schedules.deleteLayer(caller.tenantId(), layerId);
            replaces = old.replacesId();
          }
          Layer versioned = old.endsAt() == null ? replacement : replacement.endingAt(old.endsAt());
          insertLayer(schedules, caller, scheduleId, old.position(), versioned, replaces, now);
          schedules.touchSchedule(caller.tenantId(), scheduleId, now);
          audit.record(
              h,
              caller,
              "schedule.layer_changed",
              "schedule",
              scheduleId,
              "changed layer " + old.name() + " from " + from);
          return view(h, caller, scheduleId, false);
        });
  }

  /** Ends a layer now (or deletes it if it has not started), keeping its history. */
  public ScheduleView endLayer(Caller caller, UUID scheduleId, UUID layerId) {
    Instant now = clock.instant();
    return db.inTenant(
        caller.tenantId(),
        h -> {
          ScheduleDao schedules = Daos.on(h, ScheduleDao.class);
          lock(h, caller, scheduleId);
          LayerRow old = layerOf(schedules, caller, scheduleId, layerId);
          if (old.endsAt() != null && !old.endsAt().isAfter(now)) {
            throw new ConflictException("this layer version already ended at " + old.endsAt());
          }
          if (old.startsAt().isBefore(now)) {
            schedules.endLayer(caller.tenantId(), layerId, now);
          } else {
            schedules.deleteLayer(caller.tenantId(), layerId);
          }
          schedules.touchSchedule(caller.tenantId(), scheduleId, now);
          audit.record(
              h,
              caller,
              "schedule.layer_ended",
              "schedule",
              scheduleId,
              "ended layer " + old.name());
          return view(h, caller, scheduleId, false);
        });
  }

  public List<OverrideView> listOverrides(
      Caller caller, UUID scheduleId, Instant from, Instant to) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          find(h, caller, scheduleId);
          return Daos.on(h, ScheduleDao.class)
              .overridesOverlapping(caller.tenantId(), scheduleId, from, to)
              .stream()
              .map(ScheduleService::overrideView)
              .toList();
        });
  }

  /** Creates the overrides in one transaction, in order (a later one wins where they overlap). */
  public List<OverrideView> createOverrides(
      Caller caller, UUID scheduleId, List<CreateOverride> requests) {
    return db.inTenant(caller.tenantId(), h -> createOverrides(h, caller, scheduleId, requests));
  }

  /**
   * Creates the overrides in one transaction, in order (a later one wins where they overlap),
   * inside the caller's transaction (the demo loader uses it too).
   */
  public List<OverrideView> createOverrides(
      Handle h, Caller caller, UUID scheduleId, List<CreateOverride> requests) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      CreateOverride o = requests.get(i);
      if (!o.end().isAfter(o.start())) {
        errors.add(new FieldError(prefix(requests, i) + "end", "must be after the start"));
      } else if (Duration.between(o.start(), o.end()).compareTo(Duration.ofDays(366)) > 0) {
        errors.add(
            new FieldError(
                prefix(requests, i) + "end", "must be at most 366 days after the start"));
      }
    }
    ScheduleDao schedules = Daos.on(h, ScheduleDao.class);
    ScheduleRow schedule = find(h, caller, scheduleId);
    UUID[] userIds = requests.stream().map(CreateOverride::userId).toArray(UUID[]::new);
    Set<UUID> known = new HashSet<>(schedules.existingUsers(caller.tenantId(), userIds));
    for (int i = 0; i < requests.size(); i++) {
      if (!known.contains(requests.get(i).userId())) {
        errors.add(
            new FieldError(prefix(requests, i) + "userId", "is not a user of this organization"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    Instant now = clock.instant();
    List<OverrideView> created = new ArrayList<>();
    for (CreateOverride o : requests) {
      UUID id = UUID.randomUUID();
      schedules.insertOverride(
          caller.tenantId(),
          id,
          scheduleId,
          new UserId(o.userId()),
          o.start(),
          o.end(),
          orEmpty(o.note()),
          caller.userId(),
          now);
      created.add(
          overrideView(schedules.findOverride(caller.tenantId(), scheduleId, id).orElseThrow()));
    }
    audit.record(
        h,
        caller,
        "schedule.overrides_created",
        "schedule",
        scheduleId,
        requests.size() == 1
            ? "override on "
                + schedule.name()
                + " from "
                + requests.get(0).start()
                + " to "
                + requests.get(0).end()
            : requests.size() + " overrides on " + schedule.name());
    return created;
  }

  public void deleteOverride(Caller caller, UUID scheduleId, UUID overrideId) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          ScheduleDao schedules = Daos.on(h, ScheduleDao.class);
          ScheduleRow schedule = find(h, caller, scheduleId);
          OverrideRow o =
              schedules
                  .findOverride(caller.tenantId(), scheduleId, overrideId)
                  .orElseThrow(() -> new NotFoundException("override"));
          schedules.deleteOverride(caller.tenantId(), overrideId);
          audit.record(
              h,
              caller,
              "schedule.override_deleted",
              "schedule",
              scheduleId,
              "removed override " + o.startsAt() + "–" + o.endsAt() + " on " + schedule.name());
        });
  }

  // --- helpers ---

  /** Builds the model layer, naming fields under {@code prefix} when the model rejects it. */
  static Layer layer(String prefix, LayerInput input, Instant start) {
    if (start == null) {
      throw new ValidationException(path(prefix, "start"), "is required");
    }
    Turn turn = within(prefix, () -> turn(input.turn()));
    List<WeeklyWindow> windows = new ArrayList<>();
    List<ScheduleRequests.WindowInput> restrictions =
        input.restrictions() == null ? List.of() : input.restrictions();
    for (int i = 0; i < restrictions.size(); i++) {
      ScheduleRequests.WindowInput w = restrictions.get(i);
      windows.add(
          within(
              path(prefix, "restrictions[" + i + "]"),
              () -> new WeeklyWindow(w.startDay(), w.startTime(), w.endDay(), w.endTime())));
    }
    return within(
        prefix,
        () ->
            new Layer(
                LayerId.random(),
                input.name().trim(),
                input.participants().stream().map(UserId::new).toList(),
                start,
                java.util.Optional.empty(),
                turn,
                windows));
  }

  /**
   * Field paths of a layer in a request: {@code layers[2].turn} in a schedule, {@code turn} alone.
   */
  private static String path(String prefix, String field) {
    return prefix.isEmpty() ? field : prefix + "." + field;
  }

  private static <T> T within(String prefix, java.util.function.Supplier<T> build) {
    return prefix.isEmpty() ? build.get() : ScheduleValidation.within(prefix, build);
  }

  static Turn turn(TurnInput input) {
    return switch (input.kind()) {
      case HOURS -> new Turn.Elapsed(Duration.ofHours(count(input, 8760)));
      case DAYS -> new Turn.Days(count(input, 365));
      case WEEKS -> new Turn.Weeks(count(input, 52));
      case WEEKLY -> {
        if (input.day() == null) {
          throw new ValidationException("turn.day", "is required for a weekly hand-off");
        }
        if (input.time() == null) {
          throw new ValidationException("turn.time", "is required for a weekly hand-off");
        }
        if (input.count() != null) {
          throw new ValidationException("turn.count", "must be absent for a weekly hand-off");
        }
        yield new Turn.WeeklyHandoff(input.day(), input.time());
      }
    };
  }

  private static int count(TurnInput input, int max) {
    if (input.count() == null) {
      throw new ValidationException("turn.count", "is required for " + input.kind() + " turns");
    }
    if (input.count() < 1 || input.count() > max) {
      throw new ValidationException(
          "turn.count", "must be between 1 and " + max + " for " + input.kind() + " turns");
    }
    if (input.day() != null || input.time() != null) {
      throw new ValidationException("turn", "day and time belong to weekly turns only");
    }
    return input.count();
  }

  private static void insertLayer(
      ScheduleDao schedules,
      Caller caller,
      UUID scheduleId,
      int position,
      Layer layer,
      UUID replaces,
      Instant now) {
    String kind;
    Integer count = null;
    String day = null;
    java.time.LocalTime time = null;
    Turn turn = layer.turn();
    if (turn instanceof Turn.Elapsed elapsed) {
      kind = "hours";
      count = (int) elapsed.length().toHours();
    } else if (turn instanceof Turn.Days days) {
      kind = "days";
      count = days.count();
    } else if (turn instanceof Turn.Weeks weeks) {
      kind = "weeks";
      count = weeks.count();
    } else {
      Turn.WeeklyHandoff weekly = (Turn.WeeklyHandoff) turn;
      kind = "weekly";
      day = weekly.day().name();
      time = weekly.time();
    }
    schedules.insertLayer(
        caller.tenantId(),
        layer.id().value(),
        scheduleId,
        position,
        layer.name(),
        layer.start(),
        layer.end().orElse(null),
        kind,
        count,
        day,
        time,
        layer.participants().stream().map(UserId::value).toArray(UUID[]::new),
        ScheduleStore.json(layer.restrictions()),
        replaces,
        now);
  }

  /** Every participant must be a user of the caller's tenant; names the offending entry. */
  private static void requireUsers(
      Handle h, Caller caller, List<LayerInput> layers, String prefix) {
    Set<UUID> all = new HashSet<>();
    layers.forEach(l -> all.addAll(l.participants()));
    Set<UUID> known =
        new HashSet<>(
            Daos.on(h, ScheduleDao.class)
                .existingUsers(caller.tenantId(), all.toArray(UUID[]::new)));
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      List<UUID> participants = layers.get(i).participants();
      String layerPrefix = prefix.isEmpty() ? "" : prefix + "[" + i + "].";
      for (int j = 0; j < participants.size(); j++) {
        if (!known.contains(participants.get(j))) {
          errors.add(
              new FieldError(
                  layerPrefix + "participants[" + j + "]", "is not a user of this organization"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private static UUID teamOrNull(Handle h, Caller caller, UUID teamId) {
    if (teamId == null) {
      return null;
    }
    return Daos.on(h, TeamDao.class)
        .findById(caller.tenantId(), teamId)
        .orElseThrow(() -> new NotFoundException("team"))
        .id();
  }

  static ScheduleRow find(Handle h, Caller caller, UUID id) {
    return Daos.on(h, ScheduleDao.class)
        .findSchedule(caller.tenantId(), id)
        .orElseThrow(() -> new NotFoundException("schedule"));
  }

  private static void lock(Handle h, Caller caller, UUID id) {
    Daos.on(h, ScheduleDao.class)
        .lockSchedule(caller.tenantId(), id)
        .orElseThrow(() -> new NotFoundException("schedule"));
  }

  private static LayerRow layerOf(
      ScheduleDao schedules, Caller caller, UUID scheduleId, UUID layerId) {
    return schedules.layersOf(caller.tenantId(), scheduleId).stream()
        .filter(l -> l.id().equals(layerId))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("layer"));
  }

  private ScheduleView view(Handle h, Caller caller, UUID id, boolean withHistory) {
    ScheduleRow row = find(h, caller, id);
    Instant now = clock.instant();
    List<ScheduleViews.LayerView> layers =
        Daos.on(h, ScheduleDao.class).layersOf(caller.tenantId(), id).stream()
            .filter(l -> withHistory || l.endsAt() == null || l.endsAt().isAfter(now))
            .map(ScheduleStore::view)
            .toList();
    return new ScheduleView(
        row.id(),
        row.name(),
        row.description(),
        row.timeZone(),
        teamRef(row),
        layers,
        row.createdAt(),
        row.updatedAt());
  }

  static ScheduleSummary summary(ScheduleRow row) {
    return new ScheduleSummary(row.id(), row.name(), row.timeZone(), teamRef(row));
  }

  private static TeamRef teamRef(ScheduleRow row) {
    return row.teamId() == null ? null : new TeamRef(row.teamId(), row.teamName());
  }

  static OverrideView overrideView(OverrideRow row) {
    return new OverrideView(
        row.id(),
        row.scheduleId(),
        row.userId(),
        row.startsAt(),
        row.endsAt(),
        row.sequence(),
        row.note(),
        row.createdBy(),
        row.createdAt());
  }

  private static String prefix(List<CreateOverride> requests, int i) {
    return requests.size() == 1 ? "" : "overrides[" + i + "].";
  }

  private static <R> R uniqueName(String name, java.util.function.Supplier<R> work) {
    return UniqueNames.orConflict("a schedule named '" + name + "' already exists", work);
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
