package com.switchboard.timeline;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * One line of an incident's timeline. {@code kind} is a stable machine name (triggered,
 * alert_added, notified, notification_failed, delivered, escalated, exhausted, acknowledged,
 * resolved, reassigned, responders_added, note, urgency_changed, …); {@code message} says it in
 * words; {@code detail} carries the specifics as JSON (method, masked address, provider id, step,
 * round).
 */
public record TimelineEvent(
    long id,
    Instant at,
    String kind,
    String actor,
    String channel,
    String message,
    @JsonRawValue String detail) {}
