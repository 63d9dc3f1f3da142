package com.switchboard.ticket;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * The replies a linked ticket suggests to its customer when its incident changes, per event
 * (acknowledged, status_update, resolved), with placeholders such as {@code {{customer.name}}}.
 * Tenants may replace the built-in texts.
 */
public class MessageTemplates {
  public static final List<String> EVENTS = List.of("acknowledged", "status_update", "resolved");

  /** Every placeholder a template may use. */
  public static final List<String> PLACEHOLDERS =
      List.of(
          "customer.name",
          "customer.tier",
          "requester",
          "ticket.number",
          "ticket.subject",
          "incident.number",
          "incident.title",
          "incident.status",
          "update");

  private static final Map<String, String> BUILT_IN =
      Map.of(
          "acknowledged",
          "Hi {{requester}}, thanks for your patience. Our engineers have confirmed the problem"
              + " behind your request \"{{ticket.subject}}\" and are working on it. We will keep"
              + " you posted.",
          "status_update",
          "Hi {{requester}}, an update on \"{{ticket.subject}}\": {{update}}",
          "resolved",
          "Hi {{requester}}, the problem behind \"{{ticket.subject}}\" has been fixed. Please let"
              + " us know if you still see it.");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z.]+)\\s*}}");

  public record Template(String event, String body, boolean builtIn, Instant updatedAt) {}

  public record Templates(List<Template> items, List<String> placeholders) {}

  private final TenantDatabase db;
  private final AuditLog audit;
  private final Clock clock;

  public MessageTemplates(TenantDatabase db, AuditLog audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  public Templates list(Caller caller) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          List<Template> items = new ArrayList<>();
          for (String event : EVENTS) {
            items.add(template(h, caller.tenantId(), event));
          }
          return new Templates(items, PLACEHOLDERS);
        });
  }

  public Template put(Caller caller, String event, String body) {
    requireEvent(event);
    List<String> unknown = unknownPlaceholders(body);
    if (!unknown.isEmpty()) {
      throw new ValidationException(
          "body",
          "unknown placeholder {{" + unknown.get(0) + "}}; use " + String.join(", ", PLACEHOLDERS));
    }
    return db.inTenant(
        caller.tenantId(),
        h -> {
          h.createUpdate(
                  "INSERT INTO message_templates (tenant_id, event, body, updated_at, updated_by)"
                      + " VALUES (:tenant, :event, :body, :now, :by)"
                      + " ON CONFLICT (tenant_id, event) DO UPDATE SET body = :body,"
                      + " updated_at = :now, updated_by = :by")
              .bind("tenant", caller.tenantId().value())
              .bind("event", event)
              .bind("body", body)
              .bind("now", clock.instant())
              .bind("by", caller.displayName())
              .execute();
          audit.record(
              h,
              caller,
              "message_template.updated",
              "message_template",
              event,
              "set the " + event + " template");
          return template(h, caller.tenantId(), event);
        });
  }

  /** Back to the built-in text. */
  public Template reset(Caller caller, String event) {
    requireEvent(event);
    return db.inTenant(
        caller.tenantId(),
        h -> {
          h.createUpdate(
                  "DELETE FROM message_templates WHERE tenant_id = :tenant AND event = :event")
              .bind("tenant", caller.tenantId().value())
              .bind("event", event)
              .execute();
          audit.record(
              h,
              caller,
              "message_template.reset",
              "message_template",
              event,
              "reset the " + event + " template");
          return template(h, caller.tenantId(), event);
        });
  }

  /** The text for {@code event} with the placeholders filled in; unknown values render empty. */
  public String render(Handle h, TenantId tenant, String event, Map<String, String> values) {
    String body = template(h, tenant, event).body();
    Matcher matcher = PLACEHOLDER.matcher(body);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** The values of a ticket and its incident, for {@link #render}. */
  public static Map<String, String> values(
      Ticket ticket,
      long incidentNumber,
      String incidentTitle,
      String incidentStatus,
      String update) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("customer.name", ticket.customerName() == null ? "" : ticket.customerName());
    values.put("customer.tier", ticket.tier() == null ? "" : ticket.tier());
    values.put(
        "requester",
        ticket.requester() != null
            ? ticket.requester()
            : ticket.customerName() != null ? ticket.customerName() : "there");
    values.put("ticket.number", "T-" + ticket.number());
    values.put("ticket.subject", ticket.subject());
    values.put("incident.number", "#" + incidentNumber);
    values.put("incident.title", incidentTitle);
    values.put("incident.status", incidentStatus);
    values.put("update", update == null ? "" : update);
    return values;
  }

  static List<String> unknownPlaceholders(String body) {
    List<String> unknown = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(body);
    while (matcher.find()) {
      if (!PLACEHOLDERS.contains(matcher.group(1))) {
        unknown.add(matcher.group(1));
      }
    }
    return unknown;
  }

  private static Template template(Handle h, TenantId tenant, String event) {
    Optional<Template> stored =
        h.createQuery(
                "SELECT body, updated_at FROM message_templates"
                    + " WHERE tenant_id = :tenant AND event = :event")
            .bind("tenant", tenant.value())
            .bind("event", event)
            .map(
                (rs, ctx) ->
                    new Template(
                        event,
                        rs.getString("body"),
                        false,
                        rs.getTimestamp("updated_at").toInstant()))
            .findOne();
    return stored.orElseGet(() -> new Template(event, BUILT_IN.get(event), true, null));
  }

  private static void requireEvent(String event) {
    if (!EVENTS.contains(event)) {
      throw new com.switchboard.platform.errors.NotFoundException("message template");
    }
  }
}
