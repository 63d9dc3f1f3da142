package com.switchboard.ticket.similar;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.ConflictException;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.tenant.TenantId;
import com.switchboard.ticket.TicketLinks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one-step "open incident" of a group: the newest open ticket escalates (the ticket package's
 * own escalation, on its service or the one given) and every other open ticket of the group links
 * to that incident. When a ticket of the group is already linked to an open incident, engineering
 * knows: nothing is opened and the other tickets link to that incident instead.
 *
 * <p>Each escalation and link is its own transaction, as the ticket package commits them; a ticket
 * that cannot be linked (closed meanwhile, or linked to another open incident) is reported as
 * skipped, and the others still link.
 */
public class GroupEscalation {
  /** The group's tickets this works on at most, newest first. */
  static final int MAX_TICKETS = 500;

  private static final Set<String> DONE = Set.of("solved", "closed");

  /** What the escalation did; {@code opened} is false when it joined an open incident. */
  public record Result(
      UUID groupId,
      UUID incidentId,
      boolean opened,
      UUID escalatedTicketId,
      List<UUID> linkedTicketIds,
      List<Skipped> skipped) {}

  public record Skipped(UUID ticketId, String reason) {}

  private final TenantDatabase db;
  private final SimilarTickets similar;
  private final TicketLinks links;
  private final AuditLog audit;

  public GroupEscalation(
      TenantDatabase db, SimilarTickets similar, TicketLinks links, AuditLog audit) {
    this.db = db;
    this.similar = similar;
    this.links = links;
    this.audit = audit;
  }

  public Result escalate(Caller caller, UUID groupId, TicketLinks.Escalate request) {
    TenantId tenant = caller.tenantId();
    List<TicketGroup.Ticket> open =
        db.inTenant(
            tenant,
            h -> {
              similar
                  .group(h, tenant, groupId)
                  .orElseThrow(() -> new NotFoundException("ticket group"));
              return similar.tickets(h, tenant, groupId, MAX_TICKETS).stream()
                  .filter(t -> !DONE.contains(t.status()))
                  .toList();
            });
    if (open.isEmpty()) {
      throw new ConflictException("every ticket of the group is solved or closed");
    }
    Optional<UUID> known =
        open.stream()
            .filter(t -> t.incidentId() != null && !"resolved".equals(t.incidentStatus()))
            .map(TicketGroup.Ticket::incidentId)
            .findFirst();
    UUID incidentId;
    UUID escalated = null;
    if (known.isPresent()) {
      incidentId = known.get();
    } else {
      escalated = open.get(0).id();
      incidentId = links.escalate(caller, escalated, request).ticket().incidentId();
    }
    List<UUID> linked = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (TicketGroup.Ticket ticket : open) {
      if (ticket.id().equals(escalated) || incidentId.equals(ticket.incidentId())) {
        continue;
      }
      try {
        links.link(caller, ticket.id(), incidentId);
        linked.add(ticket.id());
      } catch (ConflictException | NotFoundException e) {
        skipped.add(new Skipped(ticket.id(), e.getMessage()));
      }
    }
    UUID escalatedTicket = escalated;
    db.useTenant(
        tenant,
        h ->
            audit.record(
                h,
                caller,
                "ticket_group.escalated",
                "ticket_group",
                groupId,
                (escalatedTicket == null ? "linked to open incident " : "opened incident ")
                    + incidentId
                    + " for "
                    + (linked.size() + (escalatedTicket == null ? 0 : 1))
                    + " tickets of the group"));
    return new Result(groupId, incidentId, escalated != null, escalated, linked, skipped);
  }
}
