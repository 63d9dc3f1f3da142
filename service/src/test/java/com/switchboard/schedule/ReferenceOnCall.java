package com.switchboard.schedule;

import com.switchboard.user.UserId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deliberately naive answer to "who is on call at t", written from the documented rules and
 * sharing no code with {@link ShiftCalculator}: it lists every hand-off one by one from the layer's
 * start (resolving each local hand-off with {@code ZonedDateTime.of}) and counts those at or before
 * t. Slow, obviously right, for tests; valid for instants before {@code until}.
 */
final class ReferenceOnCall {
  private final Schedule schedule;
  private final List<ScheduleOverride> overrides;
  private final Instant until;
  private final Map<LayerId, List<Instant>> handOffs = new HashMap<>();

  ReferenceOnCall(Schedule schedule, List<ScheduleOverride> overrides, Instant until) {
    this.schedule = schedule;
    this.overrides = overrides;
    this.until = until;
  }

  Optional<UserId> onCallAt(Instant t) {
    ScheduleOverride winner = null;
    for (ScheduleOverride o : overrides) {
      boolean covers = !t.isBefore(o.start()) && t.isBefore(o.end());
      if (covers && (winner == null || o.sequence() >= winner.sequence())) {
        winner = o;
      }
    }
    if (winner != null) {
      return Optional.of(winner.user());
    }
    for (int i = schedule.layers().size() - 1; i >= 0; i--) {
      Optional<UserId> user = layerAt(schedule.layers().get(i), t);
      if (user.isPresent()) {
        return user;
      }
    }
    return Optional.empty();
  }

  /** Who the layer alone puts on call at t, restrictions included. */
  Optional<UserId> layerAt(Layer layer, Instant t) {
    if (t.isBefore(layer.start()) || (layer.end().isPresent() && !t.isBefore(layer.end().get()))) {
      return Optional.empty();
    }
    if (!layer.restrictions().isEmpty() && !inAnyWindow(layer.restrictions(), schedule.zone(), t)) {
      return Optional.empty();
    }
    List<Instant> list = handOffs.computeIfAbsent(layer.id(), id -> handOffs(layer));
    int low = 0; // the turn is the number of hand-offs at or before t
    int high = list.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (list.get(mid).isAfter(t)) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    long turn = low;
    return Optional.of(layer.participants().get((int) (turn % layer.participants().size())));
  }

  /** Every hand-off after the layer's start (the starts of turns 1, 2, ...) up to {@code until}. */
  private List<Instant> handOffs(Layer layer) {
    ZoneId zone = schedule.zone();
    List<Instant> out = new ArrayList<>();
    Turn turn = layer.turn();
    if (turn instanceof Turn.Elapsed elapsed) {
      for (Instant h = layer.start().plus(elapsed.length());
          !h.isAfter(until);
          h = h.plus(elapsed.length())) {
        add(out, h);
      }
      return out;
    }
    LocalDateTime localStart = LocalDateTime.ofInstant(layer.start(), zone);
    if (turn instanceof Turn.Days || turn instanceof Turn.Weeks) {
      long period = turn instanceof Turn.Days d ? d.count() : 7L * ((Turn.Weeks) turn).count();
      for (long k = 1; ; k++) {
        Instant h = ZonedDateTime.of(localStart.plusDays(k * period), zone).toInstant();
        if (h.isAfter(until)) {
          return out;
        }
        add(out, h);
      }
    }
    Turn.WeeklyHandoff handoff = (Turn.WeeklyHandoff) turn;
    for (LocalDate day = localStart.toLocalDate().minusDays(8); ; day = day.plusDays(1)) {
      if (day.getDayOfWeek() != handoff.day()) {
        continue;
      }
      Instant h = ZonedDateTime.of(day.atTime(handoff.time()), zone).toInstant();
      if (h.isAfter(until)) {
        return out;
      }
      if (h.isAfter(layer.start())) {
        add(out, h);
      }
    }
  }

  /** Hand-offs must never go backwards, or counting them would be meaningless. */
  private static void add(List<Instant> handOffs, Instant h) {
    if (!handOffs.isEmpty() && h.isBefore(handOffs.get(handOffs.size() - 1))) {
      throw new AssertionError("hand-off " + h + " before " + handOffs.get(handOffs.size() - 1));
    }
    handOffs.add(h);
  }

  private static boolean inAnyWindow(List<WeeklyWindow> windows, ZoneId zone, Instant t) {
    LocalDate today = LocalDateTime.ofInstant(t, zone).toLocalDate();
    for (WeeklyWindow w : windows) {
      int daysToEnd = Math.floorMod(w.endDay().getValue() - w.startDay().getValue(), 7);
      if (daysToEnd == 0 && !w.endTime().isAfter(w.startTime())) {
        daysToEnd = 7;
      }
      for (LocalDate d = today.minusDays(9); !d.isAfter(today.plusDays(2)); d = d.plusDays(1)) {
        if (d.getDayOfWeek() != w.startDay()) {
          continue;
        }
        Instant start = ZonedDateTime.of(d.atTime(w.startTime()), zone).toInstant();
        Instant end = ZonedDateTime.of(d.plusDays(daysToEnd).atTime(w.endTime()), zone).toInstant();
        if (!t.isBefore(start) && t.isBefore(end)) {
          return true;
        }
      }
    }
    return false;
  }
}
