package com.switchboard.schedule;

import java.time.Instant;

/** The instants from {@code start} (inclusive) until {@code end} (exclusive); never empty. */
public record TimeRange(Instant start, Instant end) {
  public TimeRange {
    if (start == null || end == null) {
      throw new IllegalArgumentException("a time range needs a start and an end");
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a time range must end after it starts");
    }
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
