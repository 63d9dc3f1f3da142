package com.switchboard.integration.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.switchboard.alert.AlertEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * PagerDuty's Events API v2 alert event ("Send an Alert Event"): {@code routing_key}, {@code
 * event_action}, {@code dedup_key}, {@code payload{summary, source, severity, timestamp, component,
 * group, class, custom_details}}, {@code links}, {@code images}, {@code client}, {@code
 * client_url}. A trigger needs summary (≤ 1024), source and severity; acknowledge and resolve need
 * only the dedup key.
 */
final class EventsV2Event {
  private EventsV2Event() {}

  /** The routing key, or an error naming what is wrong with it. */
  static String routingKey(JsonNode root, List<String> errors) {
    String key = EventFields.text(root, "routing_key", "routing_key", errors);
    if (key == null || key.isBlank()) {
      if (errors.isEmpty()) {
        errors.add("'routing_key' is missing or blank");
      }
      return null;
    }
    return key.trim();
  }

  /** The event, urgency not yet mapped; adds what is wrong to {@code errors} (then null). */
  static AlertEvent parse(JsonNode root, List<String> errors) {
    List<String> found = new ArrayList<>();
    String actionName = EventFields.text(root, "event_action", "event_action", found);
    AlertEvent.Action action = EventFields.action(actionName);
    if (action == null && found.isEmpty()) {
      found.add("'event_action' must be trigger, acknowledge or resolve");
    }
    String dedupKey = EventFields.text(root, "dedup_key", "dedup_key", found);
    EventFields.checkDedupKey(dedupKey, "dedup_key", found);
    if (dedupKey != null && dedupKey.isBlank()) {
      dedupKey = null;
    }
    JsonNode payload = root.get("payload");
    if (payload != null && !payload.isNull() && !payload.isObject()) {
      found.add("'payload' must be an object");
      payload = null;
    }
    boolean trigger = action == AlertEvent.Action.TRIGGER;
    if (payload == null || payload.isNull()) {
      if (trigger) {
        found.add("'payload' is missing");
      }
      payload = JsonNodeFactory.instance.objectNode();
    }
    String summary = EventFields.text(payload, "summary", "payload.summary", found);
    String source = EventFields.text(payload, "source", "payload.source", found);
    String severityName = EventFields.text(payload, "severity", "payload.severity", found);
    AlertEvent.Severity severity = EventFields.severity(severityName);
    if (trigger) {
      summary = EventFields.summary(summary, "payload.summary", found);
      if (source == null || source.isBlank()) {
        found.add("'payload.source' is missing or blank");
      }
      if (severity == null) {
        found.add("'payload.severity' must be critical, error, warning or info");
      }
    } else if (action != null) {
      if (dedupKey == null) {
        found.add("'dedup_key' is required to " + actionName);
      }
      if (summary != null && summary.length() > EventFields.MAX_SUMMARY) {
        found.add("'payload.summary' is longer than " + EventFields.MAX_SUMMARY + " characters");
      }
    }
    String timestamp = EventFields.text(payload, "timestamp", "payload.timestamp", found);
    String component = EventFields.text(payload, "component", "payload.component", found);
    String group = EventFields.text(payload, "group", "payload.group", found);
    String eventClass = EventFields.text(payload, "class", "payload.class", found);
    String client = EventFields.text(root, "client", "client", found);
    String clientUrl = EventFields.text(root, "client_url", "client_url", found);
    JsonNode details = payload.get("custom_details");
    if (!found.isEmpty()) {
      errors.addAll(found);
      return null;
    }
    return new AlertEvent(
        action,
        dedupKey != null ? dedupKey : EventFields.newDedupKey(),
        summary,
        severity,
        null,
        EventFields.cut(source),
        EventFields.timestamp(timestamp),
        EventFields.cut(component),
        EventFields.cut(group),
        EventFields.cut(eventClass),
        details == null || details.isNull() ? null : details,
        EventFields.links(root.get("links")),
        EventFields.images(root.get("images")),
        EventFields.cut(client),
        EventFields.cut(clientUrl));
  }
}
