package com.switchboard.integration.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.alert.AlertEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Prometheus Alertmanager's webhook notification (version 4): one group of alerts per request. The
 * group is one alert here: {@code groupKey} is its dedup key, {@code status} firing triggers and
 * resolved resolves; labels, annotations and each alert's generatorURL are kept.
 */
final class AlertmanagerWebhook {
  private AlertmanagerWebhook() {}

  static AlertEvent parse(JsonNode root, List<String> errors) {
    List<String> found = new ArrayList<>();
    String version = EventFields.text(root, "version", "version", found);
    if (version != null && !version.equals("4")) {
      found.add("'version' " + version + " is not supported: send version 4");
    }
    String status = EventFields.text(root, "status", "status", found);
    AlertEvent.Action action =
        "firing".equals(status)
            ? AlertEvent.Action.TRIGGER
            : "resolved".equals(status) ? AlertEvent.Action.RESOLVE : null;
    if (action == null && found.isEmpty()) {
      found.add("'status' must be firing or resolved");
    }
    String groupKey = EventFields.text(root, "groupKey", "groupKey", found);
    if ((groupKey == null || groupKey.isEmpty()) && found.isEmpty()) {
      found.add("'groupKey' is missing");
    }
    JsonNode alerts = root.path("alerts");
    if (!alerts.isArray()) {
      found.add("'alerts' must be an array");
    }
    if (!found.isEmpty()) {
      errors.addAll(found);
      return null;
    }
    JsonNode commonLabels = object(root.get("commonLabels"));
    JsonNode commonAnnotations = object(root.get("commonAnnotations"));
    String externalUrl =
        root.path("externalURL").isTextual() ? root.path("externalURL").asText() : null;
    AlertEvent.Severity severity = EventFields.severity(commonLabels.path("severity").asText(null));
    return new AlertEvent(
        action,
        dedupKey(groupKey),
        summary(status, commonLabels, commonAnnotations, alerts),
        severity == null ? AlertEvent.Severity.ERROR : severity,
        null,
        EventFields.cut(source(commonLabels, externalUrl)),
        startedAt(alerts),
        null,
        null,
        null,
        details(root, alerts),
        links(alerts, externalUrl),
        List.of(),
        "Alertmanager",
        EventFields.cut(externalUrl));
  }

  /** A group key longer than a dedup key may be stands for itself by its SHA-256. */
  private static String dedupKey(String groupKey) {
    if (groupKey.length() <= EventFields.MAX_DEDUP_KEY) {
      return groupKey;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(groupKey.getBytes(StandardCharsets.UTF_8));
      return "alertmanager-group:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The common summary or description annotation; else the alert name with the count, as
   * Alertmanager's own PagerDuty notifier titles it: {@code [FIRING:2] HighLatency}.
   */
  private static String summary(
      String status, JsonNode labels, JsonNode annotations, JsonNode alerts) {
    for (String annotation : List.of("summary", "description")) {
      String text = annotations.path(annotation).asText("").trim();
      if (!text.isEmpty()) {
        return EventFields.cut(text);
      }
    }
    String name = labels.path("alertname").asText("").trim();
    if (name.isEmpty() && alerts.size() > 0) {
      name = alerts.get(0).path("labels").path("alertname").asText("").trim();
    }
    String summary =
        "["
            + status.toUpperCase(java.util.Locale.ROOT)
            + ":"
            + alerts.size()
            + "] "
            + (name.isEmpty() ? "alert group" : name);
    return EventFields.cut(summary);
  }

  private static String source(JsonNode labels, String externalUrl) {
    for (String label : List.of("instance", "job", "service")) {
      String value = labels.path(label).asText("").trim();
      if (!value.isEmpty()) {
        return value;
      }
    }
    return externalUrl != null ? externalUrl : "alertmanager";
  }

  /** When the earliest alert of the group started. */
  private static Instant startedAt(JsonNode alerts) {
    Instant earliest = null;
    for (JsonNode alert : alerts) {
      Instant started = EventFields.timestamp(alert.path("startsAt").asText(null));
      if (started != null && (earliest == null || started.isBefore(earliest))) {
        earliest = started;
      }
    }
    return earliest;
  }

  private static JsonNode details(JsonNode root, JsonNode alerts) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    for (String field :
        List.of(
            "receiver",
            "groupLabels",
            "commonLabels",
            "commonAnnotations",
            "externalURL",
            "truncatedAlerts")) {
      if (root.has(field)) {
        details.set(field, root.get(field));
      }
    }
    ArrayNode kept = details.putArray("alerts");
    for (JsonNode alert : alerts) {
      ObjectNode one = kept.addObject();
      for (String field :
          List.of(
              "status",
              "labels",
              "annotations",
              "startsAt",
              "endsAt",
              "generatorURL",
              "fingerprint")) {
        if (alert.has(field)) {
          one.set(field, alert.get(field));
        }
      }
    }
    return details;
  }

  private static List<AlertEvent.Link> links(JsonNode alerts, String externalUrl) {
    Set<String> seen = new LinkedHashSet<>();
    List<AlertEvent.Link> links = new ArrayList<>();
    for (JsonNode alert : alerts) {
      String url = alert.path("generatorURL").asText("");
      if (!url.isBlank() && seen.add(url)) {
        String name = alert.path("labels").path("alertname").asText("alert");
        links.add(new AlertEvent.Link(EventFields.cut(url), EventFields.cut(name + " (source)")));
      }
    }
    if (externalUrl != null && !externalUrl.isBlank()) {
      links.add(new AlertEvent.Link(EventFields.cut(externalUrl), "Alertmanager"));
    }
    return links;
  }

  private static JsonNode object(JsonNode node) {
    return node != null && node.isObject() ? node : JsonNodeFactory.instance.objectNode();
  }
}
