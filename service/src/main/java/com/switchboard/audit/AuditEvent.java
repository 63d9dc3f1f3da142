package com.switchboard.audit;

import java.time.Instant;
import java.util.UUID;

/** One recorded change: who did what to which thing, when, from where. */
public record AuditEvent(
    long id,
    Instant occurredAt,
    UUID actorId,
    String actorKind,
    String actorName,
    String action,
    String targetType,
    String targetId,
    String summary,
    String clientIp) {}
