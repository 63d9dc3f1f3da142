package com.switchboard.notify;

import com.fasterxml.jackson.annotation.JsonValue;
import com.switchboard.timeline.Timeline;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** One intended message to one person through one contact method, and what became of it. */
public record Notification(
    UUID id,
    String idempotencyKey,
    UUID incidentId,
    UUID escalationId,
    UUID userId,
    UUID contactMethodId,
    Channel channel,
    String address,
    Status status,
    String provider,
    String providerMessageId,
    int attempts,
    String lastError,
    Instant dueAt,
    Instant claimedAt,
    Instant sentAt,
    Instant createdAt) {

  /**
   * This message as the incident shows it to anyone in the tenant: the address masked like the
   * timeline's, since colleagues' phone numbers are not everyone's to read.
   */
  public Notification withMaskedAddress() {
    return new Notification(
        id,
        idempotencyKey,
        incidentId,
        escalationId,
        userId,
        contactMethodId,
        channel,
        Timeline.mask(address),
        status,
        provider,
        providerMessageId,
        attempts,
        lastError,
        dueAt,
        claimedAt,
        sentAt,
        createdAt);
  }

  /**
   * scheduled: a delayed rule waiting for its Quartz trigger; pending: due, not yet claimed;
   * sending: claimed by a node; sent: the provider accepted it; delivered: the provider reported
   * delivery; failed: refused or undeliverable; cancelled: the incident was acknowledged or
   * resolved first; suppressed: not sent on purpose (STOP, maintenance).
   */
  public enum Status {
    SCHEDULED,
    PENDING,
    SENDING,
    SENT,
    DELIVERED,
    FAILED,
    CANCELLED,
    SUPPRESSED;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The wire name: what the database and the API store. */
    @Override
    public String toString() {

      return wireName();
    }
  }
}
