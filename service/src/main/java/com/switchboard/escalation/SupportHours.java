package com.switchboard.escalation;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * A service's support hours: weekly windows in a time zone ("weekdays 09:00-18:00 New York").
 * Low-urgency incidents outside them wait for the next window; high urgency always pages.
 */
public record SupportHours(String timeZone, List<Window> windows) {
  /** From {@code startDay startTime} to {@code endDay endTime}, possibly over midnight. */
  public record Window(
      DayOfWeek startDay, LocalTime startTime, DayOfWeek endDay, LocalTime endTime) {
    Duration wallLength() {
      long start = (startDay.getValue() - 1) * 86_400L + startTime.toSecondOfDay();
      long end = (endDay.getValue() - 1) * 86_400L + endTime.toSecondOfDay();
      return Duration.ofSeconds(Math.floorMod(end - start, 7 * 86_400L));
    }
  }

  public boolean contains(Instant at) {
    ZoneId zone = ZoneId.of(timeZone);
    for (Window window : windows) {
      for (ZonedDateTime start : starts(window, at, zone)) {
        ZonedDateTime end = start.toLocalDateTime().plus(window.wallLength()).atZone(zone);
        if (!start.toInstant().isAfter(at) && end.toInstant().isAfter(at)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The first instant at or after {@code at} inside a window. */
  public Instant nextStart(Instant at) {
    if (contains(at)) {
      return at;
    }
    ZoneId zone = ZoneId.of(timeZone);
    Instant best = null;
    for (Window window : windows) {
      for (ZonedDateTime start : starts(window, at, zone)) {
        Instant candidate = start.toInstant();
        if (candidate.isAfter(at) && (best == null || candidate.isBefore(best))) {
          best = candidate;
        }
      }
    }
    return best;
  }

  /** The window's starts in the week before, the week of, and the week after {@code at}. */
  private static List<ZonedDateTime> starts(Window window, Instant at, ZoneId zone) {
    LocalDateTime monday =
        at.atZone(zone)
            .toLocalDate()
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            .atStartOfDay();
    LocalDateTime start =
        monday.plusDays(window.startDay().getValue() - 1L).with(window.startTime());
    return List.of(
        start.minusWeeks(1).atZone(zone), start.atZone(zone), start.plusWeeks(1).atZone(zone));
  }
}
