package com.switchboard.schedule;

import java.time.Instant;
import java.util.List;

/**
 * The answer for a schedule over {@code [from, to)}.
 *
 * @param shifts who is actually on call: sorted, never overlapping, clipped to the window, adjacent
 *     shifts of one user merged
 * @param layers each layer's own shifts, in the schedule's layer order (lowest first)
 * @param gaps the intervals in which nobody is on call; with {@code shifts} they cover the window
 *     exactly
 */
public record ScheduleTimeline(
    Instant from, Instant to, List<Shift> shifts, List<LayerShifts> layers, List<TimeRange> gaps) {
  public ScheduleTimeline {
    shifts = List.copyOf(shifts);
    layers = List.copyOf(layers);
    gaps = List.copyOf(gaps);
  }
}
