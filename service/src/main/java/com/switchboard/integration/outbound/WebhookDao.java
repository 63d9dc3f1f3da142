package com.switchboard.integration.outbound;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(WebhookEndpoint.Row.class)
@RegisterConstructorMapper(WebhookDelivery.class)
@RegisterConstructorMapper(WebhookDao.Due.class)
@RegisterConstructorMapper(WebhookDao.Claimed.class)
public interface WebhookDao {
  String ENDPOINT = "id, url, description, events, enabled, secret, created_at, updated_at";

  String DELIVERY =
      "id, endpoint_id, event_id, event_type AS event, status, attempts, last_status_code,"
          + " last_error, response_snippet, next_attempt_at, redelivery_of, created_at,"
          + " updated_at, delivered_at";

  record Due(TenantId tenantId, UUID id) {}

  /** A delivery claimed for one attempt, with what the attempt needs of its endpoint. */
  record Claimed(
      UUID id,
      UUID endpointId,
      String eventType,
      String payload,
      int attempts,
      String url,
      String secret,
      boolean enabled) {}

  @SqlUpdate(
      "INSERT INTO webhook_endpoints"
          + " (tenant_id, id, url, description, events, enabled, secret, created_at, updated_at)"
          + " VALUES (:tenantId, :id, :url, :description, :events, :enabled, :secret, :now, :now)")
  void insertEndpoint(
      TenantId tenantId,
      UUID id,
      String url,
      String description,
      String[] events,
      boolean enabled,
      String secret,
      Instant now);

  @SqlQuery(
      "SELECT "
          + ENDPOINT
          + " FROM webhook_endpoints WHERE tenant_id = :tenantId ORDER BY created_at, id")
  List<WebhookEndpoint.Row> endpoints(TenantId tenantId);

  @SqlQuery(
      "SELECT " + ENDPOINT + " FROM webhook_endpoints WHERE tenant_id = :tenantId AND id = :id")
  Optional<WebhookEndpoint.Row> endpoint(TenantId tenantId, UUID id);

  @SqlUpdate(
      "UPDATE webhook_endpoints SET url = :url, description = :description, events = :events,"
          + " enabled = :enabled, updated_at = :now WHERE tenant_id = :tenantId AND id = :id")
  int updateEndpoint(
      TenantId tenantId,
      UUID id,
      String url,
      String description,
      String[] events,
      boolean enabled,
      Instant now);

  @SqlUpdate(
      "UPDATE webhook_endpoints SET secret = :secret, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id")
  int rotateSecret(TenantId tenantId, UUID id, String secret, Instant now);

  @SqlUpdate("DELETE FROM webhook_endpoints WHERE tenant_id = :tenantId AND id = :id")
  int deleteEndpoint(TenantId tenantId, UUID id);

  /** One pending delivery of the event per enabled endpoint subscribed to its type. */
  @SqlQuery(
      "INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_type, payload,"
          + " status, next_attempt_at, created_at, updated_at)"
          + " SELECT tenant_id, gen_random_uuid(), id, :eventId, :eventType, :payload, 'pending',"
          + " :now, :now, :now FROM webhook_endpoints"
          + " WHERE tenant_id = :tenantId AND enabled AND :eventType = ANY (events)"
          + " RETURNING id")
  List<UUID> publish(
      TenantId tenantId, UUID eventId, String eventType, String payload, Instant now);

  @SqlQuery(
      "SELECT "
          + DELIVERY
          + " FROM webhook_deliveries WHERE tenant_id = :tenantId AND endpoint_id = :endpointId"
          + " AND (CAST(:status AS text) IS NULL OR status = :status)"
          + " ORDER BY created_at DESC, id LIMIT :limit")
  List<WebhookDelivery> deliveries(TenantId tenantId, UUID endpointId, String status, int limit);

  @SqlQuery(
      "SELECT "
          + DELIVERY
          + " FROM webhook_deliveries WHERE tenant_id = :tenantId AND endpoint_id = :endpointId"
          + " AND id = :id")
  Optional<WebhookDelivery> delivery(TenantId tenantId, UUID endpointId, UUID id);

  /** A new pending delivery with the original's event and body, due now. */
  @SqlUpdate(
      "INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_type, payload,"
          + " status, next_attempt_at, redelivery_of, created_at, updated_at)"
          + " SELECT tenant_id, :newId, endpoint_id, event_id, event_type, payload, 'pending',"
          + " :now, id, :now, :now FROM webhook_deliveries"
          + " WHERE tenant_id = :tenantId AND id = :originalId")
  void redeliver(TenantId tenantId, UUID originalId, UUID newId, Instant now);

  /** Across tenants: deliveries due for an attempt. Requires the webhook-sender scope. */
  @SqlQuery(
      "SELECT tenant_id, id FROM webhook_deliveries WHERE status = 'pending'"
          + " AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)"
          + " ORDER BY next_attempt_at LIMIT :limit")
  List<Due> due(Instant now, int limit);

  /**
   * Claims those of {@code ids} that are due and not claimed by a live attempt, for one attempt
   * until {@code leaseUntil}; rows another sender holds are skipped, so only one sender wins each.
   */
  @SqlQuery(
      "UPDATE webhook_deliveries d SET claimed_until = :leaseUntil, attempts = d.attempts + 1,"
          + " updated_at = :now FROM webhook_endpoints e"
          + " WHERE e.tenant_id = d.tenant_id AND e.id = d.endpoint_id AND d.tenant_id = :tenantId"
          + " AND d.id IN (SELECT id FROM webhook_deliveries WHERE tenant_id = :tenantId"
          + "   AND id = ANY (:ids) AND status = 'pending' AND next_attempt_at <= :now"
          + "   AND (claimed_until IS NULL OR claimed_until < :now)"
          + "   FOR UPDATE SKIP LOCKED)"
          + " RETURNING d.id, d.endpoint_id, d.event_type, d.payload, d.attempts, e.url,"
          + " e.secret, e.enabled")
  List<Claimed> claim(TenantId tenantId, UUID[] ids, Instant now, Instant leaseUntil);

  /**
   * Records the outcome of attempt {@code attempt}; a sender whose lease ran out and whose row was
   * claimed again records nothing (returns 0).
   */
  @SqlUpdate(
      "UPDATE webhook_deliveries SET status = :status, last_status_code = :statusCode,"
          + " last_error = :error, response_snippet = :snippet, next_attempt_at = :nextAttemptAt,"
          + " delivered_at = :deliveredAt, claimed_until = NULL, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id AND attempts = :attempt"
          + " AND status = 'pending'")
  int record(
      TenantId tenantId,
      UUID id,
      int attempt,
      String status,
      Integer statusCode,
      String error,
      String snippet,
      Instant nextAttemptAt,
      Instant deliveredAt,
      Instant now);
}
