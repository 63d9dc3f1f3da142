package com.switchboard.report;

import com.switchboard.auth.Caller;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Read-only figures across incidents, paging and support for a window of time: MTTA and MTTR by
 * service and team, pages and off-hours pages per person, time to escalate, first-contact
 * resolution, tickets per incident, and SLA outcomes by tier and policy. It reads the domains'
 * tables and writes nothing; no domain depends on it.
 */
public class Metrics {
  /** Times in seconds; null when nothing in the window had one. */
  public record ResponseTimes(
      UUID id,
      String name,
      int incidents,
      int acknowledged,
      int resolved,
      Double mttaSeconds,
      Double mttrSeconds) {}

  /**
   * What paging cost a person: {@code pages} counts the incidents that reached them, {@code
   * messages} every SMS, call and email sent. Off hours are outside 09:00–18:00 on weekdays in the
   * person's own time zone, judged by the first message of each incident.
   */
  public record PagesPerPerson(
      UUID userId, String name, int pages, int offHoursPages, int messages) {}

  public record IncidentMetrics(
      Instant from,
      Instant to,
      List<ResponseTimes> byService,
      List<ResponseTimes> byTeam,
      List<PagesPerPerson> pagesPerPerson) {}

  /** SLA clocks that ended in the window (met or breached), by tier and by policy. */
  public record SlaOutcome(String tier, UUID policyId, String policyName, int met, int breached) {}

  /**
   * @param firstContactResolution solved tickets answered with a single public reply, over all
   *     solved tickets; null when none were solved
   */
  public record SupportMetrics(
      Instant from,
      Instant to,
      int ticketsCreated,
      int ticketsEscalated,
      Double medianSecondsToEscalate,
      Double p90SecondsToEscalate,
      int ticketsSolved,
      Double firstContactResolution,
      int incidentsWithTickets,
      Double ticketsPerIncident,
      List<SlaOutcome> sla) {}

  private final TenantDatabase db;

  public Metrics(TenantDatabase db) {
    this.db = db;
  }

