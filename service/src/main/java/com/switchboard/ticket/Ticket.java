package com.switchboard.ticket;

import java.time.Instant;
import java.util.UUID;

/**
 * A ticket as stored, with the names of what it points at.
 *
 * @param tier the customer's tier, null without a customer
 * @param incidentId the incident it is escalated to or linked with, if any
 */
public record Ticket(
    UUID id,
    long number,
    String subject,
    String description,
    String requester,
    UUID customerId,
    String customerName,
    String tier,
    TicketPriority priority,
    TicketStatus status,
    UUID assigneeId,
    String assigneeName,
    UUID serviceId,
    String serviceName,
    String externalId,
    String externalUrl,
    UUID incidentId,
    Instant escalatedAt,
    boolean followUpDue,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    Instant solvedAt) {}
