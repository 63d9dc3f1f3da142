package com.switchboard.testing;

import java.util.UUID;

/** Webhook rows the API cannot write on demand, for the cross-cutting tests. */
public final class WebhookRows {
  private WebhookRows() {}

  /**
   * A delivery of {@code webhookId} that has failed every attempt, written as the publisher and
   * sender would leave it; returns its id.
   */
  public static String failedDelivery(String tenantId, String webhookId) {
    UUID deliveryId = UUID.randomUUID();
    TestDatabase.get()
        .executeInTenant(
            tenantId,
            "INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_type,"
                + " payload, status, attempts, last_error, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, 'ticket.created', '{}', 'failed', 6, 'HTTP 500', now(), now())",
            UUID.fromString(tenantId),
            deliveryId,
            UUID.fromString(webhookId),
            UUID.randomUUID());
    return deliveryId.toString();
  }
}
