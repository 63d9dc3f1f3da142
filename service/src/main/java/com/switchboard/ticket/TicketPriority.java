package com.switchboard.ticket;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum TicketPriority {
  URGENT,
  HIGH,
  NORMAL,
  LOW;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wireName();
  }
}
