package com.switchboard.integration.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.platform.db.Daos;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The publishing side of outbound webhooks, for the other support packages. {@link #publish} runs
 * in the publisher's transaction: it writes one delivery per enabled endpoint subscribed to the
 * event, so a committed change always has its deliveries and a rolled-back one has none. The
 * deliveries are sent after commit (and retried) by {@link WebhookSender}; nothing here waits on a
 * receiver.
 */
public class OutboundWebhooks {
  private final ObjectMapper json;
  private final WebhookSender sender;
  private final Clock clock;

  public OutboundWebhooks(ObjectMapper json, WebhookSender sender, Clock clock) {
    this.json = json;
    this.sender = sender;
    this.clock = clock;
  }

  /**
   * Queues the event for every subscribed endpoint of the tenant; returns the event id (also the
   * body's {@code id}). {@code data} is serialised as the body's {@code data} now, as it is.
   */
  public UUID publish(Handle handle, TenantId tenant, WebhookEventType type, Object data) {
    UUID eventId = UUID.randomUUID();
    Instant now = clock.instant();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", eventId);
    body.put("type", type.wireName());
    body.put("createdAt", now);
    body.put("tenant", tenant.toString());
    body.put("data", data);
    String payload;
    try {
      payload = json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("webhook data must serialise to JSON: " + type, e);
    }
    List<UUID> deliveries =
        Daos.on(handle, WebhookDao.class).publish(tenant, eventId, type.wireName(), payload, now);
    if (!deliveries.isEmpty()) {
      handle.afterCommit(() -> sender.sendSoon(tenant, deliveries));
    }
    return eventId;
  }

  /** As {@link #publish(Handle, TenantId, WebhookEventType, Object)}, by wire name. */
  public UUID publish(Handle handle, TenantId tenant, String eventType, Object data) {
    return publish(
        handle,
        tenant,
        WebhookEventType.fromWire(eventType)
            .orElseThrow(() -> new IllegalArgumentException("unknown webhook event " + eventType)),
        data);
  }
}
