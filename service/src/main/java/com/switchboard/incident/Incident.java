package com.switchboard.incident;

import com.switchboard.paging.PageSubject;
import com.switchboard.paging.Urgency;
import java.time.Instant;
import java.util.UUID;

/**
 * An incident as stored. {@code createdBy}, {@code acknowledgedBy} and {@code resolvedBy} are
 * display names of who did it ("Alice Ng", "api key ci-deploy", "Switchboard").
 */
public record Incident(
    UUID id,
    long number,
    UUID serviceId,
    String serviceName,
    String title,
    String details,
    Urgency urgency,
    IncidentStatus status,
    String dedupKey,
    int alertCount,
    String createdBy,
    Instant acknowledgedAt,
    String acknowledgedBy,
    Instant resolvedAt,
    String resolvedBy,
    Instant createdAt,
    Instant updatedAt) {

  /** The incident as escalation and notify, below this domain, see it. */
  public PageSubject subject() {
    return new PageSubject(
        id,
        number,
        serviceId,
        serviceName,
        title,
        details,
        urgency,
        status == IncidentStatus.TRIGGERED);
  }

  /** The same incident with its number, once {@code IncidentDao.assignNumber} gave it one. */
  public Incident numbered(long assigned) {
    return new Incident(
        id,
        assigned,
        serviceId,
        serviceName,
        title,
        details,
        urgency,
        status,
        dedupKey,
        alertCount,
        createdBy,
        acknowledgedAt,
        acknowledgedBy,
        resolvedAt,
        resolvedBy,
        createdAt,
        updatedAt);
  }
}
