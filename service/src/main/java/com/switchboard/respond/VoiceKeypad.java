package com.switchboard.respond;

import com.switchboard.incident.IncidentService;
import com.switchboard.incident.IncidentService.Change;
import com.switchboard.incident.IncidentService.Transition;
import com.switchboard.notify.Notification;
import com.switchboard.notify.twilio.VoiceKeys;
import com.switchboard.paging.PageSubject;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.respond.ChannelAuthorization.Decision;
import com.switchboard.tenant.TenantId;

/**
 * A key pressed on a paging call acts on its incident as the person and phone number the call went
 * to, after {@link ChannelAuthorization} allowed it — the same checks as the API.
 */
public class VoiceKeypad implements VoiceKeys {
  private final IncidentService incidents;
  private final TenantDatabase db;

  public VoiceKeypad(IncidentService incidents, TenantDatabase db) {
    this.incidents = incidents;
    this.db = db;
  }

  @Override
  public String press(TenantId tenant, Notification call, PageSubject incident, String key) {
    Decision decision =
        db.inTenant(
            tenant,
            h ->
                ChannelAuthorization.check(
                    h, tenant, call.userId(), call.contactMethodId(), call.address(), "voice"));
    if (!decision.allowed()) {
      return "Nothing was done: " + decision.refusal() + ". Goodbye.";
    }
    Transition result;
    String done;
    switch (key) {
      case "4":
        result = incidents.acknowledge(tenant, incident.id(), decision.actor());
        done = "acknowledged";
        break;
      case "6":
        result = incidents.resolve(tenant, incident.id(), decision.actor());
        done = "resolved";
        break;
      case "5":
        result = incidents.escalateNow(tenant, incident.id(), decision.actor());
        done = "escalated";
        break;
      default:
        throw new IllegalArgumentException("not an acting key: " + key);
    }
    if (result.change() == Change.ALREADY_RESOLVED) {
      return "Incident " + incident.number() + " is already resolved. Goodbye.";
    }
    if (result.change() == Change.ALREADY_ACKNOWLEDGED && !"6".equals(key)) {
      return "Incident "
          + incident.number()
          + " was already acknowledged by "
          + result.incident().acknowledgedBy()
          + ". Goodbye.";
    }
    return "Incident " + incident.number() + " " + done + ". Goodbye.";
  }
}
