package com.switchboard.integration.outbound;

import com.switchboard.incident.Incident;
import com.switchboard.incident.IncidentChange;
import com.switchboard.incident.IncidentObserver;
import com.switchboard.tenant.TenantId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Publishes incident changes as {@code incident.*} webhook events, in the transaction that made the
 * change (docs/integrations/outbound.md describes the data).
 */
public final class IncidentWebhooks implements IncidentObserver {
  private static final Map<IncidentChange.Kind, WebhookEventType> TYPES =
      new EnumMap<>(
          Map.of(
              IncidentChange.Kind.TRIGGERED, WebhookEventType.INCIDENT_TRIGGERED,
              IncidentChange.Kind.ACKNOWLEDGED, WebhookEventType.INCIDENT_ACKNOWLEDGED,
              IncidentChange.Kind.ESCALATED, WebhookEventType.INCIDENT_ESCALATED,
              IncidentChange.Kind.REASSIGNED, WebhookEventType.INCIDENT_REASSIGNED,
              IncidentChange.Kind.NOTE, WebhookEventType.INCIDENT_NOTE,
              IncidentChange.Kind.STATUS_UPDATE, WebhookEventType.INCIDENT_STATUS_UPDATE,
              IncidentChange.Kind.URGENCY_CHANGED, WebhookEventType.INCIDENT_URGENCY_CHANGED,
              IncidentChange.Kind.RESOLVED, WebhookEventType.INCIDENT_RESOLVED));

  private final OutboundWebhooks webhooks;
  private final String publicUrl;

  public IncidentWebhooks(OutboundWebhooks webhooks, String publicUrl) {
    this.webhooks = webhooks;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  @Override
  public void changed(Handle h, TenantId tenant, Incident incident, IncidentChange change) {
    WebhookEventType type = TYPES.get(change.kind());
    if (type == null) {
      return;
    }
    webhooks.publish(h, tenant, type, data(incident, change));
  }

  private Map<String, Object> data(Incident incident, IncidentChange change) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("incidentId", incident.id());
    data.put("number", incident.number());
    data.put("title", incident.title());
    Map<String, Object> service = new LinkedHashMap<>();
    service.put("id", incident.serviceId());
    service.put("name", incident.serviceName());
    data.put("service", service);
    data.put("status", incident.status().wireName());
    data.put("urgency", incident.urgency().wireName());
    Map<String, Object> actor = new LinkedHashMap<>();
    actor.put("name", change.actor().name());
    actor.put("userId", change.actor().userId());
    actor.put("channel", change.actor().channel());
    data.put("actor", actor);
    data.put("at", change.at());
    data.put("summary", change.text());
    data.put("htmlUrl", publicUrl + "/incidents/" + incident.id());
    if (change.step() != null) {
      IncidentChange.Step step = change.step();
      Map<String, Object> escalation = new LinkedHashMap<>();
      escalation.put("policyId", step.policyId());
      escalation.put("policyName", step.policyName());
      escalation.put("round", step.round());
      escalation.put("step", step.step());
      escalation.put(
          "paged",
          step.paged().stream().map(p -> Map.of("userId", p.userId(), "name", p.name())).toList());
      data.put("escalation", escalation);
    }
    return data;
  }
}
