package com.switchboard.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** The id of a schedule override. */
public record OverrideId(UUID value) {
  public OverrideId {
    if (value == null) {
      throw new IllegalArgumentException("override id is required");
    }
  }

  public static OverrideId random() {
    return new OverrideId(UUID.randomUUID());
  }

  @JsonCreator
  public static OverrideId of(UUID value) {
    return new OverrideId(value);
  }

  @JsonValue
  @Override
  public String toString() {
    return value.toString();
  }
}
