package com.switchboard.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The wall clock of one zone, with the one rule the whole schedule module uses to turn a local
 * date-time into an instant (documented on {@link ShiftCalculator}). Local date-times are handled
 * as local epoch seconds (the wall-clock reading counted as if the zone were UTC) plus nanos, so
 * that "the same time N days later" is plain addition.
 *
 * <p>An instance remembers the stretch between two transitions it last resolved in: inside it every
 * local time has exactly one offset and resolving is a subtraction, so a run of hand-offs costs one
 * zone-rule search per DST period instead of one per hand-off. Not thread-safe; make one per
 * computation.
 */
final class LocalClock {
  static final long SECONDS_PER_DAY = 86_400;

  /** The first Monday of the epoch; local weeks are numbered from it. */
  private static final long EPOCH_MONDAY_DAY = LocalDate.of(1970, 1, 5).toEpochDay();

  private final ZoneRules rules;
  private long unambiguousFrom = 1;
  private long unambiguousUntil = 0;
  private int unambiguousOffset;

  LocalClock(ZoneRules rules) {
    this.rules = rules;
  }

  /**
   * The instant of a local date-time, exactly as {@code ZonedDateTime.of(local, zone).toInstant()}
   * resolves it: in a gap, the local time is moved later by the length of the gap (02:30 on a
   * spring-forward day becomes 03:30 of the new offset); in an overlap, the earlier of the two
   * instants. Both cases come down to using the offset in force before the transition, which is
   * what {@link ZoneRules#getOffset(LocalDateTime)} is documented to return for a gap or overlap.
   */
  static Instant resolve(ZoneRules rules, LocalDateTime local) {
    return Instant.ofEpochSecond(local.toEpochSecond(rules.getOffset(local)), local.getNano());
  }

  /** {@link #resolve(ZoneRules, LocalDateTime)} of a local epoch second and nano. */
  Instant resolve(long localSecond, int nano) {
    if (localSecond >= unambiguousFrom && localSecond < unambiguousUntil) {
      return Instant.ofEpochSecond(localSecond - unambiguousOffset, nano);
    }
    LocalDateTime local = LocalDateTime.ofEpochSecond(localSecond, nano, ZoneOffset.UTC);
    ZoneOffset offset = rules.getOffset(local);
    Instant instant = Instant.ofEpochSecond(localSecond - offset.getTotalSeconds(), nano);
    rememberStretchAround(instant);
    return instant;
  }

  /**
   * Remembers the local times that map to exactly one instant between the transitions either side
   * of {@code instant}: those after both readings of the previous transition and before both
   * readings of the next.
   */
  private void rememberStretchAround(Instant instant) {
    Instant second = Instant.ofEpochSecond(instant.getEpochSecond());
    ZoneOffsetTransition previous = rules.previousTransition(second.plusSeconds(1));
    ZoneOffsetTransition next = rules.nextTransition(second);
    unambiguousFrom =
        previous == null
            ? Long.MIN_VALUE
            : Math.max(
                previous.getDateTimeBefore().toEpochSecond(ZoneOffset.UTC),
                previous.getDateTimeAfter().toEpochSecond(ZoneOffset.UTC));
    unambiguousUntil =
        next == null
            ? Long.MAX_VALUE
            : Math.min(
                next.getDateTimeBefore().toEpochSecond(ZoneOffset.UTC),
                next.getDateTimeAfter().toEpochSecond(ZoneOffset.UTC));
    unambiguousOffset = rules.getOffset(second).getTotalSeconds();
  }

  LocalDateTime local(Instant t) {
    return LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), rules.getOffset(t));
  }

  /** The wall-clock reading at {@code t} in seconds, counted as if the zone were UTC. */
  long localEpochSecond(Instant t) {
    return t.getEpochSecond() + rules.getOffset(t).getTotalSeconds();
  }

  /** The number of the local week (Monday to Sunday) containing a local epoch second. */
  static long weekOf(long localSecond) {
    return Math.floorDiv(Math.floorDiv(localSecond, SECONDS_PER_DAY) - EPOCH_MONDAY_DAY, 7);
  }

  /** Monday 00:00 of local week {@code week}, in local epoch seconds. */
  static long weekStart(long week) {
    return (EPOCH_MONDAY_DAY + 7 * week) * SECONDS_PER_DAY;
  }
}
