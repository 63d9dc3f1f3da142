package com.switchboard.ticket.similar;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(TicketGroupDao.GroupRow.class)
@RegisterConstructorMapper(TicketGroupDao.MemberTerms.class)
@RegisterConstructorMapper(TicketGroupDao.SurgeState.class)
@RegisterConstructorMapper(TicketGroup.Ticket.class)
public interface TicketGroupDao {
  /** A group as stored, with how many of its tickets arrived after {@code since}. */
  record GroupRow(
      UUID id,
      UUID serviceId,
      String serviceName,
      int ticketCount,
      int recentCount,
      Instant firstSeenAt,
      Instant lastSeenAt,
      Instant alertedAt) {}

  /** A member's term counts, as JSON text. */
  record MemberTerms(UUID groupId, String terms) {}

  record SurgeState(Instant alertedAt, Instant surgingAt) {}

  String SELECT_GROUPS =
      "SELECT g.id, g.service_id, s.name AS service_name, g.ticket_count,"
          + " (SELECT count(*) FROM ticket_group_members m WHERE m.tenant_id = g.tenant_id"
          + "   AND m.group_id = g.id AND m.joined_at > :since) AS recent_count,"
          + " g.first_seen_at, g.last_seen_at, g.alerted_at"
          + " FROM ticket_groups g LEFT JOIN services s"
          + "   ON s.tenant_id = g.tenant_id AND s.id = g.service_id"
          + " WHERE g.tenant_id = :tenantId";

  /**
   * Serializes the grouping of one tenant's tickets of one service (or of none) until commit, so
   * that two similar tickets arriving together do not each start a group, and a surge is counted
   * and alerted once.
   */
  @SqlQuery(
      "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended("
          + " 'ticket-groups:' || CAST(:tenantId AS text) || ':'"
          + " || COALESCE(CAST(:serviceId AS text), 'none'), 0))) AS locked")
  int lockBucket(TenantId tenantId, UUID serviceId);

  /** The term counts of the tenant's tickets since {@code since}, newest first: the IDF corpus. */
  @SqlQuery(
      "SELECT terms::text FROM ticket_group_members WHERE tenant_id = :tenantId"
          + " AND joined_at > :since ORDER BY joined_at DESC LIMIT :limit")
  List<String> recentTerms(TenantId tenantId, Instant since, int limit);

  /** A recent group on a service, for "services with similar recent tickets". */
  record ServiceGroup(UUID id, UUID serviceId, String serviceName, int ticketCount) {}

  /** Groups on any service that got a ticket since {@code since}, newest first. */
  @SqlQuery(
      "SELECT g.id, g.service_id, s.name AS service_name, g.ticket_count FROM ticket_groups g"
          + " JOIN services s ON s.tenant_id = g.tenant_id AND s.id = g.service_id"
          + " WHERE g.tenant_id = :tenantId AND g.last_seen_at > :since"
          + " ORDER BY g.last_seen_at DESC, g.id LIMIT :limit")
  @RegisterConstructorMapper(ServiceGroup.class)
  List<ServiceGroup> recentOnServices(TenantId tenantId, Instant since, int limit);

  /** Groups of the service (or of no service) that got a ticket since {@code since}. */
  @SqlQuery(
      "SELECT id FROM ticket_groups WHERE tenant_id = :tenantId"
          + " AND service_id IS NOT DISTINCT FROM CAST(:serviceId AS uuid)"
          + " AND last_seen_at > :since ORDER BY last_seen_at DESC, id LIMIT :limit")
  List<UUID> candidates(TenantId tenantId, UUID serviceId, Instant since, int limit);

  /** The newest {@code perGroup} members' term counts of each group. */
  @SqlQuery(
      "SELECT group_id, terms FROM (SELECT group_id, terms::text AS terms, row_number() OVER"
          + "   (PARTITION BY group_id ORDER BY joined_at DESC, ticket_id) AS n"
          + "   FROM ticket_group_members WHERE tenant_id = :tenantId AND group_id IN (<groupIds>))"
          + " AS newest WHERE n <= :perGroup")
  List<MemberTerms> memberTerms(
      TenantId tenantId, @BindList("groupIds") Collection<UUID> groupIds, int perGroup);

  @SqlUpdate(
      "INSERT INTO ticket_groups (tenant_id, id, service_id, first_seen_at, last_seen_at,"
          + " ticket_count) VALUES (:tenantId, :id, :serviceId, :at, :at, 1)")
  void insertGroup(TenantId tenantId, UUID id, UUID serviceId, Instant at);

