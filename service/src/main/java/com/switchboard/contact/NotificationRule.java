package com.switchboard.contact;

import com.switchboard.paging.Urgency;
import java.time.Instant;
import java.util.UUID;

/** "For high-urgency incidents, SMS me at once": one method, one urgency, one delay. */
public record NotificationRule(
    UUID id,
    UUID userId,
    UUID contactMethodId,
    Urgency urgency,
    int delayMinutes,
    Instant createdAt) {}
