package com.switchboard.team;

import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.mapper.Nested;

/** A business service ("Checkout API") and the team that owns it. */
public record BusinessService(
    UUID id,
    String name,
    String description,
    @Nested("team") OwningTeam team,
    Instant createdAt,
    Instant updatedAt) {

  public record OwningTeam(UUID id, String name, TeamKind kind) {}
}
