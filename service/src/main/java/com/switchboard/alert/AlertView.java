package com.switchboard.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * An alert as the incident page shows it: what the monitor said, and the links, images, client and
 * custom details it sent (each null when it sent none).
 */
public record AlertView(
    UUID id,
    UUID serviceId,
    UUID incidentId,
    String dedupKey,
    String status,
    String summary,
    String severity,
    String source,
    String component,
    String group,
    String eventClass,
    JsonNode customDetails,
    JsonNode links,
    JsonNode images,
    String client,
    String clientUrl,
    int eventCount,
    Instant firstAt,
    Instant lastAt,
    Instant resolvedAt) {

  /** The row as stored; {@code details} is the jsonb as text. */
  public record Row(
      UUID id,
      UUID serviceId,
      UUID incidentId,
      String dedupKey,
      String status,
      String summary,
      String severity,
      String source,
      String details,
      int eventCount,
      Instant firstAt,
      Instant lastAt,
      Instant resolvedAt,
      Instant createdAt) {}
}
