package com.switchboard.schedule;

import static com.switchboard.schedule.ScheduleValidation.fail;
import static com.switchboard.schedule.ScheduleValidation.required;

import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * A restriction window of a layer: every week, from {@code startDay startTime} to {@code endDay
 * endTime} in the schedule's zone, going forward. The end may be earlier in the week than the
 * start, so a window may cross midnight and the week boundary (Friday 18:00 to Monday 09:00). A
 * window is shorter than a week; one whose end equals its start is rejected as ambiguous (no
 * restriction at all means always active). Local times that are skipped or repeated resolve as
 * described on {@link ShiftCalculator}.
 */
public record WeeklyWindow(
    DayOfWeek startDay, LocalTime startTime, DayOfWeek endDay, LocalTime endTime) {
  private static final long DAY_NANOS = 86_400_000_000_000L;
  private static final long WEEK_NANOS = 7 * DAY_NANOS;

  public WeeklyWindow {
    required("startDay", startDay);
    required("startTime", startTime);
    required("endDay", endDay);
    required("endTime", endTime);
    if (startDay == endDay && startTime.equals(endTime)) {
      fail("end", "must differ from the start (a window is shorter than a week)");
    }
  }

  /**
   * A window starting on {@code day} at {@code start} and ending at {@code end} the same day, or
   * the next day if {@code end} is earlier (18:00-09:00 crosses midnight). Equal times are
   * rejected.
   */
  public static WeeklyWindow daily(DayOfWeek day, LocalTime start, LocalTime end) {
    required("startDay", day);
    required("startTime", start);
    required("endTime", end);
    if (end.equals(start)) {
      fail("end", "must differ from the start (a window is shorter than a week)");
    }
    return new WeeklyWindow(day, start, end.isAfter(start) ? day : day.plus(1), end);
  }

  /** Seconds from the start of the local week (Monday 00:00) to the window's start. */
  long startSecondOfWeek() {
    return (startDay.getValue() - 1) * LocalClock.SECONDS_PER_DAY + startTime.toSecondOfDay();
  }

  /** The window's length in local wall-clock nanoseconds: more than zero, less than a week. */
  long lengthNanos() {
    long start = (startDay.getValue() - 1) * DAY_NANOS + startTime.toNanoOfDay();
    long end = (endDay.getValue() - 1) * DAY_NANOS + endTime.toNanoOfDay();
    return Math.floorMod(end - start, WEEK_NANOS);
  }
}
