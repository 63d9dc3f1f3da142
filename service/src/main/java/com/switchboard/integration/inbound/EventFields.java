package com.switchboard.integration.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.alert.AlertEvent;
import com.switchboard.paging.Urgency;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Reading the fields the inbound formats share, leniently where PagerDuty is lenient. */
final class EventFields {
  static final int MAX_SUMMARY = 1024;
  static final int MAX_DEDUP_KEY = 255;
  static final int MAX_TEXT = 1024;

  /** ISO 8601 with or without the offset's colon: PagerDuty's own example is {@code +0000}. */
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private EventFields() {}

  /** A string field, or null when absent or JSON null; a non-string is an error. */
  static String text(JsonNode node, String field, String name, List<String> errors) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      errors.add("'" + name + "' must be a string");
      return null;
    }
    return value.asText();
  }

  /** The time in {@code raw}, or null when it is not one: a bad timestamp is not worth a page. */
  static Instant timestamp(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(raw.trim(), TIMESTAMP).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static AlertEvent.Severity severity(String wire) {
    if (wire == null) {
      return null;
    }
    return switch (wire) {
      case "critical" -> AlertEvent.Severity.CRITICAL;
      case "error" -> AlertEvent.Severity.ERROR;
      case "warning" -> AlertEvent.Severity.WARNING;
      case "info" -> AlertEvent.Severity.INFO;
      default -> null;
    };
  }

  static AlertEvent.Action action(String wire) {
    if (wire == null) {
      return null;
    }
    return switch (wire) {
      case "trigger" -> AlertEvent.Action.TRIGGER;
      case "acknowledge" -> AlertEvent.Action.ACKNOWLEDGE;
      case "resolve" -> AlertEvent.Action.RESOLVE;
      default -> null;
    };
  }

  /** Links with an {@code href}; entries that are not such objects are left out. */
  static List<AlertEvent.Link> links(JsonNode node) {
    List<AlertEvent.Link> links = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (JsonNode link : node) {
        if (link.path("href").isTextual() && !link.path("href").asText().isBlank()) {
          links.add(
              new AlertEvent.Link(
                  cut(link.path("href").asText()),
                  link.path("text").isTextual() ? cut(link.path("text").asText()) : null));
        }
      }
    }
    return links;
  }

  /** Images with a {@code src}; entries that are not such objects are left out. */
  static List<AlertEvent.Image> images(JsonNode node) {
    List<AlertEvent.Image> images = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (JsonNode image : node) {
        if (image.path("src").isTextual() && !image.path("src").asText().isBlank()) {
          images.add(
              new AlertEvent.Image(
                  cut(image.path("src").asText()),
                  image.path("href").isTextual() ? cut(image.path("href").asText()) : null,
                  image.path("alt").isTextual() ? cut(image.path("alt").asText()) : null));
        }
      }
    }
    return images;
  }

  /** Checks a summary a trigger needs; returns it trimmed. */
  static String summary(String summary, String name, List<String> errors) {
    if (summary == null || summary.isBlank()) {
      errors.add("'" + name + "' is missing or blank");
      return null;
    }
    if (summary.length() > MAX_SUMMARY) {
      errors.add("'" + name + "' is longer than " + MAX_SUMMARY + " characters");
      return null;
    }
    return summary.trim();
  }

  static void checkDedupKey(String dedupKey, String name, List<String> errors) {
    if (dedupKey != null && dedupKey.length() > MAX_DEDUP_KEY) {
      errors.add("'" + name + "' is longer than " + MAX_DEDUP_KEY + " characters");
    }
  }

  /** A dedup key for a trigger that came without one: unique, as PagerDuty's (32 hex digits). */
  static String newDedupKey() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  static String cut(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }

  /** The event with the urgency the tenant maps its severity to (none without a severity). */
  static AlertEvent withUrgency(AlertEvent e, SeverityUrgencies urgencies) {
    Urgency urgency = e.severity() == null ? null : urgencies.urgency(e.severity());
    return new AlertEvent(
        e.action(),
        e.dedupKey(),
        e.summary(),
        e.severity(),
        urgency,
        e.source(),
        e.timestamp(),
        e.component(),
        e.group(),
        e.eventClass(),
        e.customDetails(),
        e.links(),
        e.images(),
        e.client(),
        e.clientUrl());
  }
}
