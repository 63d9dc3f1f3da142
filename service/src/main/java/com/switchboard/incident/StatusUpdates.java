package com.switchboard.incident;

import com.switchboard.notify.Channel;
import com.switchboard.notify.Notices;
import com.switchboard.notify.NotificationDao;
import com.switchboard.notify.NotificationDao.SentPage;
import com.switchboard.platform.db.Daos;
import com.switchboard.tenant.TenantId;
import com.switchboard.timeline.Timeline;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Tells the people already paged for an incident that it was acknowledged or resolved, so nobody
 * keeps getting up for a handled page. Only people who opted in (their profile's status updates),
 * whose page was actually sent, and who did not make the change themselves. Each gets a {@link
 * Notices notice} written in the change's transaction and sent after its commit, on the contact
 * method their last page went to (a voice page's update goes by the notice's usual choice: email,
 * else SMS, as a call would wake them again); an SMS number that replied STOP gets nothing.
 */
public final class StatusUpdates implements IncidentObserver {
  private final Notices notices;

  public StatusUpdates(Notices notices) {
    this.notices = notices;
  }

  @Override
  public void changed(Handle h, TenantId tenant, Incident incident, IncidentChange change) {
    String text = text(change);
    if (text == null) {
      return;
    }
    List<SentPage> pages =
        Daos.on(h, NotificationDao.class).lastPagesToSubscribers(tenant, incident.id()).stream()
            .filter(p -> !p.userId().equals(change.actor().userId()))
            .toList();
    if (pages.isEmpty()) {
      return;
    }
    String subject = "#" + incident.number() + " " + incident.title();
    for (SentPage page : pages) {
      notices.send(
          h,
          tenant,
          page.userId(),
          page.channel() == Channel.VOICE ? null : page.contactMethodId(),
          subject,
          text);
    }
    Timeline.record(
        h,
        tenant,
        incident.id(),
        change.at(),
        "status_updates_sent",
        "Switchboard",
        null,
        "Status update sent to " + pages.size() + (pages.size() == 1 ? " person" : " people"),
        Map.of(
            "count",
            pages.size(),
            "userIds",
            pages.stream().map(p -> p.userId().toString()).toList()));
  }

  /** The update's text, or null when the change is not one the paged hear of. */
  private static String text(IncidentChange change) {
    if (change.kind() != IncidentChange.Kind.ACKNOWLEDGED
        && change.kind() != IncidentChange.Kind.RESOLVED) {
      return null;
    }
    String by =
        change.actor().name() + " via " + IncidentService.channelLabel(change.actor().channel());
    return change.kind() == IncidentChange.Kind.ACKNOWLEDGED
        ? "Acknowledged by " + by + " — no action needed."
        : "Resolved by " + by + ".";
  }
}
