package com.switchboard.ticket;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Ticket.class)
@RegisterConstructorMapper(TicketEvent.class)
@RegisterConstructorMapper(TicketDao.Link.class)
public interface TicketDao {
  /** A ticket's link to its incident; {@code how} is escalated or linked. */
  record Link(UUID ticketId, UUID incidentId, Instant linkedAt, String linkedBy, String how) {}

  String SELECT_TICKETS =
      "SELECT t.id, t.number, t.subject, t.description, t.requester, t.customer_id,"
          + " c.name AS customer_name, c.tier, t.priority, t.status, t.assignee_id,"
          + " u.name AS assignee_name, t.service_id, s.name AS service_name, t.external_id,"
          + " t.external_url, ti.incident_id, t.escalated_at, t.follow_up_due, t.created_by,"
          + " t.created_at, t.updated_at, t.solved_at"
          + " FROM tickets t"
          + " LEFT JOIN customers c ON c.tenant_id = t.tenant_id AND c.id = t.customer_id"
          + " LEFT JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.assignee_id"
          + " LEFT JOIN services s ON s.tenant_id = t.tenant_id AND s.id = t.service_id"
          + " LEFT JOIN ticket_incidents ti ON ti.tenant_id = t.tenant_id AND ti.ticket_id = t.id"
          + " WHERE t.tenant_id = :tenantId";

  /** Takes the tenant's next ticket number; the counter row stays locked until commit. */
  @SqlQuery(
      "INSERT INTO ticket_counters (tenant_id, last_number) VALUES (:tenantId, 1)"
          + " ON CONFLICT (tenant_id) DO UPDATE SET last_number = ticket_counters.last_number + 1"
          + " RETURNING last_number")
  long nextNumber(TenantId tenantId);

  @SqlUpdate(
      "INSERT INTO tickets (tenant_id, id, number, subject, description, requester, customer_id,"
          + " priority, status, assignee_id, service_id, external_id, external_url, created_by,"
          + " created_at, updated_at)"
          + " VALUES (:tenantId, :id, :number, :subject, :description, :requester, :customerId,"
          + " :priority, 'new', :assigneeId, :serviceId, :externalId, :externalUrl, :createdBy,"
          + " :now, :now)")
  void insert(
      TenantId tenantId,
      UUID id,
      long number,
      String subject,
      String description,
      String requester,
      UUID customerId,
      TicketPriority priority,
      UUID assigneeId,
      UUID serviceId,
      String externalId,
      String externalUrl,
      String createdBy,
      Instant now);

  @SqlQuery(SELECT_TICKETS + " AND t.id = :id")
  Optional<Ticket> find(TenantId tenantId, UUID id);

  @SqlQuery("SELECT id FROM tickets WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
  Optional<UUID> lock(TenantId tenantId, UUID id);

  @SqlQuery(
      "SELECT id FROM tickets WHERE tenant_id = :tenantId AND external_id = :externalId"
          + " FOR UPDATE")
  Optional<UUID> lockByExternalId(TenantId tenantId, String externalId);

  /** Newest first; {@code beforeNumber} pages. Empty {@code statuses} means every status. */
  @SqlQuery(
      SELECT_TICKETS
          + " AND (CAST(:statuses AS text[]) IS NULL OR t.status = ANY(:statuses))"
          + " AND (CAST(:assigneeId AS uuid) IS NULL OR t.assignee_id = :assigneeId)"
          + " AND (CAST(:customerId AS uuid) IS NULL OR t.customer_id = :customerId)"
          + " AND (CAST(:serviceId AS uuid) IS NULL OR t.service_id = :serviceId)"
          + " AND (CAST(:beforeNumber AS bigint) IS NULL OR t.number < :beforeNumber)"
          + " ORDER BY t.number DESC LIMIT :limit")
  List<Ticket> list(
      TenantId tenantId,
      String[] statuses,
      UUID assigneeId,
      UUID customerId,
      UUID serviceId,
      Long beforeNumber,
      int limit);

  @SqlQuery(
      "SELECT ticket_id, incident_id, linked_at, linked_by, how FROM ticket_incidents"
          + " WHERE tenant_id = :tenantId AND ticket_id = :ticketId")
  Optional<Link> link(TenantId tenantId, UUID ticketId);

  @SqlUpdate(
      "INSERT INTO ticket_incidents (tenant_id, ticket_id, incident_id, linked_at, linked_by, how)"
          + " VALUES (:tenantId, :ticketId, :incidentId, :now, :linkedBy, :how)")
  void insertLink(
      TenantId tenantId, UUID ticketId, UUID incidentId, Instant now, String linkedBy, String how);

  @SqlUpdate("DELETE FROM ticket_incidents WHERE tenant_id = :tenantId AND ticket_id = :ticketId")
  void deleteLink(TenantId tenantId, UUID ticketId);

  @SqlUpdate(
      "UPDATE tickets SET escalated_at = COALESCE(escalated_at, :now), updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void markEscalated(TenantId tenantId, UUID id, Instant now);

  @SqlQuery(SELECT_TICKETS + " AND ti.incident_id = :incidentId ORDER BY ti.linked_at, t.number")
  List<Ticket> linkedTo(TenantId tenantId, UUID incidentId);

  @SqlUpdate(
      "UPDATE tickets SET status = :status, updated_at = :now,"
          + " solved_at = CASE WHEN :status IN ('solved', 'closed')"
          + "   THEN COALESCE(solved_at, :now) ELSE NULL END"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void setStatus(TenantId tenantId, UUID id, TicketStatus status, Instant now);

  @SqlUpdate(
      "UPDATE tickets SET subject = :subject, description = :description,"
          + " requester = :requester, priority = :priority, customer_id = :customerId,"
          + " service_id = :serviceId, external_url = :externalUrl, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void updateDetails(
      TenantId tenantId,
      UUID id,
      String subject,
      String description,
      String requester,
      TicketPriority priority,
      UUID customerId,
      UUID serviceId,
      String externalUrl,
      Instant now);

  @SqlUpdate(
      "UPDATE tickets SET assignee_id = :assigneeId, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void setAssignee(TenantId tenantId, UUID id, UUID assigneeId, Instant now);

  @SqlUpdate(
      "UPDATE tickets SET follow_up_due = :due, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void setFollowUpDue(TenantId tenantId, UUID id, boolean due, Instant now);

  @SqlUpdate(
      "INSERT INTO ticket_events (tenant_id, ticket_id, id, at, kind, actor, body, data)"
          + " VALUES (:tenantId, :ticketId, :id, :at, :kind, :actor, :body, CAST(:data AS jsonb))")
  void insertEvent(
      TenantId tenantId,
      UUID ticketId,
      UUID id,
      Instant at,
      String kind,
      String actor,
      String body,
      String data);

  @SqlQuery(
      "SELECT id, at, kind, actor, body, data::text AS data FROM ticket_events"
          + " WHERE tenant_id = :tenantId AND ticket_id = :ticketId ORDER BY seq")
  List<TicketEvent> events(TenantId tenantId, UUID ticketId);

  @SqlQuery(
      "SELECT EXISTS (SELECT 1 FROM ticket_events WHERE tenant_id = :tenantId"
          + " AND ticket_id = :ticketId AND kind = 'public_reply')")
  boolean hasPublicReply(TenantId tenantId, UUID ticketId);

  @SqlQuery("SELECT id FROM users WHERE tenant_id = :tenantId AND id IN (<ids>) AND active")
  List<UUID> activeUsers(TenantId tenantId, @BindList("ids") List<UUID> ids);
}
