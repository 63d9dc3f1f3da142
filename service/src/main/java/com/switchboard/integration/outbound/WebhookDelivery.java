package com.switchboard.integration.outbound;

import java.time.Instant;
import java.util.UUID;

/**
 * One event to one endpoint, with the outcome of its attempts: {@code pending} until an attempt
 * gets a 2xx ({@code delivered}) or the attempts run out ({@code failed}).
 */
public record WebhookDelivery(
    UUID id,
    UUID endpointId,
    UUID eventId,
    String event,
    String status,
    int attempts,
    Integer lastStatusCode,
    String lastError,
    String responseSnippet,
    Instant nextAttemptAt,
    UUID redeliveryOf,
    Instant createdAt,
    Instant updatedAt,
    Instant deliveredAt) {
  public static final String PENDING = "pending";
  public static final String DELIVERED = "delivered";
  public static final String FAILED = "failed";
}
