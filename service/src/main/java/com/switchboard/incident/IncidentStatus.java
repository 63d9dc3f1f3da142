package com.switchboard.incident;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** triggered → acknowledged → resolved; a reassignment takes an acknowledged incident back. */
public enum IncidentStatus {
  TRIGGERED,
  ACKNOWLEDGED,
  RESOLVED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The wire name: what the database and the API store. */
  @Override
  public String toString() {

    return wireName();
  }
}
