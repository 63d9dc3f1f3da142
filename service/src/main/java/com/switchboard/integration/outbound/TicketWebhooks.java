package com.switchboard.integration.outbound;

import com.switchboard.tenant.TenantId;
import com.switchboard.ticket.Ticket;
import com.switchboard.ticket.TicketEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Publishes the ticket capability's changes as outbound webhook events, in their transactions. */
public final class TicketWebhooks implements TicketEvents {
  private final OutboundWebhooks webhooks;

  public TicketWebhooks(OutboundWebhooks webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public void published(
      Handle h, TenantId tenant, String type, Ticket ticket, Map<String, Object> change) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("ticket", ticket);
    data.put("change", change);
    webhooks.publish(h, tenant, type, data);
  }
}
