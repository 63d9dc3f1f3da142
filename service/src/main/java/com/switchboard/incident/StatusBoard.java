package com.switchboard.incident;

import com.fasterxml.jackson.annotation.JsonValue;
import com.switchboard.paging.Urgency;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Each business service's health from its open (triggered or acknowledged) incidents: any open
 * high-urgency incident makes it a major outage, open low-urgency incidents only make it degraded,
 * none leaves it operational. Incidents on no service (support SLA pages) are not on the board.
 */
public class StatusBoard {
  public enum Status {
    OPERATIONAL,
    DEGRADED,
    MAJOR_OUTAGE;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The rule of the board, from the urgencies of a service's open incidents. */
    public static Status of(List<Urgency> openUrgencies) {
      if (openUrgencies.contains(Urgency.HIGH)) {
        return MAJOR_OUTAGE;
      }
      return openUrgencies.isEmpty() ? OPERATIONAL : DEGRADED;
    }
  }

  public record OpenIncident(
      UUID id,
      long number,
      String title,
      Urgency urgency,
      IncidentStatus status,
      Instant createdAt) {}

  public record ServiceStatus(
      UUID serviceId,
      String serviceName,
      UUID teamId,
      String teamName,
      Status status,
      List<OpenIncident> openIncidents) {}

  public record Board(Instant at, List<ServiceStatus> items) {}

  /** A service and one of its open incidents (all incident columns null when it has none). */
  public record Row(
      UUID serviceId,
      String serviceName,
      UUID teamId,
      String teamName,
      UUID incidentId,
      Long number,
      String title,
      Urgency urgency,
      IncidentStatus status,
      Instant createdAt) {}

  @RegisterConstructorMapper(Row.class)
  public interface Dao {
    /** Every service with its open incidents, services by name, incidents newest first. */
    @SqlQuery(
        "SELECT s.id AS service_id, s.name AS service_name, t.id AS team_id, t.name AS team_name,"
            + " i.id AS incident_id, i.number, i.title, i.urgency, i.status, i.created_at"
            + " FROM services s JOIN teams t ON t.tenant_id = s.tenant_id AND t.id = s.team_id"
            + " LEFT JOIN incidents i ON i.tenant_id = s.tenant_id AND i.service_id = s.id"
            + "   AND i.status IN ('triggered', 'acknowledged')"
            + " WHERE s.tenant_id = :tenantId"
            + " ORDER BY lower(s.name), s.id, i.number DESC")
    List<Row> rows(TenantId tenantId);
  }

  private final TenantDatabase db;
  private final Clock clock;

  public StatusBoard(TenantDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Board board(TenantId tenant) {
    List<Row> rows = db.inTenant(tenant, h -> Daos.on(h, Dao.class).rows(tenant));
    Map<UUID, List<Row>> byService = new LinkedHashMap<>();
    for (Row row : rows) {
      byService.computeIfAbsent(row.serviceId(), s -> new ArrayList<>()).add(row);
    }
    List<ServiceStatus> items = new ArrayList<>();
    for (List<Row> service : byService.values()) {
      Row first = service.get(0);
      List<OpenIncident> open =
          service.stream()
              .filter(r -> r.incidentId() != null)
              .map(
                  r ->
                      new OpenIncident(
                          r.incidentId(),
                          r.number(),
                          r.title(),
                          r.urgency(),
                          r.status(),
                          r.createdAt()))
              .toList();
      items.add(
          new ServiceStatus(
              first.serviceId(),
              first.serviceName(),
              first.teamId(),
              first.teamName(),
              Status.of(open.stream().map(OpenIncident::urgency).toList()),
              open));
    }
    return new Board(clock.instant(), items);
  }
}
