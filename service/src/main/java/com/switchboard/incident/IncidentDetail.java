package com.switchboard.incident;

import com.switchboard.notify.Notification;
import java.util.List;

/** An incident with who is paging for it, every message sent, and its timeline. */
public record IncidentDetail(
    Incident incident,
    List<Escalation> escalations,
    List<Notification> notifications,
    List<TimelineEvent> timeline) {}
