package com.switchboard.incident;

import java.time.Instant;

/**
 * One change an {@link IncidentObserver} hears of.
 *
 * @param text the status update's message; for other kinds the timeline's summary
 */
public record IncidentChange(Kind kind, Actor actor, String text, Instant at) {
  public enum Kind {
    ACKNOWLEDGED,
    RESOLVED,
    STATUS_UPDATE,
    URGENCY_CHANGED
  }
}
