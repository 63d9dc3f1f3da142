package com.switchboard.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Response bodies of the schedule and on-call endpoints. */
public final class ScheduleViews {
  private ScheduleViews() {}

  public record TeamRef(UUID id, String name) {}

  public record UserRef(UUID id, String name, String email, boolean active) {}

  public record TurnView(String kind, Integer count, DayOfWeek day, LocalTime time) {}

  public record WindowView(
      DayOfWeek startDay, LocalTime startTime, DayOfWeek endDay, LocalTime endTime) {}

  /** One version of a rotation; {@code replacesId} is the version it took over from. */
  public record LayerView(
      UUID id,
      String name,
      int position,
      Instant start,
      Instant end,
      TurnView turn,
      List<UUID> participants,
      List<WindowView> restrictions,
      UUID replacesId) {}

  public record ScheduleSummary(UUID id, String name, String timeZone, TeamRef team) {}

  public record ScheduleView(
      UUID id,
      String name,
      String description,
      String timeZone,
      TeamRef team,
      List<LayerView> layers,
      Instant createdAt,
      Instant updatedAt) {}

  public record ScheduleList(List<ScheduleSummary> items) {}

  public record ShiftView(UUID userId, Instant start, Instant end) {}

  public record RangeView(Instant start, Instant end) {}

  public record LayerShiftsView(UUID layerId, String name, List<ShiftView> shifts) {}

  /** The final shifts, each layer's own shifts, the gaps, and the users they name. */
  public record ShiftsView(
      UUID scheduleId,
      String timeZone,
      Instant from,
      Instant to,
      List<ShiftView> shifts,
      List<LayerShiftsView> layers,
      List<RangeView> gaps,
      Map<UUID, UserRef> users) {}

  /** Who is on call on one schedule at {@code at}; {@code user} is null in a gap. */
  public record OnCallView(ScheduleSummary schedule, Instant at, UserRef user, RangeView shift) {}

  /** A user's next shift on a schedule, if any within the look-ahead. */
  public record NextShiftView(Instant start, Instant end) {}

  public record TenantOnCallEntry(
      ScheduleSummary schedule, UserRef user, NextShiftView nextShift) {}

  public record TenantOnCall(Instant at, List<TenantOnCallEntry> items) {}

  public record OverrideView(
      UUID id,
      UUID scheduleId,
      UUID userId,
      Instant start,
      Instant end,
      long sequence,
      String note,
      UUID createdBy,
      Instant createdAt) {}

  public record OverrideList(List<OverrideView> items) {}

  /** A secret calendar URL; shown once, at creation. */
  public record CalendarFeedView(UUID id, String url) {}
}