  public IncidentMetrics incidents(Caller caller, Instant from, Instant to) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h ->
            new IncidentMetrics(
                from,
                to,
                responseTimes(h, tenant, from, to, "s.id", "COALESCE(s.name, 'Support')"),
                responseTimes(h, tenant, from, to, "t.id", "COALESCE(t.name, 'Support')"),
                h.createQuery(
                        "SELECT u.id, u.name, count(*) AS pages, sum(p.messages) AS messages,"
                            + " count(*) FILTER (WHERE"
                            + "   extract(isodow FROM p.first_at AT TIME ZONE u.time_zone) IN (6, 7)"
                            + "   OR (p.first_at AT TIME ZONE u.time_zone)::time < time '09:00'"
                            + "   OR (p.first_at AT TIME ZONE u.time_zone)::time >= time '18:00')"
                            + "   AS off_hours"
                            + " FROM (SELECT n.user_id, n.incident_id, min(n.sent_at) AS first_at,"
                            + "   count(*) AS messages FROM notifications n"
                            + "   WHERE n.tenant_id = :tenant AND n.sent_at >= :from"
                            + "   AND n.sent_at < :to AND n.status IN ('sent', 'delivered')"
                            + "   GROUP BY n.user_id, n.incident_id) p"
                            + " JOIN users u ON u.tenant_id = :tenant AND u.id = p.user_id"
                            + " GROUP BY u.id, u.name ORDER BY pages DESC, u.name")
                    .bind("tenant", tenant.value())
                    .bind("from", from)
                    .bind("to", to)
                    .map(
                        (rs, ctx) ->
                            new PagesPerPerson(
                                rs.getObject("id", UUID.class),
                                rs.getString("name"),
                                rs.getInt("pages"),
                                rs.getInt("off_hours"),
                                rs.getInt("messages")))
                    .list()));
  }

  public SupportMetrics support(Caller caller, Instant from, Instant to) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          record Tickets(int created, int escalated, Double median, Double p90) {}
          Tickets tickets =
              h.createQuery(
                      "SELECT count(*) AS created, count(escalated_at) AS escalated,"
                          + " percentile_cont(0.5) WITHIN GROUP (ORDER BY"
                          + "   extract(epoch FROM escalated_at - created_at)) AS median,"
                          + " percentile_cont(0.9) WITHIN GROUP (ORDER BY"
                          + "   extract(epoch FROM escalated_at - created_at)) AS p90"
                          + " FROM tickets WHERE tenant_id = :tenant"
                          + " AND created_at >= :from AND created_at < :to")
                  .bind("tenant", tenant.value())
                  .bind("from", from)
                  .bind("to", to)
                  .map(
                      (rs, ctx) ->
                          new Tickets(
                              rs.getInt("created"),
                              rs.getInt("escalated"),
                              nullableDouble(rs, "median"),
                              nullableDouble(rs, "p90")))
                  .one();
          record Solved(int solved, int firstContact) {}
          Solved solved =
              h.createQuery(
                      "SELECT count(*) AS solved, count(*) FILTER (WHERE replies = 1) AS first_contact"
                          + " FROM (SELECT t.id, (SELECT count(*) FROM ticket_events e"
                          + "   WHERE e.tenant_id = t.tenant_id AND e.ticket_id = t.id"
                          + "   AND e.kind = 'public_reply') AS replies"
                          + " FROM tickets t WHERE t.tenant_id = :tenant AND t.solved_at >= :from"
                          + " AND t.solved_at < :to) s")
                  .bind("tenant", tenant.value())
                  .bind("from", from)
                  .bind("to", to)
                  .map((rs, ctx) -> new Solved(rs.getInt("solved"), rs.getInt("first_contact")))
                  .one();
          record PerIncident(int incidents, Double average) {}
          PerIncident perIncident =
              h.createQuery(
                      "SELECT count(*) AS incidents, avg(linked) AS average FROM ("
                          + " SELECT ti.incident_id, count(*) AS linked FROM ticket_incidents ti"
                          + " JOIN incidents i ON i.tenant_id = ti.tenant_id AND i.id = ti.incident_id"
                          + " WHERE ti.tenant_id = :tenant AND i.created_at >= :from"
                          + " AND i.created_at < :to GROUP BY ti.incident_id) l")
                  .bind("tenant", tenant.value())
                  .bind("from", from)
                  .bind("to", to)
                  .map(
                      (rs, ctx) ->
                          new PerIncident(rs.getInt("incidents"), nullableDouble(rs, "average")))
                  .one();
          return new SupportMetrics(
              from,
              to,
              tickets.created(),
              tickets.escalated(),
              tickets.median(),
              tickets.p90(),
              solved.solved(),
              solved.solved() == 0 ? null : (double) solved.firstContact() / solved.solved(),
              perIncident.incidents(),
              perIncident.average(),
              slaOutcomes(h, tenant, from, to));
        });
  }

  /**
   * A clock counts as breached when it breached in the window, as met when it was met in the window
   * without having breached; both outcomes are final for a clock.
   */
  private static List<SlaOutcome> slaOutcomes(Handle h, TenantId tenant, Instant from, Instant to) {
    return h.createQuery(
            "SELECT c.tier, c.policy_id, p.name AS policy_name,"
                + " count(*) FILTER (WHERE c.breached_at IS NULL) AS met,"
                + " count(*) FILTER (WHERE c.breached_at IS NOT NULL) AS breached"
                + " FROM sla_clocks c LEFT JOIN sla_policies p"
                + "   ON p.tenant_id = c.tenant_id AND p.id = c.policy_id"
                + " WHERE c.tenant_id = :tenant"
                + " AND ((c.breached_at >= :from AND c.breached_at < :to)"
                + "   OR (c.breached_at IS NULL AND c.met_at >= :from AND c.met_at < :to))"
                + " GROUP BY c.tier, c.policy_id, p.name ORDER BY c.tier, p.name")
        .bind("tenant", tenant.value())
        .bind("from", from)
        .bind("to", to)
        .map(
            (rs, ctx) ->
                new SlaOutcome(
                    rs.getString("tier"),
                    rs.getObject("policy_id", UUID.class),
                    rs.getString("policy_name"),
                    rs.getInt("met"),
                    rs.getInt("breached")))
        .list();
  }

  private static List<ResponseTimes> responseTimes(
      Handle h, TenantId tenant, Instant from, Instant to, String idColumn, String nameColumn) {
    return h.createQuery(
            "SELECT "
                + idColumn
                + " AS id, "
                + nameColumn
                + " AS name, count(*) AS incidents,"
                + " count(i.acknowledged_at) AS acknowledged, count(i.resolved_at) AS resolved,"
                + " avg(extract(epoch FROM i.acknowledged_at - i.created_at)) AS mtta,"
                + " avg(extract(epoch FROM i.resolved_at - i.created_at)) AS mttr"
                + " FROM incidents i"
                + " LEFT JOIN services s ON s.tenant_id = i.tenant_id AND s.id = i.service_id"
                + " LEFT JOIN teams t ON t.tenant_id = s.tenant_id AND t.id = s.team_id"
                + " WHERE i.tenant_id = :tenant AND i.created_at >= :from AND i.created_at < :to"
                + " GROUP BY 1, 2 ORDER BY incidents DESC, name")
        .bind("tenant", tenant.value())
        .bind("from", from)
        .bind("to", to)
        .map(
            (rs, ctx) ->
                new ResponseTimes(
                    rs.getObject("id", UUID.class),
                    rs.getString("name"),
                    rs.getInt("incidents"),
                    rs.getInt("acknowledged"),
                    rs.getInt("resolved"),
                    nullableDouble(rs, "mtta"),
                    nullableDouble(rs, "mttr")))
        .list();
  }

  private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }
}
