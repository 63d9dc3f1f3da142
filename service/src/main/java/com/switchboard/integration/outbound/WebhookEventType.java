package com.switchboard.integration.outbound;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Every event an outbound webhook can subscribe to; the wire name is the {@code type} sent. */
public enum WebhookEventType {
  TICKET_CREATED("ticket.created"),
  TICKET_UPDATED("ticket.updated"),
  TICKET_ESCALATED("ticket.escalated"),
  TICKET_LINKED("ticket.linked"),
  TICKET_INCIDENT_UPDATE("ticket.incident_update"),
  TICKET_FOLLOW_UP_DUE("ticket.follow_up_due"),
  SLA_WARNING("sla.warning"),
  SLA_BREACHED("sla.breached"),
  INCIDENT_TRIGGERED("incident.triggered"),
  INCIDENT_ACKNOWLEDGED("incident.acknowledged"),
  INCIDENT_ESCALATED("incident.escalated"),
  INCIDENT_REASSIGNED("incident.reassigned"),
  INCIDENT_NOTE("incident.note"),
  INCIDENT_STATUS_UPDATE("incident.status_update"),
  INCIDENT_URGENCY_CHANGED("incident.urgency_changed"),
  INCIDENT_RESOLVED("incident.resolved");

  private final String wireName;

  WebhookEventType(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public static Optional<WebhookEventType> fromWire(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
