package com.switchboard.ticket.similar;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A group of similar tickets as the API shows it. {@code recentCount} counts its tickets in the
 * tenant's surge window up to now; {@code surging} says it is at the surge threshold.
 */
public record TicketGroup(
    UUID id,
    UUID serviceId,
    String serviceName,
    int ticketCount,
    int recentCount,
    boolean surging,
    Instant firstSeenAt,
    Instant lastSeenAt,
    Instant alertedAt,
    List<String> topTerms) {

  /**
   * A ticket of a group; {@code score} is its similarity when it joined (null: it began it), and
   * {@code incidentId}/{@code incidentStatus} the incident it is linked to, if any.
   */
  public record Ticket(
      UUID id,
      long number,
      String subject,
      String status,
      String priority,
      UUID customerId,
      String customerTier,
      UUID serviceId,
      Instant createdAt,
      Double score,
      UUID incidentId,
      String incidentStatus) {}

  public record Counts(int open, int customers) {}

  /** {@code GET /ticket-groups/{id}}: the group, its counts and its newest tickets. */
  public record Detail(
      TicketGroup group, int openTickets, int distinctCustomers, List<Ticket> tickets) {}

  /**
   * {@code GET /tickets/{id}/similar}: the ticket's group (null when it has none) and the other
   * tickets of it, newest first.
   */
  public record Similar(UUID ticketId, TicketGroup group, List<Ticket> items) {}
}
