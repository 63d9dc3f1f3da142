package com.switchboard.notify.sms;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The cross-tenant routing table for inbound SMS (see migration 009): a number maps to the tenant
 * and user that last paged or verified it.
 */
@RegisterConstructorMapper(SmsNumberDao.Route.class)
@RegisterConstructorMapper(SmsNumberDao.Locked.class)
public interface SmsNumberDao {
  /** {@code lastBundle}: the incident numbers of the last SMS if it bundled several, else null. */
  record Route(
      String phoneNumber,
      TenantId tenantId,
      UUID userId,
      Long lastIncidentNumber,
      Instant stoppedAt,
      int unansweredReplies,
      Long[] lastBundle) {}

  @SqlQuery(
      "SELECT phone_number, tenant_id, user_id, last_incident_number, stopped_at,"
          + " unanswered_replies, last_bundle FROM sms_numbers WHERE phone_number = :phone")
  Optional<Route> find(String phone);

  /** A number's send times (epoch ms) and whether it replied STOP, read under its lock. */
  record Locked(Long[] recentSends, boolean stopped) {}

  /** Locks the number so that concurrent pages to it take turns; empty when it has no row yet. */
  @SqlQuery(
      "SELECT recent_sends, stopped_at IS NOT NULL AS stopped FROM sms_numbers"
          + " WHERE phone_number = :phone FOR UPDATE")
  Optional<Locked> lock(String phone);

  @SqlUpdate(
      "UPDATE sms_numbers SET recent_sends = :sends, updated_at = :now WHERE phone_number = :phone")
  void setRecentSends(String phone, Long[] sends, Instant now);

  @SqlQuery("SELECT stopped_at IS NOT NULL FROM sms_numbers WHERE phone_number = :phone")
  Optional<Boolean> stopped(String phone);

  /** The number was verified by a user: its replies now go to that user (the latest wins). */
  @SqlUpdate(
      "INSERT INTO sms_numbers (phone_number, tenant_id, user_id, updated_at)"
          + " VALUES (:phone, :tenantId, :userId, :now)"
          + " ON CONFLICT (phone_number) DO UPDATE SET tenant_id = :tenantId, user_id = :userId,"
          + " updated_at = :now")
  void routeToUser(String phone, TenantId tenantId, UUID userId, Instant now);

  /**
   * A page went to the number: a bare "A" reply now means this incident, or every incident of
   * {@code bundle} when the SMS bundled several (null otherwise).
   */
  @SqlUpdate(
      "INSERT INTO sms_numbers (phone_number, tenant_id, user_id, last_incident_number,"
          + " last_bundle, last_messaged_at, updated_at)"
          + " VALUES (:phone, :tenantId, :userId, :incidentNumber, :bundle, :now, :now)"
          + " ON CONFLICT (phone_number) DO UPDATE SET tenant_id = :tenantId, user_id = :userId,"
          + " last_incident_number = :incidentNumber, last_bundle = :bundle,"
          + " last_messaged_at = :now, updated_at = :now")
  void recordPage(
      String phone,
      TenantId tenantId,
      UUID userId,
      long incidentNumber,
      Long[] bundle,
      Instant now);

  @SqlUpdate(
      "UPDATE sms_numbers SET stopped_at = :stoppedAt, updated_at = :now"
          + " WHERE phone_number = :phone")
  void setStopped(String phone, Instant stoppedAt, Instant now);

  @SqlUpdate(
      "UPDATE sms_numbers SET unanswered_replies = :count, updated_at = :now"
          + " WHERE phone_number = :phone")
  void setUnansweredReplies(String phone, int count, Instant now);

  /**
   * The user (deactivated) or their number (its contact method deleted) no longer answers pages:
   * the number keeps its carrier state (STOP, rate limit) but routes to nobody.
   */
  @SqlUpdate(
      "UPDATE sms_numbers SET tenant_id = NULL, user_id = NULL, last_incident_number = NULL,"
          + " last_bundle = NULL, updated_at = :now WHERE tenant_id = :tenantId AND user_id = :userId"
          + " AND (CAST(:phone AS text) IS NULL OR phone_number = :phone)")
  int forgetUser(TenantId tenantId, UUID userId, String phone, Instant now);
}
