package com.switchboard.integration.inbound;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
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
    Instant updatedAt,
    @JsonUnwrapped TypeFields typeFields) {

  /**
   * Fields of one type only, absent for the others: a heartbeat's settings and state, an email
   * integration's address and grouping (docs/integrations/heartbeat-and-email.md).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TypeFields(Heartbeat heartbeat, String email, String groupBy) {
    public static final TypeFields NONE = new TypeFields(null, null, null);
  }

  /**
   * @param status {@code waiting} (never pinged), {@code up}, or {@code missed}
   * @param dueAt when it is missed if no ping comes first
   */
  public record Heartbeat(
      int intervalSeconds, int graceSeconds, String status, Instant lastPingAt, Instant dueAt) {}

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
