package com.switchboard.contact;

import com.switchboard.notify.Channel;
import java.time.Instant;
import java.util.UUID;

/**
 * Where a user can be reached. Only a verified method that is not disabled (its number replied
 * STOP) is ever paged.
 */
public record ContactMethod(
    UUID id,
    UUID userId,
    Channel channel,
    String address,
    String label,
    Instant verifiedAt,
    Instant disabledAt,
    Instant createdAt) {
  public boolean verified() {
    return verifiedAt != null;
  }

  public boolean usable() {
    return verifiedAt != null && disabledAt == null;
  }
}
