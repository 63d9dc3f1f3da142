package com.switchboard.ticket;

import com.switchboard.audit.AuditLog;
import com.switchboard.incident.IncidentService;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.sla.SlaClocks;
import java.time.Clock;
import java.util.List;

/**
 * Builds the support-case capability on top of incidents: tickets and customers, links to incidents
 * with impact rules and message templates. The application calls it once and registers {@link
 * #resources()}.
 */
public final class SupportWiring {
  private final TicketService tickets;
  private final TicketLinks links;
  private final List<Object> resources;

  public SupportWiring(
      TenantDatabase db,
      IncidentService incidents,
      SlaClocks clocks,
      AuditLog audit,
      Clock clock,
      String publicUrl) {
    tickets = new TicketService(db, clocks, incidents, audit, clock);
    ImpactRules rules = new ImpactRules(db, incidents, audit, clock);
    MessageTemplates templates = new MessageTemplates(db, audit, clock);
    links = new TicketLinks(db, tickets, incidents, rules, templates, clocks, clock, publicUrl);
    incidents.observe(links);
    resources =
        List.of(
            new CustomerResource(tickets),
            new TicketResource(tickets, links),
            new SupportConfigResource.ImpactRulesResource(rules),
            new SupportConfigResource.MessageTemplatesResource(templates),
            new SupportConfigResource.ImpactResource(links));
  }

  public TicketService tickets() {
    return tickets;
  }

  public TicketLinks links() {
    return links;
  }

  public List<Object> resources() {
    return resources;
  }
}
