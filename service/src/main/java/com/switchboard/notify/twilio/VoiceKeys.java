package com.switchboard.notify.twilio;

import com.switchboard.notify.Notification;
import com.switchboard.paging.PageSubject;
import com.switchboard.tenant.TenantId;

/**
 * Acts on a key pressed on a paging call: 4 acknowledge, 6 resolve, 5 escalate. Notify reads the
 * call and the menu; acting changes the incident, which sits above notify, so the layer that
 * responds to pages ({@code respond/VoiceKeypad}) implements this.
 */
public interface VoiceKeys {
  /** The keys that act; any other key is notify's (repeat the menu, or say it does nothing). */
  java.util.Set<String> ACTING = java.util.Set.of("4", "5", "6");

  /** Acts on one of {@link #ACTING} for the person the call paged; returns what to say. */
  String press(TenantId tenant, Notification call, PageSubject incident, String key);
}