  @SqlQuery(
      "UPDATE ticket_groups SET ticket_count = ticket_count + 1,"
          + " first_seen_at = LEAST(first_seen_at, :at), last_seen_at = GREATEST(last_seen_at, :at)"
          + " WHERE tenant_id = :tenantId AND id = :id RETURNING alerted_at, surging_at")
  SurgeState join(TenantId tenantId, UUID id, Instant at);

  @SqlUpdate(
      "INSERT INTO ticket_group_members (tenant_id, ticket_id, group_id, joined_at, score, terms)"
          + " VALUES (:tenantId, :ticketId, :groupId, :at, :score, CAST(:terms AS jsonb))")
  void insertMember(
      TenantId tenantId, UUID ticketId, UUID groupId, Instant at, Double score, String terms);

  @SqlQuery(
      "SELECT count(*) FROM ticket_group_members WHERE tenant_id = :tenantId"
          + " AND group_id = :groupId AND joined_at > :since AND joined_at <= :until")
  int countBetween(TenantId tenantId, UUID groupId, Instant since, Instant until);

  /** Records that the group is at its surge threshold at {@code at}, and alerted if it did. */
  @SqlUpdate(
      "UPDATE ticket_groups SET surging_at = :at,"
          + " alerted_at = CASE WHEN :alerted THEN CAST(:at AS timestamptz) ELSE alerted_at END"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void markSurging(TenantId tenantId, UUID id, Instant at, boolean alerted);

  @SqlQuery(SELECT_GROUPS + " AND g.id = :id")
  Optional<GroupRow> find(TenantId tenantId, UUID id, Instant since);

  /**
   * Groups newest first; with {@code surgingAt} set, only those with at least that many tickets
   * since {@code since}.
   */
  @SqlQuery(
      "SELECT * FROM ("
          + SELECT_GROUPS
          + " AND (CAST(:surgingAt AS integer) IS NULL OR g.last_seen_at > :since)) AS groups"
          + " WHERE CAST(:surgingAt AS integer) IS NULL OR recent_count >= :surgingAt"
          + " ORDER BY last_seen_at DESC, id LIMIT :limit")
  List<GroupRow> list(TenantId tenantId, Instant since, Integer surgingAt, int limit);

  @SqlQuery(
      "SELECT group_id FROM ticket_group_members WHERE tenant_id = :tenantId AND ticket_id = :ticketId")
  Optional<UUID> groupOf(TenantId tenantId, UUID ticketId);

  /** A group's tickets newest first, with the incident each is linked to. */
  @SqlQuery(
      "SELECT t.id, t.number, t.subject, t.status, t.priority, t.customer_id, c.tier AS customer_tier,"
          + " t.service_id, t.created_at, m.score, ti.incident_id, i.status AS incident_status"
          + " FROM ticket_group_members m"
          + " JOIN tickets t ON t.tenant_id = m.tenant_id AND t.id = m.ticket_id"
          + " LEFT JOIN customers c ON c.tenant_id = t.tenant_id AND c.id = t.customer_id"
          + " LEFT JOIN ticket_incidents ti ON ti.tenant_id = t.tenant_id AND ti.ticket_id = t.id"
          + " LEFT JOIN incidents i ON i.tenant_id = ti.tenant_id AND i.id = ti.incident_id"
          + " WHERE m.tenant_id = :tenantId AND m.group_id = :groupId"
          + " ORDER BY m.joined_at DESC, t.number DESC LIMIT :limit")
  List<TicketGroup.Ticket> tickets(TenantId tenantId, UUID groupId, int limit);

  @SqlQuery(
      "SELECT count(*) FILTER (WHERE t.status NOT IN ('solved', 'closed')) AS open,"
          + " count(DISTINCT t.customer_id) AS customers"
          + " FROM ticket_group_members m"
          + " JOIN tickets t ON t.tenant_id = m.tenant_id AND t.id = m.ticket_id"
          + " WHERE m.tenant_id = :tenantId AND m.group_id = :groupId")
  @RegisterConstructorMapper(TicketGroup.Counts.class)
  TicketGroup.Counts counts(TenantId tenantId, UUID groupId);

  /** Every active member of the tenant's support teams, each once. */
  @SqlQuery(
      "SELECT DISTINCT m.user_id FROM team_members m"
          + " JOIN teams t ON t.tenant_id = m.tenant_id AND t.id = m.team_id"
          + " JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id"
          + " WHERE m.tenant_id = :tenantId AND t.kind = 'support' AND u.active ORDER BY m.user_id")
  List<UUID> supportTeamMembers(TenantId tenantId);

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM tickets WHERE tenant_id = :tenantId AND id = :id)")
  boolean ticketExists(TenantId tenantId, UUID id);
}
