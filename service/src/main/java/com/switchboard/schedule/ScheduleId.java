package com.switchboard.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** The id of a schedule. */
public record ScheduleId(UUID value) {
  public ScheduleId {
    if (value == null) {
      throw new IllegalArgumentException("schedule id is required");
    }
  }

  public static ScheduleId random() {
    return new ScheduleId(UUID.randomUUID());
  }

  @JsonCreator
  public static ScheduleId of(UUID value) {
    return new ScheduleId(value);
  }

  @JsonValue
  @Override
  public String toString() {
    return value.toString();
  }
}
