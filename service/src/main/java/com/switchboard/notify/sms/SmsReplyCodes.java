package com.switchboard.notify.sms;

import com.switchboard.notify.sms.SmsReplyCodeDao.ReplyCode;
import com.switchboard.platform.db.Daos;
import com.switchboard.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Per-phone reply codes for SMS pages, as GoAlert has them: the 42 of "Reply 42A" names one page to
 * this phone, whichever tenant sent it. A page keeps the incident number as its code whenever no
 * other recent page to the phone holds that number, so a phone paged by one tenant sees its
 * incident numbers; a phone paged by two tenants' incident #1 gets 1 for the first page and the
 * smallest free number for the second.
 *
 * <p>A code lives for {@link #LIFETIME} after its last page (as long as an email action link):
 * replies to older pages are not understood, and the code may be handed out again.
 */
public final class SmsReplyCodes {
  public static final Duration LIFETIME = Duration.ofDays(7);

  private SmsReplyCodes() {}

  /**
   * The code of a page of this incident to this phone, taken now in the caller's transaction; a
   * second page of the same incident keeps its code and answers for its latest recipient.
   */
  public static long assign(
      Handle h,
      String phone,
      TenantId tenant,
      UUID incidentId,
      long incidentNumber,
      UUID userId,
      UUID contactMethodId,
      Instant now) {
    SmsReplyCodeDao codes = Daos.on(h, SmsReplyCodeDao.class);
    codes.lockPhone(phone);
    var existing = codes.forIncident(phone, tenant, incidentId);
    if (existing.isPresent()) {
      codes.repaged(phone, existing.get().code(), userId, contactMethodId, now);
      return existing.get().code();
    }
    codes.forgetOlder(phone, now.minus(LIFETIME));
    long code = freeCode(incidentNumber, new HashSet<>(codes.codesInUse(phone)));
    codes.insert(phone, code, tenant, incidentId, incidentNumber, userId, contactMethodId, now);
    return code;
  }

  /** The pages a reply from this phone may answer: those of the last {@link #LIFETIME}. */
  public static List<ReplyCode> live(Handle h, String phone, Instant now) {
    return Daos.on(h, SmsReplyCodeDao.class).since(phone, now.minus(LIFETIME));
  }

  static long freeCode(long preferred, Set<Long> inUse) {
    if (!inUse.contains(preferred)) {
      return preferred;
    }
    long code = 1;
    while (inUse.contains(code)) {
      code++;
    }
    return code;
  }
}
