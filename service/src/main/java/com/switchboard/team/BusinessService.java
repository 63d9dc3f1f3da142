package com.switchboard.team;

import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.mapper.Nested;

/**
 * A business service ("Checkout API"), the team that owns it, and the escalation policy its
 * incidents page (null: incidents open but page nobody).
 */
public record BusinessService(
    UUID id,
    String name,
    String description,
    @Nested("team") OwningTeam team,
    UUID escalationPolicyId,
    Instant createdAt,
    Instant updatedAt) {

  public record OwningTeam(UUID id, String name, TeamKind kind) {}
}
