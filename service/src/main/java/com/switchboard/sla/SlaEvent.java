package com.switchboard.sla;

/** What happened to a ticket, as far as its SLA clocks care. */
public enum SlaEvent {
  CREATED,
  /** An agent's public reply: meets first response, or the running next response. */
  AGENT_PUBLIC_REPLY,
  /** The customer wrote: starts a next-response clock when the first response is met. */
  CUSTOMER_REPLY,
  /** Pending and on hold pause every clock; solved and closed stop them; others run them. */
  STATUS_CHANGED,
  /** Priority, customer (so tier) or assignee changed: the targets may differ. */
  DETAILS_CHANGED
}
