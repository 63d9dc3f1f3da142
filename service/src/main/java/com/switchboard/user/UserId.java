package com.switchboard.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** The id of a user within a tenant. */
public record UserId(UUID value) {
  public UserId {
    if (value == null) {
      throw new IllegalArgumentException("user id is required");
    }
  }

  public static UserId random() {
    return new UserId(UUID.randomUUID());
  }

  @JsonCreator
  public static UserId of(UUID value) {
    return new UserId(value);
  }

  @JsonValue
  @Override
  public String toString() {
    return value.toString();
  }
}
