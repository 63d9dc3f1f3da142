package com.switchboard.notify.outbox;

import com.switchboard.notify.Channel;
import com.switchboard.notify.MessageProvider;
import com.switchboard.notify.OutboundMessage;
import com.switchboard.notify.SendResult;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.tenant.Tenant;
import com.switchboard.tenant.TenantDao;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The default provider when no Twilio or SendGrid credentials are configured: it keeps each message
 * in the tenant's outbox ({@code GET /api/v1/outbox}) instead of sending it, so a local run pages
 * end to end with nothing external.
 */
public class OutboxProvider implements MessageProvider {
  private final TenantDatabase db;
  private final Clock clock;

  public OutboxProvider(TenantDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "outbox";
  }

  @Override
  public SendResult send(OutboundMessage message) {
    Optional<TenantId> tenant =
        db.unscoped()
            .withExtension(TenantDao.class, t -> t.findBySlug(message.tenantSlug()))
            .map(Tenant::id);
    if (tenant.isEmpty()) {
      return SendResult.permanent("unknown tenant " + message.tenantSlug());
    }
    UUID id =
        store(
            tenant.get(),
            message.notificationId(),
            "outbound",
            message.channel(),
            message.to(),
            message.subject(),
            message.text(),
            message.html());
    return SendResult.accepted("outbox-" + id);
  }

  /** Stores one message in the tenant's outbox; returns its id. */
  public UUID store(
      TenantId tenant,
      UUID notificationId,
      String direction,
      Channel channel,
      String address,
      String subject,
      String body,
      String html) {
    UUID id = UUID.randomUUID();
    db.useTenant(
        tenant,
        h ->
            Daos.on(h, OutboxDao.class)
                .insert(
                    tenant,
                    id,
                    notificationId,
                    direction,
                    channel,
                    address,
                    subject,
                    body,
                    html,
                    clock.instant()));
    return id;
  }
}
