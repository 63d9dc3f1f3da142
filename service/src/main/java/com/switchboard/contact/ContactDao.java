package com.switchboard.contact;

import com.switchboard.notify.Channel;
import com.switchboard.paging.Urgency;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ContactMethod.class)
@RegisterConstructorMapper(NotificationRule.class)
@RegisterConstructorMapper(ContactDao.PlannedRule.class)
@RegisterConstructorMapper(ContactDao.Verification.class)
public interface ContactDao {
  String METHOD_COLUMNS =
      "id, user_id, channel, address, label, verified_at, disabled_at, created_at";

  /** A rule joined with the usable method it pages. {@code ruleId} is null for a fallback. */
  record PlannedRule(
      UUID ruleId,
      UUID contactMethodId,
      Channel channel,
      String address,
      int delayMinutes,
      boolean usable) {}

  record Verification(
      UUID id, String verificationHash, Instant verificationSentAt, int verificationAttempts) {}

  @SqlUpdate(
      "INSERT INTO contact_methods (tenant_id, id, user_id, channel, address, label, verified_at,"
          + " created_at) VALUES (:tenantId, :id, :userId, :channel, :address, :label,"
          + " :verifiedAt, :now)")
  void insert(
      TenantId tenantId,
      UUID id,
      UUID userId,
      Channel channel,
      String address,
      String label,
      Instant verifiedAt,
      Instant now);

  @SqlQuery(
      "SELECT "
          + METHOD_COLUMNS
          + " FROM contact_methods WHERE tenant_id = :tenantId AND user_id = :userId"
          + " ORDER BY channel, created_at, id")
  List<ContactMethod> methods(TenantId tenantId, UUID userId);

  @SqlQuery(
      "SELECT "
          + METHOD_COLUMNS
          + " FROM contact_methods WHERE tenant_id = :tenantId AND user_id = :userId AND id = :id")
  Optional<ContactMethod> method(TenantId tenantId, UUID userId, UUID id);

  @SqlQuery(
      "SELECT " + METHOD_COLUMNS + " FROM contact_methods WHERE tenant_id = :tenantId AND id = :id")
  Optional<ContactMethod> methodById(TenantId tenantId, UUID id);

  @SqlQuery(
      "SELECT id, verification_hash, verification_sent_at, verification_attempts"
          + " FROM contact_methods WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
  Optional<Verification> lockVerification(TenantId tenantId, UUID id);

  @SqlUpdate(
      "UPDATE contact_methods SET verification_hash = :hash, verification_sent_at = :now,"
          + " verification_attempts = 0 WHERE tenant_id = :tenantId AND id = :id")
  void setVerificationCode(TenantId tenantId, UUID id, String hash, Instant now);

  @SqlUpdate(
      "UPDATE contact_methods SET verification_attempts = verification_attempts + 1"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void countVerificationAttempt(TenantId tenantId, UUID id);

  @SqlUpdate(
      "UPDATE contact_methods SET verified_at = :now, verification_hash = NULL"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void markVerified(TenantId tenantId, UUID id, Instant now);

  @SqlUpdate("DELETE FROM contact_methods WHERE tenant_id = :tenantId AND id = :id")
  void delete(TenantId tenantId, UUID id);

  /** STOP and START from a number: every SMS method of the tenant with that address. */
  @SqlUpdate(
      "UPDATE contact_methods SET disabled_at = :disabledAt WHERE tenant_id = :tenantId"
          + " AND channel = 'sms' AND address = :address")
  int setSmsDisabled(TenantId tenantId, String address, Instant disabledAt);

  /** A verified voice or SMS method of the same user and number verifies the other kind. */
  @SqlQuery(
      "SELECT count(*) > 0 FROM contact_methods WHERE tenant_id = :tenantId AND user_id = :userId"
          + " AND address = :address AND channel IN ('sms', 'voice') AND verified_at IS NOT NULL")
  boolean phoneVerified(TenantId tenantId, UUID userId, String address);

  // Rules

  @SqlUpdate(
      "INSERT INTO notification_rules (tenant_id, id, user_id, contact_method_id, urgency,"
          + " delay_minutes, created_at) VALUES (:tenantId, :id, :userId, :contactMethodId,"
          + " :urgency, :delayMinutes, :now)")
  void insertRule(
      TenantId tenantId,
      UUID id,
      UUID userId,
      UUID contactMethodId,
      Urgency urgency,
      int delayMinutes,
      Instant now);

  @SqlQuery(
      "SELECT id, user_id, contact_method_id, urgency, delay_minutes, created_at"
          + " FROM notification_rules WHERE tenant_id = :tenantId AND user_id = :userId"
          + " ORDER BY urgency, delay_minutes, created_at, id")
  List<NotificationRule> rules(TenantId tenantId, UUID userId);

  @SqlUpdate(
      "DELETE FROM notification_rules WHERE tenant_id = :tenantId AND user_id = :userId"
          + " AND id = :id")
  int deleteRule(TenantId tenantId, UUID userId, UUID id);

  /**
   * The user's rules for an urgency, soonest first; {@code usable} is false where the method is
   * unverified or its number replied STOP.
   */
  @SqlQuery(
      "SELECT r.id AS rule_id, c.id AS contact_method_id, c.channel, c.address, r.delay_minutes,"
          + " (c.verified_at IS NOT NULL AND c.disabled_at IS NULL) AS usable"
          + " FROM notification_rules r JOIN contact_methods c"
          + "   ON c.tenant_id = r.tenant_id AND c.id = r.contact_method_id"
          + " WHERE r.tenant_id = :tenantId AND r.user_id = :userId AND r.urgency = :urgency"
          + " ORDER BY r.delay_minutes, c.channel, r.id")
  List<PlannedRule> plannedRules(TenantId tenantId, UUID userId, Urgency urgency);

  /** Every usable method of the user, in fallback order: SMS, voice, then email. */
  @SqlQuery(
      "SELECT NULL::uuid AS rule_id, id AS contact_method_id, channel, address, 0 AS delay_minutes,"
          + " true AS usable"
          + " FROM contact_methods WHERE tenant_id = :tenantId AND user_id = :userId"
          + " AND verified_at IS NOT NULL AND disabled_at IS NULL"
          + " ORDER BY CASE channel WHEN 'sms' THEN 0 WHEN 'voice' THEN 1 ELSE 2 END,"
          + " created_at, id")
  List<PlannedRule> usableMethods(TenantId tenantId, UUID userId);
}
