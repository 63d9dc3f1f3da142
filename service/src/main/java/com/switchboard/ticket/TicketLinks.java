package com.switchboard.ticket;

import com.switchboard.auth.Caller;
import com.switchboard.escalation.EscalationEngine.Outcome;
import com.switchboard.incident.Incident;
import com.switchboard.incident.IncidentChange;
import com.switchboard.incident.IncidentObserver;
import com.switchboard.incident.IncidentService;
import com.switchboard.incident.IncidentStatus;
import com.switchboard.paging.Urgency;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.ConflictException;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.sla.SlaClock;
import com.switchboard.sla.SlaClocks;
import com.switchboard.tenant.TenantId;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Tickets and incidents, both ways: a ticket escalates to a new incident on the owning team's
 * service or links to an open one; the incident shows its tickets as customer impact and runs the
 * impact rules; what happens to the incident reaches every linked ticket as an internal note and a
 * suggested customer reply, and its resolution flags the tickets for a follow-up.
 */
public class TicketLinks implements IncidentObserver {
  public record Escalate(UUID serviceId, Urgency urgency) {}

  public record Link(@NotNull UUID incidentId) {}

  /** "Does engineering know?": open incidents on the service, before paging anyone. */
  /**
   * "Does engineering know?": the open incidents on the service, and the services that got tickets
   * like this one lately (none until a {@link SimilarServices} is registered).
   */
  public record EngineeringStatus(
      UUID serviceId,
      String serviceName,
      List<OpenIncident> openIncidents,
      List<SimilarServices.SimilarService> similarServices) {}

  public record OpenIncident(
      UUID id,
      long number,
      String title,
      IncidentStatus status,
      Urgency urgency,
      Instant createdAt,
      int linkedTickets) {}

  /**
   * The changes a linked ticket hears of: those a customer is affected by. Triggers, escalation
   * steps, reassignments and notes stay with the responders.
   */
  private static final Set<IncidentChange.Kind> TICKET_KINDS =
      EnumSet.of(
          IncidentChange.Kind.ACKNOWLEDGED,
          IncidentChange.Kind.RESOLVED,
          IncidentChange.Kind.STATUS_UPDATE,
          IncidentChange.Kind.URGENCY_CHANGED);

  private static final Map<IncidentChange.Kind, String> TEMPLATE_EVENT =
      Map.of(
          IncidentChange.Kind.ACKNOWLEDGED, "acknowledged",
          IncidentChange.Kind.STATUS_UPDATE, "status_update",
          IncidentChange.Kind.RESOLVED, "resolved");

  private final TenantDatabase db;
  private final TicketService tickets;
  private final IncidentService incidents;
  private final ImpactRules rules;
  private final MessageTemplates templates;
  private final SlaClocks clocks;
  private final Clock clock;
  private final String publicUrl;
  private volatile SimilarServices similarServices = (h, tenant, ticket, now) -> List.of();

