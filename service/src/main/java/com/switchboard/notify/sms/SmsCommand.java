package com.switchboard.notify.sms;

import java.util.Objects;

/**
 * What an engineer asked for in an SMS reply, as {@link SmsReplyParser} understood it.
 *
 * @param action what to do; {@link Action#UNKNOWN} when the reply was not understood
 * @param incidentNumber the tenant-scoped incident number the reply names (1 or more), or null when
 *     it names none; only acknowledge, resolve and escalate can carry one, and the caller decides
 *     which incident a reply without a number means
 */
public record SmsCommand(Action action, Long incidentNumber) {

  /** The replies Switchboard understands, plus Twilio's opt-out, opt-in and help keywords. */
  public enum Action {
    ACKNOWLEDGE,
    RESOLVE,
    ESCALATE,
    STOP,
    START,
    HELP,
    UNKNOWN;

    /** Whether this action is about an incident, so a reply may name one by number. */
    public boolean targetsIncident() {
      return this == ACKNOWLEDGE || this == RESOLVE || this == ESCALATE;
    }
  }

  public SmsCommand {
    Objects.requireNonNull(action, "action");
    if (incidentNumber != null) {
      if (!action.targetsIncident()) {
        throw new IllegalArgumentException(action + " does not take an incident number");
      }
      if (incidentNumber < 1) {
        throw new IllegalArgumentException("incident numbers start at 1: " + incidentNumber);
      }
    }
  }

  /** The command for a reply that was not understood. */
  public static SmsCommand unknown() {
    return new SmsCommand(Action.UNKNOWN, null);
  }
}
