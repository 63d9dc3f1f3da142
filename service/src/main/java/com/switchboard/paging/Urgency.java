package com.switchboard.paging;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** High urgency always pages; low urgency may wait for the service's support hours. */
public enum Urgency {
  HIGH,
  LOW;

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
