package com.switchboard.integration.inbound;

import com.switchboard.alert.AlertIntake;
import com.switchboard.platform.errors.ApiException;
import java.util.List;
import java.util.Map;

/**
 * The alert intake cannot take events now: 503 with Retry-After in the one JSON error shape, for
 * the endpoints that do not answer PagerDuty's (heartbeat pings, inbound email); nothing was
 * recorded.
 */
final class IntakeUnavailableException extends ApiException {
  IntakeUnavailableException(AlertIntake.IntakeOverloadedException cause) {
    super(
        503,
        "unavailable",
        "Switchboard cannot take alerts now; nothing was recorded; retry later",
        List.of(),
        Map.of("Retry-After", Long.toString(Math.max(1, cause.retryAfterSeconds()))));
  }
}
