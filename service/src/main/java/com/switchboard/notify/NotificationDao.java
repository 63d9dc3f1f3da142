package com.switchboard.notify;

import com.switchboard.notify.Notification.Status;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Notification.class)
@RegisterConstructorMapper(NotificationDao.Unsent.class)
public interface NotificationDao {
  String COLUMNS =
      "id, idempotency_key, incident_id, escalation_id, user_id, contact_method_id, channel,"
          + " address, status, provider, provider_message_id, attempts, last_error, due_at,"
          + " claimed_at, sent_at, created_at";

  record Unsent(TenantId tenantId, UUID id) {}

  /** The last page sent to a person: the contact method and channel it went to. */
  record SentPage(UUID userId, UUID contactMethodId, Channel channel) {}

  /**
   * For each active person who asked for status updates (users.status_updates) and was sent a page
   * for the incident, the last page sent to them; people whose pages were never sent (cancelled,
   * suppressed, failed) are not among them.
   */
  @SqlQuery(
      "SELECT DISTINCT ON (n.user_id) n.user_id, n.contact_method_id, n.channel"
          + " FROM notifications n JOIN users u ON u.tenant_id = n.tenant_id AND u.id = n.user_id"
          + " WHERE n.tenant_id = :tenantId AND n.incident_id = :incidentId"
          + " AND n.status IN ('sent', 'delivered') AND u.active AND u.status_updates"
          + " ORDER BY n.user_id, n.sent_at DESC, n.id")
  @RegisterConstructorMapper(SentPage.class)
  List<SentPage> lastPagesToSubscribers(TenantId tenantId, UUID incidentId);

  /**
   * Records the intent to send; returns the new id, or nothing when this decision was already
   * recorded (the idempotency key exists): a re-run step does not page twice.
   */
  @SqlQuery(
      "INSERT INTO notifications (tenant_id, id, idempotency_key, incident_id, escalation_id,"
          + " user_id, contact_method_id, channel, address, status, due_at, created_at, updated_at)"
          + " VALUES (:tenantId, :id, :key, :incidentId, :escalationId, :userId, :contactMethodId,"
          + " :channel, :address, :status, :dueAt, :now, :now)"
          + " ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING id")
  Optional<UUID> insert(
      TenantId tenantId,
      UUID id,
      String key,
      UUID incidentId,
      UUID escalationId,
      UUID userId,
      UUID contactMethodId,
      Channel channel,
      String address,
      Status status,
      Instant dueAt,
      Instant now);

  @SqlQuery("SELECT " + COLUMNS + " FROM notifications WHERE tenant_id = :tenantId AND id = :id")
  Optional<Notification> find(TenantId tenantId, UUID id);

  /**
   * A claim nobody will finish, judged by the database's clock so that nodes' clocks do not matter:
   * older than the stale window, or taken by a scheduler instance that Quartz's cluster check-in
   * shows dead (silent for longer than its interval plus Quartz's grace of 7.5 s) or gone. A claim
   * younger than that grace is never taken over, so a node that claims before its first check-in
   * keeps its claim.
   */
  String ABANDONED_CLAIM =
      "(notifications.claimed_at < clock_timestamp() - :staleClaimMillis * interval '1 millisecond'"
          + " OR (notifications.claimed_by IS NOT NULL"
          + "     AND notifications.claimed_at < clock_timestamp() - interval '7.5 seconds'"
          + "     AND NOT EXISTS (SELECT 1 FROM qrtz_scheduler_state s"
          + "       WHERE s.sched_name = 'switchboard' AND s.instance_name = notifications.claimed_by"
          + "       AND s.last_checkin_time + s.checkin_interval + 7500"
          + "         > extract(epoch FROM clock_timestamp()) * 1000)))";

  /** Rows a claim may take: unsent, or claimed by a node that will not finish them. */
  String CLAIMABLE =
      "(notifications.status IN ('pending', 'scheduled')"
          + " OR (notifications.status = 'sending' AND "
          + ABANDONED_CLAIM
          + "))";

  /**
   * Claims a message for sending on this node ({@code instance}: this node's scheduler instance).
   * Only one claimer wins. A message already claimed {@code maxAttempts} times is not claimed again
   * (see {@link #giveUp}).
   */
  @SqlQuery(
      "UPDATE notifications SET status = 'sending', claimed_at = clock_timestamp(),"
          + " claimed_by = :instance, attempts = attempts + 1, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id AND attempts < :maxAttempts AND "
          + CLAIMABLE
          + " RETURNING "
          + COLUMNS)
  Optional<Notification> claim(
      TenantId tenantId,
      UUID id,
      String instance,
      long staleClaimMillis,
      int maxAttempts,
      Instant now);

  /**
   * Settles as failed a message that would be claimed again but was already claimed {@code
   * maxAttempts} times (each claim that never recorded an outcome: a node died or its database call
   * failed mid-send).
   */
  @SqlQuery(
      "UPDATE notifications SET status = 'failed', last_error = :reason, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id AND attempts >= :maxAttempts AND "
          + CLAIMABLE
          + " RETURNING "
          + COLUMNS)
  Optional<Notification> giveUp(
      TenantId tenantId,
      UUID id,
      long staleClaimMillis,
      int maxAttempts,
      String reason,
      Instant now);

