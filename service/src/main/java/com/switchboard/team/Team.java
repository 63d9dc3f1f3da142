package com.switchboard.team;

import java.time.Instant;
import java.util.UUID;

/** A team as listed, with how many members and services it has. */
public record Team(
    UUID id,
    String name,
    TeamKind kind,
    String description,
    int memberCount,
    int serviceCount,
    Instant createdAt) {}
