package com.switchboard.schedule;

import static com.switchboard.schedule.ScheduleValidation.fail;
import static com.switchboard.schedule.ScheduleValidation.required;

import com.switchboard.user.UserId;
import java.time.Instant;

/**
 * {@code user} is on call from {@code start} until {@code end}, above every layer. (Named so as not
 * to shadow {@code java.lang.Override} inside this package.) A shift swap is two overrides.
 *
 * <p>Where overrides overlap, the one created later wins: the higher {@code sequence}, which the
 * store assigns from an increasing counter (an identity column), so two overrides made in one
 * transaction are still ordered. Equal sequences, which a store should never produce, are ordered
 * by their position in the list given to {@link ShiftCalculator}, later winning.
 */
public record ScheduleOverride(
    OverrideId id, UserId user, Instant start, Instant end, long sequence) {
  public ScheduleOverride {
    required("id", id);
    required("user", user);
    required("start", start);
    required("end", end);
    if (!end.isAfter(start)) {
      fail("end", "must be after the start");
    }
  }

  boolean covers(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
