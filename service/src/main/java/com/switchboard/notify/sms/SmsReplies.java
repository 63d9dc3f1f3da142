package com.switchboard.notify.sms;

import com.switchboard.tenant.TenantId;
import java.util.Optional;

/**
 * Acts on an SMS someone sent back to a page. Notify receives the SMS (Twilio's webhook, a tenant's
 * outbox) but acting on it changes incidents, which sit above notify: the layer that responds to
 * pages ({@code respond/SmsReplyHandler}) implements this. Each returns the text to answer with, if
 * any.
 */
public interface SmsReplies {
  /**
   * A real SMS from {@code from}: the phone's pages say which tenants and people it answers for.
   */
  Optional<String> handle(String from, String body);

  /** A reply simulated from a tenant's outbox: it acts only on that tenant's pages. */
  Optional<String> handleInTenant(TenantId tenant, String from, String body);
}
