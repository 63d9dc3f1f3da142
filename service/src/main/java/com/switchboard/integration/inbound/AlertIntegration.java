package com.switchboard.integration.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * An inbound integration as owners and admins see it: its key, and the {@code url} to paste into
 * the tool (for Events API v2, the endpoint; the key goes in {@code routing_key}).
 */
public record AlertIntegration(
    UUID id,
    UUID serviceId,
    IntegrationType type,
    String name,
    String key,
    String url,
    Instant createdAt,
    Instant updatedAt) {

  /** The row as stored; for this package only. */
  public record Row(
      UUID id,
      UUID serviceId,
      String type,
      String name,
      String integrationKey,
      Instant createdAt,
      Instant updatedAt) {}
}
