package com.switchboard.incident;

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
    Instant updatedAt) {}
