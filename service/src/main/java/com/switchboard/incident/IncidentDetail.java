package com.switchboard.incident;

import com.switchboard.escalation.Escalation;
import com.switchboard.notify.Notification;
import com.switchboard.timeline.Timeline;
import com.switchboard.timeline.TimelineEvent;
import java.util.List;

/**
 * An incident with who is paging for it, every message sent, and its timeline. {@code failedPages}
 * counts the pages that failed on every contact method of their person (each is a {@code
 * page_failed} event on the timeline).
 */
public record IncidentDetail(
    Incident incident,
    List<Escalation> escalations,
    List<Notification> notifications,
    List<TimelineEvent> timeline,
    int failedPages) {

  /** The timeline event of a page that failed on every contact method of its person. */
  public static final String PAGE_FAILED = Timeline.PAGE_FAILED;

  public IncidentDetail(
      Incident incident,
      List<Escalation> escalations,
      List<Notification> notifications,
      List<TimelineEvent> timeline) {
    this(
        incident,
        escalations,
        notifications,
        timeline,
        (int) timeline.stream().filter(e -> PAGE_FAILED.equals(e.kind())).count());
  }
}
