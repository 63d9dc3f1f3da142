package com.switchboard.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.switchboard.schedule.ScheduleRows.LayerRow;
import com.switchboard.schedule.ScheduleRows.OverrideRow;
import com.switchboard.schedule.ScheduleRows.ScheduleRow;
import com.switchboard.schedule.ScheduleViews.LayerView;
import com.switchboard.schedule.ScheduleViews.TurnView;
import com.switchboard.schedule.ScheduleViews.WindowView;
import com.switchboard.user.UserId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Translates between the schedule tables and the pure model of {@link ShiftCalculator}: turn kinds
 * to {@link Turn}, the restrictions column (JSON) to {@link WeeklyWindow}s.
 */
final class ScheduleStore {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final TypeReference<List<WeeklyWindow>> WINDOWS = new TypeReference<>() {};

  private ScheduleStore() {}

  /** The model of a schedule from its row and layer versions (any order of layer rows). */
  static Optional<Schedule> schedule(ScheduleRow row, List<LayerRow> layers) {
    if (layers.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Schedule(
            new ScheduleId(row.id()),
            row.name(),
            ZoneId.of(row.timeZone()),
            layers.stream()
                .sorted(
                    java.util.Comparator.comparingInt(LayerRow::position)
                        .thenComparing(LayerRow::startsAt))
                .map(ScheduleStore::layer)
                .toList()));
  }

  static Layer layer(LayerRow row) {
    return new Layer(
        new LayerId(row.id()),
        row.name(),
        Arrays.stream(row.participants()).map(UserId::new).toList(),
        row.startsAt(),
        Optional.ofNullable(row.endsAt()),
        turn(row),
        windows(row.restrictions()));
  }

  static Turn turn(LayerRow row) {
    return switch (row.turnKind()) {
      case "hours" -> new Turn.Elapsed(Duration.ofHours(row.turnCount()));
      case "days" -> new Turn.Days(row.turnCount());
      case "weeks" -> new Turn.Weeks(row.turnCount());
      case "weekly" ->
          new Turn.WeeklyHandoff(DayOfWeek.valueOf(row.handoffDay()), row.handoffTime());
      default -> throw new IllegalStateException("unknown turn kind " + row.turnKind());
    };
  }

  static ScheduleOverride override(OverrideRow row) {
    return new ScheduleOverride(
        new OverrideId(row.id()),
        new UserId(row.userId()),
        row.startsAt(),
        row.endsAt(),
        row.sequence());
  }

  /**
   * Restriction documents parsed once each: tenants reuse a handful of windows across thousands of
   * layers, and the lists are immutable.
   */
  private static final Cache<String, List<WeeklyWindow>> PARSED_WINDOWS =
      Caffeine.newBuilder().maximumSize(10_000).build();

  static List<WeeklyWindow> windows(String json) {
    return PARSED_WINDOWS.get(json, ScheduleStore::parseWindows);
  }

  private static List<WeeklyWindow> parseWindows(String json) {
    try {
      return List.copyOf(JSON.readValue(json, WINDOWS));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "unreadable restrictions column: " + e.getOriginalMessage(), e);
    }
  }

  static String json(List<WeeklyWindow> windows) {
    try {
      return JSON.writeValueAsString(windows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static LayerView view(LayerRow row) {
    TurnView turn =
        "weekly".equals(row.turnKind())
            ? new TurnView("weekly", null, DayOfWeek.valueOf(row.handoffDay()), row.handoffTime())
            : new TurnView(row.turnKind(), row.turnCount(), null, null);
    return new LayerView(
        row.id(),
        row.name(),
        row.position(),
        row.startsAt(),
        row.endsAt(),
        turn,
        Arrays.asList(row.participants()),
        windows(row.restrictions()).stream()
            .map(w -> new WindowView(w.startDay(), w.startTime(), w.endDay(), w.endTime()))
            .toList(),
        row.replacesId());
  }
}
