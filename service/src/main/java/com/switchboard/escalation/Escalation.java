package com.switchboard.escalation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * One policy (or one directly assigned user) paging for an incident. {@code round} and {@code step}
 * say which step fired last; {@code nextAt} when the next one fires, if any.
 */
public record Escalation(
    UUID id,
    UUID incidentId,
    UUID policyId,
    String policyName,
    UUID userId,
    Origin origin,
    State state,
    int round,
    int step,
    Instant nextAt,
    Instant startedAt,
    Instant endedAt) {

  public enum Origin {
    SERVICE,
    REASSIGNMENT,
    RESPONDER;

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

  /**
   * waiting: not paging yet (maintenance, support hours); active: paging; exhausted: every step and
   * repeat ran and nobody acknowledged; stopped: acknowledged, resolved or replaced.
   */
  public enum State {
    WAITING,
    ACTIVE,
    EXHAUSTED,
    STOPPED;

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
}
