package com.switchboard.schedule;

import static com.switchboard.schedule.ScheduleValidation.fail;
import static com.switchboard.schedule.ScheduleValidation.required;

import com.switchboard.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Who is on call: the pure logic behind the shifts and on-call endpoints. No database, no clock;
 * every answer is a function of the schedule, its overrides and the instants asked about.
 *
 * <h2>Stacking</h2>
 *
 * <p>A layer is on call where it is in force ({@code start <= t < end}), inside one of its
 * restriction windows (if it has any), and then its current turn's participant is on call. Layers
 * stack in list order: a higher layer wins wherever it has someone on call, lower layers fill the
 * rest, and where no layer has anyone there is a gap. Overrides sit above every layer; where
 * overrides overlap, the one created later (higher {@link ScheduleOverride#sequence()}) wins, and
 * where it ends the next one down shows through. {@link #onCallAt} answers exactly what {@link
 * #compute} shows at that instant.
 *
 * <h2>Time zones and daylight saving</h2>
 *
 * <ul>
 *   <li>{@link Turn.Elapsed} turns are elapsed time: a 24-hour turn is 24 hours long whatever the
 *       clocks do, so its local hand-off time moves by an hour across a DST change.
 *   <li>Calendar turns ({@link Turn.Days}, {@link Turn.Weeks}, {@link Turn.WeeklyHandoff}) hand off
 *       at the same local wall time: a Monday 09:00 America/New_York rotation hands off at 09:00
 *       local in winter and summer, so the week containing the change is 167 or 169 hours; a daily
 *       rotation's turn over the spring-forward day is 23 hours, over the fall-back day 25 (on
 *       Australia/Lord_Howe, 23.5 and 24.5).
 *   <li>A local hand-off time that does not exist (02:30 on a spring-forward day in New York) is
 *       moved later by the length of the gap (03:30 local), and a local time that happens twice
 *       (01:30 on a fall-back day) means the earlier of the two instants. This is {@code
 *       ZonedDateTime.of(localDateTime, zone)}'s rule, and it is applied to every hand-off
 *       separately, so the next day's hand-off is back at 02:30 (or 01:30) local. The first turn of
 *       a layer always starts at the layer's start instant. A whole calendar day that never
 *       happened (Samoa skipped 30 December 2011) gives that day's daily turn no time at all: its
 *       participant is passed over and the rotation carries on.
 *   <li>Restriction windows are local wall-clock windows resolved the same way, start and end
 *       separately; a window occurrence whose resolved end is not after its resolved start (a short
 *       window inside a skipped hour) is empty that week.
 *   <li>Shifts, gaps and overrides are instants; a participant's own zone plays no part.
 * </ul>
 *
 * <h2>Cost</h2>
 *
 * <p>Finding the turn containing an instant is O(1) for every turn kind, however long ago the layer
 * started, so {@link #onCallAt} costs O(layers × windows + overrides). {@link #compute} costs O(n
 * log n) in the number of layer shifts and overrides in the window. Nothing limits the window;
 * callers bound it.
 */
public final class ShiftCalculator {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final Comparator<Piece> BY_START = (a, b) -> a.start.compareTo(b.start);
  private static final Comparator<Piece> HIGHEST_FIRST =
      (a, b) -> Integer.compare(b.priority, a.priority);

  /** Everything that happens in {@code [from, to)}. */
  public ScheduleTimeline compute(
      Schedule schedule, List<ScheduleOverride> overrides, Instant from, Instant to) {
    required("schedule", schedule);
    required("overrides", overrides);
    required("from", from);
    required("to", to);
    if (!to.isAfter(from)) {
      fail("to", "must be after from");
    }
    LocalClock clock = new LocalClock(schedule.zone().getRules());
    List<Layer> layers = schedule.layers();
    List<LayerShifts> perLayer = new ArrayList<>(layers.size());
    List<Piece> pieces = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      List<Shift> shifts = layerShifts(layer, clock, from, to);
      perLayer.add(new LayerShifts(layer.id(), shifts));
      for (Shift shift : shifts) {
        pieces.add(new Piece(shift.start(), shift.end(), shift.user(), i));
      }
    }
    int[] rank = overrideRanks(overrides);
    for (int j = 0; j < overrides.size(); j++) {
      ScheduleOverride o = overrides.get(j);
      if (o.start().isBefore(to) && o.end().isAfter(from)) {
        pieces.add(
            new Piece(max(o.start(), from), min(o.end(), to), o.user(), layers.size() + rank[j]));
      }
    }
    pieces.sort(BY_START);

    List<Shift> shifts = new ArrayList<>();
    List<TimeRange> gaps = new ArrayList<>();
    PriorityQueue<Piece> active = new PriorityQueue<>(Math.max(1, layers.size()), HIGHEST_FIRST);
    Instant cursor = from;
    int next = 0;
    while (cursor.isBefore(to)) {
      while (next < pieces.size() && !pieces.get(next).start.isAfter(cursor)) {
        active.add(pieces.get(next++));
      }
      while (!active.isEmpty() && !active.peek().end.isAfter(cursor)) {
        active.poll();
      }
      Instant nextStart = next < pieces.size() ? pieces.get(next).start : to;
      if (active.isEmpty()) {
        gaps.add(new TimeRange(cursor, nextStart));
        cursor = nextStart;
        continue;
      }
      // Only a new piece starting or the top piece ending can change who is on top.
      Piece top = active.peek();
      Instant until = min(top.end, nextStart);
      append(shifts, top.user, cursor, until);
      cursor = until;
    }
    return new ScheduleTimeline(from, to, shifts, perLayer, gaps);
  }

  /** Who is on call at {@code at}, if anyone; always what {@link #compute} shows there. */
  public Optional<UserId> onCallAt(
      Schedule schedule, List<ScheduleOverride> overrides, Instant at) {
    required("schedule", schedule);
    required("overrides", overrides);
    required("at", at);
    ScheduleOverride winner = null;
    for (ScheduleOverride o : overrides) {
      if (o.covers(at) && (winner == null || o.sequence() >= winner.sequence())) {
        winner = o;
      }
    }
    if (winner != null) {
      return Optional.of(winner.user());
    }
    LocalClock clock = new LocalClock(schedule.zone().getRules());
    List<Layer> layers = schedule.layers();
    for (int i = layers.size() - 1; i >= 0; i--) {
      Layer layer = layers.get(i);
      if (layer.inForceAt(at) && withinRestrictions(layer.restrictions(), clock, at)) {
        Rotation rotation = Rotation.of(layer, clock);
        return Optional.of(rotation.participant(rotation.turnAt(at)));
      }
    }
    return Optional.empty();
  }

  /** One layer's shifts in {@code [from, to)}, after its restrictions. */
  private static List<Shift> layerShifts(Layer layer, LocalClock clock, Instant from, Instant to) {
    Instant a = max(from, layer.start());
    Instant b = layer.end().isPresent() ? min(layer.end().get(), to) : to;
    if (!a.isBefore(b)) {
      return List.of();
    }
    Rotation rotation = Rotation.of(layer, clock);
    List<Shift> shifts = new ArrayList<>();
    if (layer.restrictions().isEmpty()) {
      addTurns(rotation, a, b, shifts);
    } else {
      for (TimeRange range : activeRanges(layer.restrictions(), clock, a, b)) {
        addTurns(rotation, range.start(), range.end(), shifts);
      }
    }
    return shifts;
  }

  /** Appends the turns of {@code rotation} clipped to {@code [a, b)}, where a >= layer start. */
  private static void addTurns(Rotation rotation, Instant a, Instant b, List<Shift> out) {
    long k = rotation.turnAt(a);
    Instant turnStart = rotation.turnStart(k);
    while (turnStart.isBefore(b)) {
      Instant turnEnd = rotation.turnStart(k + 1);
      Instant start = max(turnStart, a);
      Instant end = min(turnEnd, b);
      if (start.isBefore(end)) {
        append(out, rotation.participant(k), start, end);
      }
      turnStart = turnEnd;
      k++;
    }
  }

  /**
   * The union of the restriction windows' occurrences, clipped to {@code [a, b)}: sorted, disjoint
   * and not touching. The week range is wide enough for any occurrence that a DST transition near a
   * week boundary moves across it.
   */
  private static List<TimeRange> activeRanges(
      List<WeeklyWindow> windows, LocalClock clock, Instant a, Instant b) {
    long firstWeek = LocalClock.weekOf(clock.localEpochSecond(a)) - 3;
    long lastWeek = LocalClock.weekOf(clock.localEpochSecond(b)) + 2;
    List<TimeRange> occurrences = new ArrayList<>();
    for (long week = firstWeek; week <= lastWeek; week++) {
      long weekStart = LocalClock.weekStart(week);
      for (WeeklyWindow window : windows) {
        Instant start = max(occurrenceStart(window, weekStart, clock), a);
        Instant end = min(occurrenceEnd(window, weekStart, clock), b);
        if (start.isBefore(end)) {
          occurrences.add(new TimeRange(start, end));
        }
      }
    }
    occurrences.sort(Comparator.comparing(TimeRange::start));
    List<TimeRange> union = new ArrayList<>(occurrences.size());
    for (TimeRange r : occurrences) {
      int last = union.size() - 1;
      if (last >= 0 && !r.start().isAfter(union.get(last).end())) {
        if (r.end().isAfter(union.get(last).end())) {
          union.set(last, new TimeRange(union.get(last).start(), r.end()));
        }
      } else {
        union.add(r);
      }
    }
    return union;
  }

  /**
   * Whether {@code t} falls in one of the windows. An occurrence containing {@code t} starts, on
   * the wall clock, less than a week plus one transition before t's local time and at most one
   * transition after it, so the weeks from two before to one after t's local week cover it.
   */
  private static boolean withinRestrictions(
      List<WeeklyWindow> windows, LocalClock clock, Instant t) {
    if (windows.isEmpty()) {
      return true;
    }
    long week = LocalClock.weekOf(clock.localEpochSecond(t));
    for (long w = week - 2; w <= week + 1; w++) {
      long weekStart = LocalClock.weekStart(w);
      for (WeeklyWindow window : windows) {
        if (!occurrenceStart(window, weekStart, clock).isAfter(t)
            && occurrenceEnd(window, weekStart, clock).isAfter(t)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Where the window's occurrence in the local week starting at {@code weekStart} begins. */
  private static Instant occurrenceStart(WeeklyWindow window, long weekStart, LocalClock clock) {
    return clock.resolve(weekStart + window.startSecondOfWeek(), window.startTime().getNano());
  }

  /** Where that occurrence ends: its start plus its length, on the wall clock. */
  private static Instant occurrenceEnd(WeeklyWindow window, long weekStart, LocalClock clock) {
    long nanos = window.startTime().getNano() + window.lengthNanos();
    return clock.resolve(
        weekStart + window.startSecondOfWeek() + Math.floorDiv(nanos, NANOS_PER_SECOND),
        (int) Math.floorMod(nanos, NANOS_PER_SECOND));
  }

  /** For each override, its rank from 0 (earliest created) up: by sequence, then list position. */
  private static int[] overrideRanks(List<ScheduleOverride> overrides) {
    int n = overrides.size();
    long[] keys = new long[n];
    Integer[] order = new Integer[n];
    for (int j = 0; j < n; j++) {
      keys[j] = overrides.get(j).sequence();
      order[j] = j;
    }
    Arrays.sort(
        order,
        (x, y) -> {
          int c = Long.compare(keys[x], keys[y]);
          return c != 0 ? c : Integer.compare(x, y);
        });
    int[] rank = new int[n];
    for (int r = 0; r < n; r++) {
      rank[order[r]] = r;
    }
    return rank;
  }

  /** Adds a shift, extending the last one instead if it is the same user's and touches. */
  private static void append(List<Shift> shifts, UserId user, Instant start, Instant end) {
    int last = shifts.size() - 1;
    if (last >= 0) {
      Shift previous = shifts.get(last);
      if (previous.user().equals(user) && previous.end().equals(start)) {
        shifts.set(last, new Shift(user, previous.start(), end));
        return;
      }
    }
    shifts.add(new Shift(user, start, end));
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** A stretch in which one layer or override puts {@code user} on call, with its priority. */
  private static final class Piece {
    final Instant start;
    final Instant end;
    final UserId user;
    final int priority;

    Piece(Instant start, Instant end, UserId user, int priority) {
      this.start = start;
      this.end = end;
      this.user = user;
      this.priority = priority;
    }
  }
}
