package com.switchboard.ticket;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/**
 * One thing that happened to a ticket. {@code kind}: created, public_reply, customer_reply,
 * internal_note, status_changed, assigned, priority_changed, customer_changed, service_changed,
 * escalated, linked, unlinked, incident_update, suggested_reply, follow_up_due. {@code data}
 * carries the specifics as JSON (from/to, incident id and number, template).
 */
public record TicketEvent(
    UUID id, Instant at, String kind, String actor, String body, @JsonRawValue String data) {}
