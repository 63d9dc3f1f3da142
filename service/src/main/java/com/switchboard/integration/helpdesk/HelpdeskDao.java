package com.switchboard.integration.helpdesk;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(HelpdeskIntegration.Row.class)
@RegisterConstructorMapper(HelpdeskDao.Caller.class)
@RegisterConstructorMapper(HelpdeskDao.Seen.class)
public interface HelpdeskDao {
  String INTEGRATION = "id, name, kind, secret_hash, secret_hint, created_at, updated_at";

  /** The integration an inbound request names, with its tenant. */
  record Caller(TenantId tenantId, UUID id, String name, String kind, byte[] secretHash) {}

  /** What the integration last sent for one of its tickets. */
  record Seen(UUID ticketId, String contentSha256, String commentSha256) {}

  @SqlUpdate(
      "INSERT INTO helpdesk_integrations"
          + " (tenant_id, id, name, kind, secret_hash, secret_hint, created_at, updated_at)"
          + " VALUES (:tenantId, :id, :name, :kind, :secretHash, :secretHint, :now, :now)")
  void insert(
      TenantId tenantId,
      UUID id,
      String name,
      String kind,
      byte[] secretHash,
      String secretHint,
      Instant now);

  @SqlQuery(
      "SELECT "
          + INTEGRATION
          + " FROM helpdesk_integrations WHERE tenant_id = :tenantId ORDER BY created_at, id")
  List<HelpdeskIntegration.Row> list(TenantId tenantId);

  @SqlQuery(
      "SELECT "
          + INTEGRATION
          + " FROM helpdesk_integrations WHERE tenant_id = :tenantId AND id = :id")
  Optional<HelpdeskIntegration.Row> find(TenantId tenantId, UUID id);

  @SqlUpdate(
      "UPDATE helpdesk_integrations SET secret_hash = :secretHash, secret_hint = :secretHint,"
          + " updated_at = :now WHERE tenant_id = :tenantId AND id = :id")
  void rotateSecret(TenantId tenantId, UUID id, byte[] secretHash, String secretHint, Instant now);

  @SqlUpdate("DELETE FROM helpdesk_integrations WHERE tenant_id = :tenantId AND id = :id")
  void delete(TenantId tenantId, UUID id);

  /** Across tenants: only in a transaction scoped 'helpdesk-inbound' (see migration 032). */
  @SqlQuery(
      "SELECT tenant_id, id, name, kind, secret_hash FROM helpdesk_integrations WHERE id = :id")
  Optional<Caller> caller(UUID id);

  /** Serialises concurrent events about one external ticket until the transaction ends. */
  @SqlQuery("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))::text")
  String lockExternalTicket(String key);

  @SqlQuery(
      "SELECT ticket_id, content_sha256, comment_sha256 FROM helpdesk_tickets"
          + " WHERE tenant_id = :tenantId AND integration_id = :integrationId"
          + " AND external_id = :externalId")
  Optional<Seen> seen(TenantId tenantId, UUID integrationId, String externalId);

  @SqlUpdate(
      "INSERT INTO helpdesk_tickets (tenant_id, integration_id, external_id, ticket_id,"
          + " content_sha256, comment_sha256, updated_at)"
          + " VALUES (:tenantId, :integrationId, :externalId, :ticketId, :contentSha256,"
          + " :commentSha256, :now)"
          + " ON CONFLICT (tenant_id, integration_id, external_id) DO UPDATE SET"
          + " ticket_id = excluded.ticket_id, content_sha256 = excluded.content_sha256,"
          + " comment_sha256 = excluded.comment_sha256, updated_at = excluded.updated_at")
  void remember(
      TenantId tenantId,
      UUID integrationId,
      String externalId,
      UUID ticketId,
      String contentSha256,
      String commentSha256,
      Instant now);
}