  /** Puts a claimed SMS back until the number may be texted again (rate limit). */
  @SqlUpdate(
      "UPDATE notifications SET status = 'pending', due_at = :dueAt, claimed_at = NULL,"
          + " claimed_by = NULL,"
          + " attempts = attempts - 1, updated_at = :now WHERE tenant_id = :tenantId AND id = :id")
  void defer(TenantId tenantId, UUID id, Instant dueAt, Instant now);

  /**
   * Claims the other SMS pages the rate limit held back for the same number (their due time was
   * moved past their creation), to go out bundled with {@code mainId}. A page another transaction
   * is claiming is skipped, not waited for: that transaction holds it and waits for this one's lock
   * on the number, so waiting was a deadlock; it goes out on its own after this one.
   */
  @SqlQuery(
      "UPDATE notifications SET status = 'sending', claimed_at = clock_timestamp(),"
          + " claimed_by = :instance, attempts = attempts + 1, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id IN (SELECT id FROM notifications"
          + "   WHERE tenant_id = :tenantId AND channel = 'sms' AND address = :address"
          + "   AND status = 'pending' AND due_at <= :now AND id <> :mainId"
          + "   AND due_at > created_at FOR UPDATE SKIP LOCKED)"
          + " RETURNING "
          + COLUMNS)
  List<Notification> claimBundle(
      TenantId tenantId, String address, UUID mainId, String instance, Instant now);

  /** SMS pages to a number waiting for its rate limit, oldest first. */
  @SqlQuery(
      "SELECT id FROM notifications WHERE tenant_id = :tenantId AND channel = 'sms'"
          + " AND address = :address AND status = 'pending' AND due_at <= :now"
          + " ORDER BY due_at, id LIMIT 1")
  Optional<UUID> oldestDueSms(TenantId tenantId, String address, Instant now);

  /**
   * Records the outcome of a send. Only a message still in flight changes: a delivery report that
   * overtook the provider's answer is not overwritten. Returns 0 when it was.
   */
  @SqlUpdate(
      "UPDATE notifications SET status = :status, provider = :provider,"
          + " provider_message_id = :providerMessageId, last_error = :error,"
          + " sent_at = CASE WHEN CAST(:status AS text) = 'sent' THEN CAST(:now AS timestamptz)"
          + "   ELSE sent_at END, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id AND status IN ('sending', 'pending', 'scheduled')")
  int finish(
      TenantId tenantId,
      UUID id,
      Status status,
      String provider,
      String providerMessageId,
      String error,
      Instant now);

  /** A provider's delivery report; never moves a message back from a later state. */
  @SqlUpdate(
      "UPDATE notifications SET status = :status, last_error = COALESCE(:error, last_error),"
          + " updated_at = :now WHERE tenant_id = :tenantId AND id = :id"
          + " AND status IN ('sent', 'sending')")
  int report(TenantId tenantId, UUID id, Status status, String error, Instant now);

  /** Cancels the incident's messages not yet handed to a provider; returns their ids. */
  @SqlQuery(
      "UPDATE notifications SET status = 'cancelled', updated_at = :now"
          + " WHERE tenant_id = :tenantId AND incident_id = :incidentId"
          + " AND status IN ('scheduled', 'pending') RETURNING id")
  List<UUID> cancelUnsent(TenantId tenantId, UUID incidentId, Instant now);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM notifications WHERE tenant_id = :tenantId AND incident_id = :incidentId"
          + " ORDER BY created_at, id")
  List<Notification> ofIncident(TenantId tenantId, UUID incidentId);

  /** Channels already tried for one page (the key without its fallback suffix). */
  @SqlQuery(
      "SELECT contact_method_id FROM notifications WHERE tenant_id = :tenantId"
          + " AND (idempotency_key = :key OR idempotency_key LIKE :key || ':fallback:%')"
          + " AND contact_method_id IS NOT NULL")
  List<UUID> contactMethodsTried(TenantId tenantId, String key);

  @SqlQuery(
      "SELECT id FROM notifications WHERE tenant_id = :tenantId AND incident_id = :incidentId"
          + " AND status = 'pending' AND escalation_id = :escalationId")
  List<UUID> pendingOfEscalation(TenantId tenantId, UUID incidentId, UUID escalationId);

  /**
   * Across tenants: messages due before {@code dueBefore} that no node sent, delayed ones due
   * before {@code scheduledBefore} whose Quartz job never sent them, and claims no node will finish
   * ({@link #ABANDONED_CLAIM}). Requires the sweeper scope.
   */
  @SqlQuery(
      "SELECT tenant_id, id FROM notifications"
          + " WHERE (status = 'pending' AND due_at < :dueBefore)"
          + "    OR (status = 'scheduled' AND due_at < :scheduledBefore)"
          + "    OR (status = 'sending' AND "
          + ABANDONED_CLAIM
          + ")"
          + " ORDER BY due_at LIMIT :limit")
  List<Unsent> unsent(Instant dueBefore, Instant scheduledBefore, long staleClaimMillis, int limit);
}
