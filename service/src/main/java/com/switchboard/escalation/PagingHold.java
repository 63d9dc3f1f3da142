package com.switchboard.escalation;

import com.switchboard.paging.Urgency;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether an incident's paging must wait, and until when: while its service is in maintenance, and,
 * for low urgency, until the service's support hours begin. Pure.
 */
public final class PagingHold {
  /** Paging waits until {@code until}; {@code reason} says why, for the timeline. */
  public record Hold(Instant until, String reason) {}

  /** A maintenance window of a service. */
  public record Maintenance(Instant start, Instant end) {}

  private PagingHold() {}

  public static Optional<Hold> of(
      List<Maintenance> maintenance, SupportHours hours, Urgency urgency, Instant now) {
    Instant at = now;
    String reason = null;
    boolean moved = true;
    // Windows may follow one another; support hours may begin inside a later window.
    for (int guard = 0; moved && guard < 100; guard++) {
      moved = false;
      for (Maintenance window : maintenance) {
        if (!window.start().isAfter(at) && window.end().isAfter(at)) {
          at = window.end();
          reason = "the service is in maintenance";
          moved = true;
        }
      }
      if (urgency == Urgency.LOW && hours != null && !hours.windows().isEmpty()) {
        Instant open = hours.nextStart(at);
        if (open != null && open.isAfter(at)) {
          at = open;
          reason = reason == null ? "low urgency waits for support hours" : reason;
          moved = true;
        }
      }
    }
    return at.equals(now) ? Optional.empty() : Optional.of(new Hold(at, reason));
  }
}
