package com.switchboard.integration.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.alert.AlertEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The generic JSON webhook, for tools that can post JSON but not set headers or shape it as
 * PagerDuty's: {@code {action?, dedupKey?, summary, severity?, source?, details?, links?}}; see
 * docs/integrations/inbound.md. Action defaults to trigger, severity to error.
 */
final class GenericWebhook {
  private GenericWebhook() {}

  static AlertEvent parse(JsonNode root, List<String> errors) {
    List<String> found = new ArrayList<>();
    String actionName = EventFields.text(root, "action", "action", found);
    AlertEvent.Action action =
        actionName == null ? AlertEvent.Action.TRIGGER : EventFields.action(actionName);
    if (action == null) {
      found.add("'action' must be trigger, acknowledge or resolve");
    }
    String dedupKey = EventFields.text(root, "dedupKey", "dedupKey", found);
    EventFields.checkDedupKey(dedupKey, "dedupKey", found);
    if (dedupKey != null && dedupKey.isBlank()) {
      dedupKey = null;
    }
    String summary = EventFields.text(root, "summary", "summary", found);
    String severityName = EventFields.text(root, "severity", "severity", found);
    AlertEvent.Severity severity =
        severityName == null ? AlertEvent.Severity.ERROR : EventFields.severity(severityName);
    if (severity == null) {
      found.add("'severity' must be critical, error, warning or info");
    }
    String source = EventFields.text(root, "source", "source", found);
    if (action == AlertEvent.Action.TRIGGER) {
      summary = EventFields.summary(summary, "summary", found);
    } else if (action != null && dedupKey == null) {
      found.add("'dedupKey' is required to " + actionName);
    } else if (summary != null && summary.length() > EventFields.MAX_SUMMARY) {
      found.add("'summary' is longer than " + EventFields.MAX_SUMMARY + " characters");
    }
    JsonNode links = root.get("links");
    if (links != null && !links.isNull() && !links.isArray()) {
      found.add("'links' must be an array of {href, text}");
    }
    if (!found.isEmpty()) {
      errors.addAll(found);
      return null;
    }
    JsonNode details = root.get("details");
    return new AlertEvent(
        action,
        dedupKey != null ? dedupKey : EventFields.newDedupKey(),
        summary,
        severity,
        null,
        EventFields.cut(source),
        null,
        null,
        null,
        null,
        details == null || details.isNull() ? null : details,
        EventFields.links(links),
        List.of(),
        null,
        null);
  }
}
