package com.switchboard.integration.outbound;

import com.switchboard.sla.SlaAlarmListener;
import com.switchboard.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/** Publishes SLA warnings and breaches as {@code sla.warning} and {@code sla.breached} events. */
public final class SlaWebhooks implements SlaAlarmListener {
  private final OutboundWebhooks webhooks;

  public SlaWebhooks(OutboundWebhooks webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public void alarmed(Handle h, TenantId tenant, SlaAlarm alarm) {
    webhooks.publish(
        h,
        tenant,
        alarm.kind().equals("warning")
            ? WebhookEventType.SLA_WARNING
            : WebhookEventType.SLA_BREACHED,
        alarm);
  }
}
