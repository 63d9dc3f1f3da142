package com.switchboard.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.paging.Urgency;
import java.time.Instant;
import java.util.List;

/**
 * One event from a monitoring tool, parsed and validated by its integration (Events API v2,
 * Alertmanager, generic webhook, heartbeat, email), in the one shape the alert package works with.
 *
 * @param dedupKey never null: an integration generates one when a trigger arrives without it
 * @param urgency the urgency an incident this event opens gets; the integration maps the severity
 *     through the tenant's mapping
 * @param timestamp when the monitor says it happened, or null
 * @param customDetails free-form details kept on the alert, or null
 */
public record AlertEvent(
    Action action,
    String dedupKey,
    String summary,
    Severity severity,
    Urgency urgency,
    String source,
    Instant timestamp,
    String component,
    String group,
    String eventClass,
    JsonNode customDetails,
    List<Link> links,
    List<Image> images,
    String client,
    String clientUrl) {

  public enum Action {
    TRIGGER,
    ACKNOWLEDGE,
    RESOLVE
  }

  /** The Events API v2 severities; other integrations map onto them. */
  public enum Severity {
    CRITICAL,
    ERROR,
    WARNING,
    INFO
  }

  public record Link(String href, String text) {}

  public record Image(String src, String href, String alt) {}
}
