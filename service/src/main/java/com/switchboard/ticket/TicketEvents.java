package com.switchboard.ticket;

import com.switchboard.tenant.TenantId;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Hears of ticket changes inside the transaction that makes them, for capabilities above tickets
 * (outbound webhooks), so that ticket/ depends on none of them. Registered with {@link
 * TicketService#onEvent}.
 */
public interface TicketEvents {
  /**
   * @param type the outbound event: {@code ticket.created}, {@code ticket.updated}, {@code
   *     ticket.escalated}, {@code ticket.linked}, {@code ticket.incident_update} or {@code
   *     ticket.follow_up_due}
   * @param ticket the ticket as it is after the change
   * @param change {@code kind}, {@code by}, {@code body} and {@code data} of the ticket's event
   */
  void published(Handle h, TenantId tenant, String type, Ticket ticket, Map<String, Object> change);

  /** The outbound event of a ticket event's kind, or null for kinds nobody outside is told of. */
  static String typeOf(String kind) {
    return switch (kind) {
      case "created" -> "ticket.created";
      case "status_changed", "assigned", "priority_changed" -> "ticket.updated";
      case "escalated" -> "ticket.escalated";
      case "linked" -> "ticket.linked";
      case "incident_update" -> "ticket.incident_update";
      case "follow_up_due" -> "ticket.follow_up_due";
      default -> null;
    };
  }
}
