package com.switchboard.schedule;

import com.switchboard.user.UserId;
import java.time.Instant;

/** {@code user} is on call from {@code start} (inclusive) until {@code end} (exclusive). */
public record Shift(UserId user, Instant start, Instant end) {
  public Shift {
    if (user == null || start == null || end == null) {
      throw new IllegalArgumentException("a shift needs a user, a start and an end");
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a shift must end after it starts: " + start + " " + end);
    }
  }
}
