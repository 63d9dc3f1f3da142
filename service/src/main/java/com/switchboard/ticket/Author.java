package com.switchboard.ticket;

import com.switchboard.auth.Caller;
import com.switchboard.incident.Actor;

/**
 * Who changes a ticket: a signed-in person or API key ({@code caller} set, so the audit log names
 * them), or an integration or Switchboard itself ({@code caller} null).
 */
public record Author(Actor actor, Caller caller) {
  public static Author of(Caller caller) {
    return new Author(Actor.of(caller), caller);
  }

  /** An inbound helpdesk integration, Switchboard's SLA clocks, or an incident's fan-out. */
  public static Author system(String name, String channel) {
    return new Author(new Actor(name, null, channel), null);
  }

  public String name() {
    return actor.name();
  }
}
