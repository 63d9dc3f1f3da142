package com.switchboard.sla;

import java.time.Instant;
import java.util.UUID;

/**
 * What the SLA clocks need to know of a ticket, as it is after a change. The ticket package builds
 * it; the SLA package never reads tickets itself.
 *
 * @param priority urgent, high, normal or low
 * @param tier the customer's tier; null when the ticket has no customer
 * @param status new, open, pending, on_hold, solved or closed
 */
public record SlaSubject(
    UUID ticketId,
    long number,
    String subject,
    String priority,
    String tier,
    String customerName,
    UUID assigneeId,
    String status,
    Instant createdAt) {}