  public TicketLinks(
      TenantDatabase db,
      TicketService tickets,
      IncidentService incidents,
      ImpactRules rules,
      MessageTemplates templates,
      SlaClocks clocks,
      Clock clock,
      String publicUrl) {
    this.db = db;
    this.tickets = tickets;
    this.incidents = incidents;
    this.rules = rules;
    this.templates = templates;
    this.clocks = clocks;
    this.clock = clock;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /**
   * Opens an incident on the service (the ticket's, unless another is given) carrying the ticket's
   * context, and links the ticket to it. A ticket already linked to an open incident is refused: it
   * would page twice for one problem.
   */
  public TicketViews.Detail escalate(Caller caller, UUID ticketId, Escalate request) {
    TenantId tenant = caller.tenantId();
    Author author = Author.of(caller);
    record Escalated(TicketViews.Detail detail, Outcome outcome) {}
    Escalated escalated =
        db.inTenant(
            tenant,
            h -> {
              Ticket ticket = tickets.lock(h, tenant, ticketId);
              requireOpen(ticket);
              refuseWhenLinkedToOpenIncident(h, tenant, ticket);
              UUID serviceId =
                  request == null || request.serviceId() == null
                      ? ticket.serviceId()
                      : request.serviceId();
              if (serviceId == null) {
                throw new ValidationException(
                    "serviceId", "the ticket has no service: say which service to escalate to");
              }
              Urgency urgency =
                  request != null && request.urgency() != null
                      ? request.urgency()
                      : defaultUrgency(ticket);
              IncidentService.Opened opened =
                  incidents.open(
                      h,
                      tenant,
                      author.actor(),
                      new IncidentService.Opening(
                          serviceId,
                          null,
                          "[T-" + ticket.number() + "] " + ticket.subject(),
                          context(ticket),
                          urgency));
              Instant now = clock.instant();
              if (ticket.serviceId() == null) {
                tickets.update(
                    h,
                    tenant,
                    author,
                    ticketId,
                    new TicketRequests.Update(null, null, null, null, null, serviceId, null));
              }
              Incident incident = opened.incident();
              writeLink(h, tenant, author, ticket, incident, "escalated", now);
              Outcome impact = applyImpact(h, tenant, incident.id());
              return new Escalated(
                  tickets.detail(h, tenant, ticketId), merge(opened.outcome(), impact));
            });
    incidents.pageNow(tenant, escalated.outcome());
    return escalated.detail();
  }

  /** Joins an open incident instead of paging again; linking to the same one again is a no-op. */
  public TicketViews.Detail link(Caller caller, UUID ticketId, UUID incidentId) {
    TenantId tenant = caller.tenantId();
    Author author = Author.of(caller);
    record Linked(TicketViews.Detail detail, Outcome outcome) {}
    Linked linked =
        db.inTenant(
            tenant,
            h -> {
              Ticket ticket = tickets.lock(h, tenant, ticketId);
              requireOpen(ticket);
              Incident incident = incidents.lock(h, tenant, incidentId);
              if (incidentId.equals(ticket.incidentId())) {
                return new Linked(tickets.detail(h, tenant, ticketId), Outcome.NONE);
              }
              if (incident.status() == IncidentStatus.RESOLVED) {
                throw new ConflictException("incident #" + incident.number() + " is resolved");
              }
              refuseWhenLinkedToOpenIncident(h, tenant, ticket);
              Instant now = clock.instant();
              if (ticket.incidentId() != null) {
                unlinkQuietly(h, tenant, author, ticket, now);
              }
              writeLink(h, tenant, author, ticket, incident, "linked", now);
              Outcome impact = applyImpact(h, tenant, incidentId);
              return new Linked(tickets.detail(h, tenant, ticketId), impact);
            });
    incidents.pageNow(tenant, linked.outcome());
    return linked.detail();
  }

  public TicketViews.Detail unlink(Caller caller, UUID ticketId) {
    TenantId tenant = caller.tenantId();
    Author author = Author.of(caller);
    return db.inTenant(
        tenant,
        h -> {
          Ticket ticket = tickets.lock(h, tenant, ticketId);
          if (ticket.incidentId() == null) {
            throw new NotFoundException("link");
          }
          unlinkQuietly(h, tenant, author, ticket, clock.instant());
          return tickets.detail(h, tenant, ticketId);
        });
  }

  /** Open incidents on the service the agent is about to escalate to (the ticket's by default). */
  /** Who answers "which services got tickets like this one lately?". */
  public void similarServices(SimilarServices answer) {
    this.similarServices = answer;
  }

  public EngineeringStatus engineeringStatus(Caller caller, UUID ticketId, UUID serviceId) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          Ticket ticket = tickets.find(h, tenant, ticketId);
          UUID service = serviceId != null ? serviceId : ticket.serviceId();
          if (service == null) {
            throw new ValidationException("serviceId", "the ticket has no service: say which one");
          }
          String name =
              h.createQuery("SELECT name FROM services WHERE tenant_id = :tenant AND id = :id")
                  .bind("tenant", tenant.value())
                  .bind("id", service)
                  .mapTo(String.class)
                  .findOne()
                  .orElseThrow(() -> new NotFoundException("service"));
          List<OpenIncident> open =
              h.createQuery(
                      "SELECT i.id, i.number, i.title, i.status, i.urgency, i.created_at,"
                          + " (SELECT count(*) FROM ticket_incidents ti WHERE ti.tenant_id = i.tenant_id"
                          + "   AND ti.incident_id = i.id) AS linked_tickets"
                          + " FROM incidents i WHERE i.tenant_id = :tenant AND i.service_id = :service"
                          + " AND i.status <> 'resolved' ORDER BY i.created_at DESC LIMIT 20")
                  .bind("tenant", tenant.value())
                  .bind("service", service)
                  .map(
                      (rs, ctx) ->
                          new OpenIncident(
                              rs.getObject("id", UUID.class),
                              rs.getLong("number"),
                              rs.getString("title"),
                              IncidentStatus.valueOf(
                                  rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                              Urgency.valueOf(
                                  rs.getString("urgency").toUpperCase(java.util.Locale.ROOT)),
                              rs.getTimestamp("created_at").toInstant(),
                              rs.getInt("linked_tickets")))
                  .list();
          return new EngineeringStatus(
              service, name, open, similarServices.like(h, tenant, ticket, clock.instant()));
        });
  }

  /** The incident's linked tickets as customer impact, and the rules that fired on it. */
  public CustomerImpact impact(Caller caller, UUID incidentId) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          incidents
              .find(h, tenant, incidentId)
              .orElseThrow(() -> new NotFoundException("incident"));
          return impact(h, tenant, incidentId, true);
        });
  }

  /** Fans an incident's change out to every linked ticket, in the incident's transaction. */
  @Override
  public void changed(Handle h, TenantId tenant, Incident incident, IncidentChange change) {
    if (!TICKET_KINDS.contains(change.kind())) {
      return;
    }
    List<Ticket> linked = Daos.on(h, TicketDao.class).linkedTo(tenant, incident.id());
    if (linked.isEmpty()) {
      return;
    }
    Author author = Author.system(change.actor().name(), change.actor().channel());
    String templateEvent = TEMPLATE_EVENT.get(change.kind());
    String note = "Incident #" + incident.number() + " " + describe(change);
    for (Ticket ticket : linked) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("incidentId", incident.id().toString());
      data.put("incidentNumber", incident.number());
      data.put("change", change.kind().name().toLowerCase(java.util.Locale.ROOT));
      tickets.event(h, tenant, ticket.id(), change.at(), "incident_update", author, note, data);
      if (templateEvent != null) {
        String suggestion =
            templates.render(
                h,
                tenant,
                templateEvent,
                MessageTemplates.values(
                    ticket,
                    incident.number(),
                    incident.title(),
                    incident.status().wireName(),
                    change.kind() == IncidentChange.Kind.STATUS_UPDATE ? change.text() : null));
        Map<String, Object> suggested = new LinkedHashMap<>(data);
        suggested.put("template", templateEvent);
        tickets.event(
            h, tenant, ticket.id(), change.at(), "suggested_reply", author, suggestion, suggested);
      }
      if (change.kind() == IncidentChange.Kind.RESOLVED && !ticket.status().isDone()) {
        Daos.on(h, TicketDao.class).setFollowUpDue(tenant, ticket.id(), true, change.at());
        tickets.event(
            h,
            tenant,
            ticket.id(),
            change.at(),
            "follow_up_due",
            author,
            "Incident #" + incident.number() + " is resolved: reply to the customer",
            data);
      }
    }
  }

  CustomerImpact impact(Handle h, TenantId tenant, UUID incidentId, boolean withTickets) {
    List<Ticket> linked = Daos.on(h, TicketDao.class).linkedTo(tenant, incidentId);
    Set<UUID> customers = new HashSet<>();
    Map<String, int[]> perTier =
        new TreeMap<>(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
    Map<String, Set<UUID>> customersPerTier = new HashMap<>();
    for (Ticket ticket : linked) {
      perTier.computeIfAbsent(ticket.tier(), t -> new int[1])[0]++;
      if (ticket.customerId() != null) {
        customers.add(ticket.customerId());
        customersPerTier
            .computeIfAbsent(ticket.tier(), t -> new HashSet<>())
            .add(ticket.customerId());
      }
    }
    List<CustomerImpact.TierImpact> byTier = new ArrayList<>();
    perTier.forEach(
        (tier, count) ->
            byTier.add(
                new CustomerImpact.TierImpact(
                    tier, count[0], customersPerTier.getOrDefault(tier, Set.of()).size())));
    List<TicketViews.Item> items = List.of();
    if (withTickets) {
      Map<UUID, List<SlaClock>> slas =
          clocks.clocks(h, tenant, linked.stream().map(Ticket::id).toList(), clock.instant());
      items =
          linked.stream()
              .map(t -> new TicketViews.Item(t, slas.getOrDefault(t.id(), List.of())))
              .toList();
    }
    List<CustomerImpact.FiredRule> fired =
        h.createQuery(
                "SELECT r.id, r.name, f.fired_at FROM impact_rule_firings f JOIN impact_rules r"
                    + " ON r.tenant_id = f.tenant_id AND r.id = f.rule_id"
                    + " WHERE f.tenant_id = :tenant AND f.incident_id = :incident ORDER BY f.fired_at")
            .bind("tenant", tenant.value())
            .bind("incident", incidentId)
            .map(
                (rs, ctx) ->
                    new CustomerImpact.FiredRule(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getTimestamp("fired_at").toInstant()))
            .list();
    return new CustomerImpact(incidentId, linked.size(), customers.size(), byTier, items, fired);
  }

  private Outcome applyImpact(Handle h, TenantId tenant, UUID incidentId) {
    return rules.evaluate(h, tenant, incidentId, impact(h, tenant, incidentId, false));
  }

  private void writeLink(
      Handle h,
      TenantId tenant,
      Author author,
      Ticket ticket,
      Incident incident,
      String how,
      Instant now) {
    TicketDao dao = Daos.on(h, TicketDao.class);
    dao.insertLink(tenant, ticket.id(), incident.id(), now, author.name(), how);
    dao.markEscalated(tenant, ticket.id(), now);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("incidentId", incident.id().toString());
    data.put("incidentNumber", incident.number());
    tickets.event(
        h,
        tenant,
        ticket.id(),
        now,
        how,
        author,
        ("escalated".equals(how) ? "Escalated to incident #" : "Linked to incident #")
            + incident.number()
            + " on "
            + incident.serviceName(),
        data);
    String customer =
        ticket.customerName() == null
            ? ""
            : " (" + ticket.customerName() + ", " + ticket.tier() + ")";
    incidents.recordOnTimeline(
        h,
        tenant,
        incident.id(),
        author.actor(),
        "ticket_linked",
        "Ticket T-" + ticket.number() + customer + " " + how + ": " + ticket.subject());
  }

  private void unlinkQuietly(Handle h, TenantId tenant, Author author, Ticket ticket, Instant now) {
    Daos.on(h, TicketDao.class).deleteLink(tenant, ticket.id());
    tickets.event(
        h,
        tenant,
        ticket.id(),
        now,
        "unlinked",
        author,
        "Unlinked from its incident",
        Map.of("incidentId", ticket.incidentId().toString()));
  }

  private void refuseWhenLinkedToOpenIncident(Handle h, TenantId tenant, Ticket ticket) {
    if (ticket.incidentId() == null) {
      return;
    }
    Incident current = incidents.find(h, tenant, ticket.incidentId()).orElseThrow();
    if (current.status() != IncidentStatus.RESOLVED) {
      throw new ConflictException(
          "the ticket is already linked to open incident #"
              + current.number()
              + "; unlink it first");
    }
  }

  private static void requireOpen(Ticket ticket) {
    if (ticket.status() == TicketStatus.CLOSED) {
      throw new ConflictException("ticket is closed");
    }
  }

  /** Urgent and high tickets wake someone up; normal and low wait for support hours. */
  private static Urgency defaultUrgency(Ticket ticket) {
    return ticket.priority() == TicketPriority.URGENT || ticket.priority() == TicketPriority.HIGH
        ? Urgency.HIGH
        : Urgency.LOW;
  }

  private String context(Ticket ticket) {
    StringBuilder details = new StringBuilder();
    details.append("Escalated from support ticket T-").append(ticket.number()).append('\n');
    if (ticket.customerName() != null) {
      details
          .append("Customer: ")
          .append(ticket.customerName())
          .append(" (")
          .append(ticket.tier())
          .append(")\n");
    }
    if (ticket.requester() != null) {
      details.append("Requester: ").append(ticket.requester()).append('\n');
    }
    details.append("Priority: ").append(ticket.priority().wireName()).append('\n');
    details
        .append("Ticket: ")
        .append(publicUrl)
        .append("/tickets/")
        .append(ticket.id())
        .append('\n');
    if (ticket.externalUrl() != null) {
      details.append("Helpdesk: ").append(ticket.externalUrl()).append('\n');
    }
    if (!ticket.description().isBlank()) {
      details.append('\n').append(ticket.description());
    }
    return details.toString();
  }

  private static String describe(IncidentChange change) {
    return switch (change.kind()) {
      case ACKNOWLEDGED -> "acknowledged by " + change.actor().name();
      case RESOLVED -> "resolved by " + change.actor().name();
      case STATUS_UPDATE -> "status update from " + change.actor().name() + ": " + change.text();
      default -> change.text();
    };
  }

  private static Outcome merge(Outcome a, Outcome b) {
    List<UUID> due = new ArrayList<>(a.dueNow());
    due.addAll(b.dueNow());
    return new Outcome(due);
  }
}
