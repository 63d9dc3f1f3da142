package com.switchboard.schedule;

import static com.switchboard.schedule.ScheduleValidation.fail;
import static com.switchboard.schedule.ScheduleValidation.required;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;

/**
 * How long each participant's turn in a layer lasts, and so when the hand-offs happen. Four kinds,
 * stored as a kind plus its numbers:
 *
 * <ul>
 *   <li>{@link Elapsed}: a fixed length of elapsed time (N hours). Hand-offs drift in local time
 *       across a DST change; a 24-hour turn is always exactly 24 hours.
 *   <li>{@link Days} and {@link Weeks}: N calendar days or weeks in the schedule's zone. Hand-offs
 *       happen at the local wall time of the layer's start, so a turn spanning a DST change is an
 *       hour (or, on Lord Howe Island, half an hour) shorter or longer.
 *   <li>{@link WeeklyHandoff}: a weekly hand-off on a fixed local day and time ("Mondays 09:00").
 *       The first turn runs from the layer's start to the first hand-off after it.
 * </ul>
 *
 * <p>How a hand-off that falls in a skipped or repeated local hour resolves is described on {@link
 * ShiftCalculator}.
 */
public sealed interface Turn permits Turn.Elapsed, Turn.Days, Turn.Weeks, Turn.WeeklyHandoff {

  static Turn hours(long hours) {
    return new Elapsed(Duration.ofHours(hours));
  }

  static Turn days(int days) {
    return new Days(days);
  }

  static Turn weeks(int weeks) {
    return new Weeks(weeks);
  }

  static Turn weeklyAt(DayOfWeek day, LocalTime time) {
    return new WeeklyHandoff(day, time);
  }

  /** A fixed length of elapsed time: at least one minute, in whole minutes. */
  record Elapsed(Duration length) implements Turn {
    public Elapsed {
      required("turn", length);
      if (length.isNegative() || length.isZero()) {
        fail("turn", "length must be positive");
      }
      if (length.toMinutes() < 1 || !length.equals(Duration.ofMinutes(length.toMinutes()))) {
        fail("turn", "length must be a whole number of minutes");
      }
    }
  }

  /** N calendar days in the schedule's zone, handing off at the same local time each day. */
  record Days(int count) implements Turn {
    public Days {
      if (count < 1) {
        fail("turn", "length must be at least one day");
      }
    }
  }

  /** N calendar weeks in the schedule's zone, handing off at the same local day and time. */
  record Weeks(int count) implements Turn {
    public Weeks {
      if (count < 1) {
        fail("turn", "length must be at least one week");
      }
    }
  }

  /** One week per turn, handing off every week on {@code day} at {@code time}, local. */
  record WeeklyHandoff(DayOfWeek day, LocalTime time) implements Turn {
    public WeeklyHandoff {
      required("turn.day", day);
      required("turn.time", time);
    }
  }
}
