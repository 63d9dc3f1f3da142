package com.switchboard.sla;

import java.time.Instant;

/**
 * One clock of a ticket as shown to people.
 *
 * @param metric first_response, next_response or resolution
 * @param dueAt null while paused
 * @param status active, paused, met or breached
 * @param remainingSeconds business seconds left; negative once breached; null when met
 * @param breachPage the page a breach opened, with who acknowledged it; null before a breach
 */
public record SlaClock(
    String metric,
    Instant dueAt,
    String status,
    Long remainingSeconds,
    Instant warnedAt,
    Instant breachedAt,
    BreachPage breachPage) {

  /** The incident a breach opened to page the SLA policy's escalation policy. */
  public record BreachPage(
      java.util.UUID incidentId,
      long incidentNumber,
      String status,
      String acknowledgedBy,
      Instant acknowledgedAt) {}
}
