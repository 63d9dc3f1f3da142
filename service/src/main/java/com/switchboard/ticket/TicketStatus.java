package com.switchboard.ticket;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a ticket stands. Pending waits on the customer and on hold on a third party: both pause the
 * SLA clocks. Solved tickets may reopen; closed ones are final.
 */
public enum TicketStatus {
  NEW,
  OPEN,
  PENDING,
  ON_HOLD,
  SOLVED,
  CLOSED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isDone() {
    return this == SOLVED || this == CLOSED;
  }

  @Override
  public String toString() {
    return wireName();
  }
}
