package com.switchboard.auth;

import com.switchboard.user.UserId;
import java.time.Instant;
import java.util.UUID;

/** An API key as the API lists it; the secret itself is shown once, at creation. */
public record ApiKey(
    UUID id,
    String name,
    Role role,
    String tokenHint,
    UserId createdBy,
    Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt) {}
