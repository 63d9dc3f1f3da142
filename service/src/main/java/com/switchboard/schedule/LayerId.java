package com.switchboard.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** The id of one layer (one version of a rotation) of a schedule. */
public record LayerId(UUID value) {
  public LayerId {
    if (value == null) {
      throw new IllegalArgumentException("layer id is required");
    }
  }

  public static LayerId random() {
    return new LayerId(UUID.randomUUID());
  }

  @JsonCreator
  public static LayerId of(UUID value) {
    return new LayerId(value);
  }

  @JsonValue
  @Override
  public String toString() {
    return value.toString();
  }
}
