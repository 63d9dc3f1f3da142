package com.switchboard.integration.outbound;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.FieldError;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.platform.errors.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Webhook endpoints (owner and admin configure them) and their delivery log. */
public class WebhookService {
  /** An endpoint and its secret, side by side in JSON: answered only on create and rotate. */
  public record WithSecret(@JsonUnwrapped WebhookEndpoint endpoint, String secret) {}

  private final TenantDatabase db;
  private final WebhookTargets targets;
  private final WebhookSender sender;
  private final AuditLog audit;
  private final Clock clock;

  public WebhookService(
      TenantDatabase db,
      WebhookTargets targets,
      WebhookSender sender,
      AuditLog audit,
      Clock clock) {
    this.db = db;
    this.targets = targets;
    this.sender = sender;
    this.audit = audit;
    this.clock = clock;
  }

  public WithSecret create(Caller caller, String url, List<String> events, String description) {
    String checkedUrl = targets.check(url).toString();
    String[] types = eventTypes(events);
    String secret = WebhookSignatures.newSecret();
    UUID id = UUID.randomUUID();
    return db.inTenant(
        caller.tenantId(),
        h -> {
          WebhookDao dao = Daos.on(h, WebhookDao.class);
          dao.insertEndpoint(
              caller.tenantId(), id, checkedUrl, text(description), types, true, secret, now());
          audit.record(
              h,
              caller,
              "webhook.created",
              "webhook",
              id,
              "created webhook to " + checkedUrl + " for " + String.join(", ", types));
          return new WithSecret(dao.endpoint(caller.tenantId(), id).orElseThrow().view(), secret);
        });
  }

  public List<WebhookEndpoint> list(Caller caller) {
    return db.inTenant(
        caller.tenantId(),
        h ->
            Daos.on(h, WebhookDao.class).endpoints(caller.tenantId()).stream()
                .map(WebhookEndpoint.Row::view)
                .toList());
  }

  public WebhookEndpoint get(Caller caller, UUID id) {
    return db.inTenant(caller.tenantId(), h -> find(h, caller, id).view());
  }

  public WebhookEndpoint update(
      Caller caller,
      UUID id,
      String url,
      List<String> events,
      String description,
      Boolean enabled) {
    String checkedUrl = targets.check(url).toString();
    String[] types = eventTypes(events);
    return db.inTenant(
        caller.tenantId(),
        h -> {
          find(h, caller, id);
          WebhookDao dao = Daos.on(h, WebhookDao.class);
          boolean on = enabled == null || enabled;
          dao.updateEndpoint(
              caller.tenantId(), id, checkedUrl, text(description), types, on, now());
          audit.record(
              h,
              caller,
              "webhook.updated",
              "webhook",
              id,
              "updated webhook to "
                  + checkedUrl
                  + " for "
                  + String.join(", ", types)
                  + (on ? "" : " (disabled)"));
          return dao.endpoint(caller.tenantId(), id).orElseThrow().view();
        });
  }

  public void delete(Caller caller, UUID id) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          WebhookEndpoint.Row endpoint = find(h, caller, id);
          Daos.on(h, WebhookDao.class).deleteEndpoint(caller.tenantId(), id);
          audit.record(
              h, caller, "webhook.deleted", "webhook", id, "deleted webhook to " + endpoint.url());
        });
  }

  /** A new secret replaces the old one at once; deliveries from now on are signed with it. */
  public WithSecret rotateSecret(Caller caller, UUID id) {
    String secret = WebhookSignatures.newSecret();
    return db.inTenant(
        caller.tenantId(),
        h -> {
          WebhookEndpoint.Row endpoint = find(h, caller, id);
          WebhookDao dao = Daos.on(h, WebhookDao.class);
          dao.rotateSecret(caller.tenantId(), id, secret, now());
          audit.record(
              h,
              caller,
              "webhook.secret_rotated",
              "webhook",
              id,
              "rotated the secret of webhook to " + endpoint.url());
          return new WithSecret(dao.endpoint(caller.tenantId(), id).orElseThrow().view(), secret);
        });
  }

  public List<WebhookDelivery> deliveries(Caller caller, UUID id, String status, int limit) {
    if (status != null
        && !Set.of(WebhookDelivery.PENDING, WebhookDelivery.DELIVERED, WebhookDelivery.FAILED)
            .contains(status)) {
      throw new com.switchboard.platform.errors.BadRequestException(
          "invalid_parameter", "status", "must be one of pending, delivered, failed");
    }
    return db.inTenant(
        caller.tenantId(),
        h -> {
          find(h, caller, id);
          return Daos.on(h, WebhookDao.class).deliveries(caller.tenantId(), id, status, limit);
        });
  }

  /**
   * Sends a delivery's event again as a new delivery (same event id and body, a new delivery id),
   * whatever became of the original; the original stays in the log.
   */
  public WebhookDelivery redeliver(Caller caller, UUID id, UUID deliveryId) {
    UUID newId = UUID.randomUUID();
    return db.inTenant(
        caller.tenantId(),
        h -> {
          find(h, caller, id);
          WebhookDao dao = Daos.on(h, WebhookDao.class);
          WebhookDelivery original =
              dao.delivery(caller.tenantId(), id, deliveryId)
                  .orElseThrow(() -> new NotFoundException("delivery"));
          dao.redeliver(caller.tenantId(), deliveryId, newId, now());
          audit.record(
              h,
              caller,
              "webhook.redelivered",
              "webhook",
              id,
              "redelivered " + original.event() + " (delivery " + deliveryId + ")");
          h.afterCommit(() -> sender.sendSoon(caller.tenantId(), List.of(newId)));
          return dao.delivery(caller.tenantId(), id, newId).orElseThrow();
        });
  }

  private WebhookEndpoint.Row find(org.jdbi.v3.core.Handle h, Caller caller, UUID id) {
    return Daos.on(h, WebhookDao.class)
        .endpoint(caller.tenantId(), id)
        .orElseThrow(() -> new NotFoundException("webhook"));
  }

  /** Known event types, each once, in the order given. */
  static String[] eventTypes(List<String> events) {
    if (events == null || events.isEmpty()) {
      throw new ValidationException("events", "must name at least one event");
    }
    List<FieldError> errors = new ArrayList<>();
    Set<String> types = new LinkedHashSet<>();
    for (int i = 0; i < events.size(); i++) {
      String name = events.get(i);
      if (name == null || WebhookEventType.fromWire(name).isEmpty()) {
        errors.add(
            new FieldError(
                "events[" + i + "]",
                "must be one of "
                    + Arrays.stream(WebhookEventType.values())
                        .map(WebhookEventType::wireName)
                        .toList()));
      } else {
        types.add(name);
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return types.toArray(String[]::new);
  }

  private static String text(String description) {
    return description == null ? "" : description.trim();
  }

  private Instant now() {
    return clock.instant();
  }
}
