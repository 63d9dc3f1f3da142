package com.switchboard.user;

import com.switchboard.auth.Role;
import java.time.Instant;

/** A user as the API shows it. */
public record UserView(
    UserId id,
    String email,
    String name,
    Role role,
    String timeZone,
    boolean active,
    boolean statusUpdates,
    Instant createdAt) {

  public static UserView of(User user) {
    return new UserView(
        user.id(),
        user.email(),
        user.name(),
        user.role(),
        user.timeZone(),
        user.active(),
        user.statusUpdates(),
        user.createdAt());
  }
}
