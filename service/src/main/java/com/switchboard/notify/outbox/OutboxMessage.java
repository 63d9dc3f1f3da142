package com.switchboard.notify.outbox;

import com.switchboard.notify.Channel;
import java.time.Instant;
import java.util.UUID;

/**
 * A message the outbox provider kept instead of sending, or a reply simulated against one.
 *
 * @param direction "outbound" (Switchboard to a person) or "inbound" (a simulated reply)
 */
public record OutboxMessage(
    UUID id,
    UUID notificationId,
    String direction,
    Channel channel,
    String address,
    String subject,
    String body,
    String html,
    Instant createdAt) {}
