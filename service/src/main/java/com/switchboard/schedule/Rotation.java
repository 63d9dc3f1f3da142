package com.switchboard.schedule;

import com.switchboard.user.UserId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * The turn arithmetic of one layer: turn {@code k} runs from {@link #turnStart}(k) until
 * turnStart(k + 1) and belongs to participant {@code k mod n}. Turn 0 starts at the layer's start.
 * Finding the turn that contains an instant costs O(1), however long the layer has run.
 */
abstract sealed class Rotation permits Rotation.Elapsed, Rotation.Calendar {
  final Instant start;
  private final List<UserId> participants;

  private Rotation(Layer layer) {
    this.start = layer.start();
    this.participants = layer.participants();
  }

  static Rotation of(Layer layer, LocalClock clock) {
    Turn turn = layer.turn();
    if (turn instanceof Turn.Elapsed elapsed) {
      return new Elapsed(layer, elapsed.length().getSeconds());
    }
    LocalDateTime localStart = clock.local(layer.start());
    if (turn instanceof Turn.Days days) {
      return new Calendar(layer, clock, localStart, days.count());
    }
    if (turn instanceof Turn.Weeks weeks) {
      return new Calendar(layer, clock, localStart, 7L * weeks.count());
    }
    Turn.WeeklyHandoff handoff = (Turn.WeeklyHandoff) turn;
    LocalDateTime anchor =
        localStart
            .toLocalDate()
            .with(TemporalAdjusters.previousOrSame(handoff.day()))
            .atTime(handoff.time());
    if (anchor.isAfter(localStart)) {
      anchor = anchor.minusWeeks(1);
    }
    return new Calendar(layer, clock, anchor, 7);
  }

  /** The turn containing {@code t}, which must not be before the layer's start. */
  abstract long turnAt(Instant t);

  /** Where turn {@code k >= 0} starts; turn 0 starts at the layer's start. */
  abstract Instant turnStart(long k);

  UserId participant(long turn) {
    return participants.get((int) Math.floorMod(turn, (long) participants.size()));
  }

  /** Elapsed-time turns: turn k starts exactly k × length after the layer's start. */
  static final class Elapsed extends Rotation {
    private final long seconds;

    Elapsed(Layer layer, long seconds) {
      super(layer);
      this.seconds = seconds;
    }

    @Override
    long turnAt(Instant t) {
      long elapsed = t.getEpochSecond() - start.getEpochSecond();
      if (t.getNano() < start.getNano()) {
        elapsed--;
      }
      return elapsed / seconds;
    }

    @Override
    Instant turnStart(long k) {
      return start.plusSeconds(Math.multiplyExact(k, seconds));
    }
  }

  /**
   * Calendar turns: hand-offs at {@code anchor + k × period days} on the local wall clock (a local
   * day is always 86,400 local seconds), each resolved to an instant by {@link LocalClock}. The
   * anchor is the last local hand-off that resolves at or before the layer's start (for N-day and
   * N-week turns, the start itself). Resolved hand-offs never decrease while the period is at least
   * as long as any gap in the zone, which a period of a day or more always is; a turn whose
   * hand-offs coincide is empty.
   */
  static final class Calendar extends Rotation {
    private final LocalClock clock;
    private final long anchorSecond;
    private final int anchorNano;
    private final long periodSeconds;

    Calendar(Layer layer, LocalClock clock, LocalDateTime anchor, long periodDays) {
      super(layer);
      this.clock = clock;
      this.anchorNano = anchor.getNano();
      this.periodSeconds = periodDays * LocalClock.SECONDS_PER_DAY;
      long second = anchor.toEpochSecond(ZoneOffset.UTC);
      while (clock.resolve(second, anchorNano).isAfter(start)) {
        second -= periodSeconds;
      }
      while (!clock.resolve(second + periodSeconds, anchorNano).isAfter(start)) {
        second += periodSeconds;
      }
      this.anchorSecond = second;
    }

    @Override
    long turnAt(Instant t) {
      long k = Math.max(0, Math.floorDiv(clock.localEpochSecond(t) - anchorSecond, periodSeconds));
      while (k > 0 && turnStart(k).isAfter(t)) {
        k--;
      }
      while (!turnStart(k + 1).isAfter(t)) {
        k++;
      }
      return k;
    }

    @Override
    Instant turnStart(long k) {
      if (k == 0) {
        return start;
      }
      return clock.resolve(anchorSecond + Math.multiplyExact(k, periodSeconds), anchorNano);
    }
  }
}
