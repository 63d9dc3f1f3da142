package com.switchboard.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.auth.Caller;
import com.switchboard.incident.IncidentService;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.tenant.TenantId;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** The narrow read API of alerts, for the incident page. */
public class AlertReads {
  /**
   * A page of an incident's alerts, newest first; {@code next} is the {@code before} of the next.
   */
  public record AlertPage(List<AlertView> items, UUID next) {}

  private static final int ALL = 10_000;

  private final TenantDatabase db;
  private final IncidentService incidents;
  private final ObjectMapper json;

  public AlertReads(TenantDatabase db, IncidentService incidents, ObjectMapper json) {
    this.db = db;
    this.incidents = incidents;
    this.json = json;
  }

  /** The incident's alerts (up to 10,000), newest first, in the caller's transaction. */
  public List<AlertView> forIncident(Handle h, TenantId tenant, UUID incidentId) {
    return Daos.on(h, AlertDao.class).forIncident(tenant, incidentId, null, ALL).stream()
        .map(this::view)
        .toList();
  }

  /** A page of the incident's alerts; 404 when the incident is not the caller's tenant's. */
  public AlertPage page(Caller caller, UUID incidentId, UUID before, int limit) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          incidents
              .find(h, tenant, incidentId)
              .orElseThrow(() -> new NotFoundException("incident"));
          List<AlertView> items =
              Daos.on(h, AlertDao.class).forIncident(tenant, incidentId, before, limit).stream()
                  .map(this::view)
                  .toList();
          UUID next = items.size() == limit ? items.get(items.size() - 1).id() : null;
          return new AlertPage(items, next);
        });
  }

  private AlertView view(AlertView.Row row) {
    JsonNode details;
    try {
      details = json.readTree(row.details());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("alert " + row.id() + " has unreadable details", e);
    }
    return new AlertView(
        row.id(),
        row.serviceId(),
        row.incidentId(),
        row.dedupKey(),
        row.status(),
        row.summary(),
        row.severity(),
        row.source(),
        text(details, "component"),
        text(details, "group"),
        text(details, "class"),
        node(details, "custom_details"),
        node(details, "links"),
        node(details, "images"),
        text(details, "client"),
        text(details, "client_url"),
        row.eventCount(),
        row.firstAt(),
        row.lastAt(),
        row.resolvedAt());
  }

  private static String text(JsonNode details, String field) {
    JsonNode value = details.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static JsonNode node(JsonNode details, String field) {
    JsonNode value = details.get(field);
    return value == null || value.isNull() ? null : value;
  }
}
