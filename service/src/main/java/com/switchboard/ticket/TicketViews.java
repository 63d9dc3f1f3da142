package com.switchboard.ticket;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.switchboard.incident.IncidentStatus;
import com.switchboard.paging.Urgency;
import com.switchboard.sla.SlaClock;
import com.switchboard.timeline.TimelineEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the ticket endpoints answer. */
public final class TicketViews {
  private TicketViews() {}

  /** A ticket in a list: its fields and its SLA clocks. */
  public record Item(@JsonUnwrapped Ticket ticket, List<SlaClock> sla) {}

  public record Items(List<Item> items) {}

  /**
   * A ticket with its clocks, its incident's live status and timeline, and its events.
   *
   * @param incident null when the ticket is neither escalated nor linked
   */
  public record Detail(
      Ticket ticket, List<SlaClock> sla, LinkedIncident incident, List<TicketEvent> events) {}

  /** The incident a ticket is escalated to or linked with, as the agent sees it. */
  public record LinkedIncident(
      UUID id,
      long number,
      String title,
      String serviceName,
      IncidentStatus status,
      Urgency urgency,
      String acknowledgedBy,
      Instant acknowledgedAt,
      String resolvedBy,
      Instant resolvedAt,
      String how,
      Instant linkedAt,
      List<TimelineEvent> timeline) {}

  public record Customers(List<Customer> items) {}
}
