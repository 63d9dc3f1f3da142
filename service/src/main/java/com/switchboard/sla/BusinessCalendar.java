package com.switchboard.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * When an SLA clock counts: around the clock ({@link #ALWAYS}), or inside weekly wall-clock windows
 * of a time zone, except on holidays (whole local days).
 *
 * <p>Windows are wall-clock times in the zone, so a 09:00-17:00 window is 8 hours of business time
 * on most days and the time between its wall-clock ends on the days clocks change (a window over
 * the skipped hour is an hour shorter, over the repeated hour an hour longer). A window may cross
 * midnight and the week's end (Friday 22:00 to Monday 06:00); the part of a window that falls on a
 * holiday does not count.
 */
public final class BusinessCalendar {
  /** Every second counts. */
  public static final BusinessCalendar ALWAYS = new BusinessCalendar(null, List.of(), Set.of());

  /** The longest a calendar looks ahead for business time before it gives up (no windows left). */
  private static final int MAX_DAYS = 366 * 200;

  /** From {@code startDay startTime} to {@code endDay endTime}, going forward, under a week. */
  public record Window(
      DayOfWeek startDay, LocalTime startTime, DayOfWeek endDay, LocalTime endTime) {
    long wallSeconds() {
      long start = (startDay.getValue() - 1) * 86_400L + startTime.toSecondOfDay();
      long end = (endDay.getValue() - 1) * 86_400L + endTime.toSecondOfDay();
      return Math.floorMod(end - start, 7 * 86_400L);
    }
  }

  private record Span(Instant start, Instant end) {}

  private record LocalSpan(LocalDateTime start, LocalDateTime end) {}

  private final ZoneId zone;
  private final List<Window> windows;
  private final Set<LocalDate> holidays;

  private BusinessCalendar(ZoneId zone, List<Window> windows, Set<LocalDate> holidays) {
    this.zone = zone;
    this.windows = List.copyOf(windows);
    this.holidays = Set.copyOf(holidays);
  }

  /** Business hours in {@code zone}; needs at least one window of some length. */
  public static BusinessCalendar of(ZoneId zone, List<Window> windows, Set<LocalDate> holidays) {
    if (windows.isEmpty() || windows.stream().allMatch(w -> w.wallSeconds() == 0)) {
      throw new IllegalArgumentException("business hours need at least one window");
    }
    return new BusinessCalendar(zone, windows, holidays);
  }

  public boolean isAlways() {
    return zone == null;
  }

  /**
   * The instant at which {@code d} of business time has passed since {@code from}. Null when the
   * calendar has no business time for a very long time (every day ahead a holiday).
   */
  public Instant addBusinessTime(Instant from, Duration d) {
    if (isAlways()) {
      return from.plus(d);
    }
    long left = d.getSeconds();
    LocalDate day = from.atZone(zone).toLocalDate();
    for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
      for (Span span : spans(day)) {
        Instant start = span.start().isBefore(from) ? from : span.start();
        if (!span.end().isAfter(start)) {
          continue;
        }
        long available = Duration.between(start, span.end()).getSeconds();
        if (left <= available) {
          return start.plusSeconds(left);
        }
        left -= available;
      }
    }
    return null;
  }

  /** Business time from {@code a} to {@code b}; negative when {@code b} is before {@code a}. */
  public Duration businessTimeBetween(Instant a, Instant b) {
    if (b.isBefore(a)) {
      return businessTimeBetween(b, a).negated();
    }
    if (isAlways()) {
      return Duration.between(a, b);
    }
    long seconds = 0;
    LocalDate last = b.atZone(zone).toLocalDate();
    for (LocalDate day = a.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
      for (Span span : spans(day)) {
        Instant start = span.start().isBefore(a) ? a : span.start();
        Instant end = span.end().isAfter(b) ? b : span.end();
        if (end.isAfter(start)) {
          seconds += Duration.between(start, end).getSeconds();
        }
      }
    }
    return Duration.ofSeconds(seconds);
  }

  /** The business spans of one local day, in order, merged where windows overlap. */
  private List<Span> spans(LocalDate day) {
    if (holidays.contains(day)) {
      return List.of();
    }
    LocalDateTime dayStart = day.atStartOfDay();
    LocalDateTime dayEnd = dayStart.plusDays(1);
    List<LocalSpan> pieces = new ArrayList<>();
    // A window is shorter than a week, so only occurrences starting in the last 7 days reach here.
    for (int back = 0; back <= 7; back++) {
      LocalDate startDate = day.minusDays(back);
      for (Window window : windows) {
        if (window.startDay() != startDate.getDayOfWeek()) {
          continue;
        }
        LocalDateTime start = startDate.atTime(window.startTime());
        LocalDateTime end = start.plusSeconds(window.wallSeconds());
        LocalDateTime from = start.isBefore(dayStart) ? dayStart : start;
        LocalDateTime to = end.isAfter(dayEnd) ? dayEnd : end;
        if (to.isAfter(from)) {
          pieces.add(new LocalSpan(from, to));
        }
      }
    }
    pieces.sort(Comparator.comparing(LocalSpan::start));
    List<Span> merged = new ArrayList<>();
    LocalDateTime openStart = null;
    LocalDateTime openEnd = null;
    for (LocalSpan piece : pieces) {
      if (openEnd != null && !piece.start().isAfter(openEnd)) {
        if (piece.end().isAfter(openEnd)) {
          openEnd = piece.end();
        }
        continue;
      }
      if (openStart != null) {
        merged.add(toInstants(openStart, openEnd));
      }
      openStart = piece.start();
      openEnd = piece.end();
    }
    if (openStart != null) {
      merged.add(toInstants(openStart, openEnd));
    }
    return merged;
  }

  /** Wall-clock times that do not exist (the skipped hour) resolve to the instant after the gap. */
  private Span toInstants(LocalDateTime start, LocalDateTime end) {
    return new Span(start.atZone(zone).toInstant(), end.atZone(zone).toInstant());
  }
}
