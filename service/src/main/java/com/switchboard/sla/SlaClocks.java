package com.switchboard.sla;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The SLA clocks of tickets, as the ticket package sees them. Every method runs inside the ticket's
 * transaction, so a clock change commits with the ticket change that caused it.
 */
public interface SlaClocks {
  /** Starts, pauses, resumes, meets or re-targets the ticket's clocks after {@code event}. */
  void onTicketEvent(Handle h, TenantId tenant, SlaSubject ticket, SlaEvent event, Instant at);

  List<SlaClock> clocks(Handle h, TenantId tenant, UUID ticketId, Instant now);

  /** The clocks of several tickets at once, for lists; tickets without clocks are absent. */
  Map<UUID, List<SlaClock>> clocks(
      Handle h, TenantId tenant, Collection<UUID> ticketIds, Instant now);
}
