package com.switchboard.notify.sms;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The reply codes of SMS pages, per phone and across tenants (see migration 026): which incident,
 * user and contact method a code such as the 42 of "42A" stands for on that phone.
 */
@RegisterConstructorMapper(SmsReplyCodeDao.ReplyCode.class)
public interface SmsReplyCodeDao {
  record ReplyCode(
      String phoneNumber,
      long code,
      TenantId tenantId,
      UUID incidentId,
      long incidentNumber,
      UUID userId,
      UUID contactMethodId,
      Instant pagedAt) {}

  String COLUMNS =
      "phone_number, code, tenant_id, incident_id, incident_number, user_id, contact_method_id,"
          + " paged_at";

  /** Makes concurrent pages to one phone take their codes one at a time (until commit). */
  @SqlQuery(
      "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended('sms-reply-code:' || :phone,"
          + " 0))) locked")
  int lockPhone(String phone);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM sms_reply_codes WHERE phone_number = :phone AND tenant_id = :tenantId"
          + " AND incident_id = :incidentId")
  Optional<ReplyCode> forIncident(String phone, TenantId tenantId, UUID incidentId);

  /** The phone's pages since {@code since}, newest first. */
  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM sms_reply_codes WHERE phone_number = :phone AND paged_at >= :since"
          + " ORDER BY paged_at DESC, code")
  List<ReplyCode> since(String phone, Instant since);

  @SqlQuery("SELECT code FROM sms_reply_codes WHERE phone_number = :phone")
  List<Long> codesInUse(String phone);

  @SqlUpdate("DELETE FROM sms_reply_codes WHERE phone_number = :phone AND paged_at < :before")
  void forgetOlder(String phone, Instant before);

  @SqlUpdate(
      "INSERT INTO sms_reply_codes ("
          + COLUMNS
          + ") VALUES (:phone, :code, :tenantId, :incidentId, :incidentNumber, :userId,"
          + " :contactMethodId, :now)")
  void insert(
      String phone,
      long code,
      TenantId tenantId,
      UUID incidentId,
      long incidentNumber,
      UUID userId,
      UUID contactMethodId,
      Instant now);

  /** The incident was paged to the phone again: its code stays, the latest recipient answers. */
  @SqlUpdate(
      "UPDATE sms_reply_codes SET user_id = :userId, contact_method_id = :contactMethodId,"
          + " paged_at = :now WHERE phone_number = :phone AND code = :code")
  void repaged(String phone, long code, UUID userId, UUID contactMethodId, Instant now);

  /** A deactivated user's phones answer for them no more. */
  @SqlUpdate("DELETE FROM sms_reply_codes WHERE tenant_id = :tenantId AND user_id = :userId")
  int forgetUser(TenantId tenantId, UUID userId);
}
