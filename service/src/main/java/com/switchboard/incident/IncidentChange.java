package com.switchboard.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One change an {@link IncidentObserver} hears of.
 *
 * @param text the status update's message or the note; for other kinds the timeline's summary
 * @param step for {@link Kind#ESCALATED}, the step that fired and whom it paged; null otherwise
 */
public record IncidentChange(Kind kind, Actor actor, String text, Instant at, Step step) {
  public enum Kind {
    TRIGGERED,
    ACKNOWLEDGED,
    ESCALATED,
    REASSIGNED,
    NOTE,
    RESOLVED,
    STATUS_UPDATE,
    URGENCY_CHANGED
  }

  /** A change of any kind but {@link Kind#ESCALATED}. */
  public IncidentChange(Kind kind, Actor actor, String text, Instant at) {
    this(kind, actor, text, at, null);
  }

  /**
   * An escalation step that fired: its policy (null when one user was paged directly), its round
   * and step (from 0), and the people it paged, in order.
   */
  public record Step(
      UUID policyId, String policyName, int round, int step, List<PagedPerson> paged) {}

  public record PagedPerson(UUID userId, String name) {}
}
