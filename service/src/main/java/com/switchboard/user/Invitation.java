package com.switchboard.user;

import com.switchboard.auth.Role;
import java.time.Instant;
import java.util.UUID;

/** An invitation as stored (minus its token hash). */
public record Invitation(
    UUID id,
    String email,
    Role role,
    UserId invitedBy,
    Instant createdAt,
    Instant expiresAt,
    Instant acceptedAt,
    Instant revokedAt) {

  public boolean isPending(Instant now) {
    return acceptedAt == null && revokedAt == null && expiresAt.isAfter(now);
  }
}
