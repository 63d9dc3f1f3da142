package com.switchboard.escalation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Who gets paged, in which order, and how often the order is repeated.
 *
 * @param repeatCount how many more times the steps run after the last one; 0 runs them once
 * @param unreachable users the policy can page who have no verified contact method: they would be
 *     skipped when their step fires
 */
public record EscalationPolicy(
    UUID id,
    String name,
    String description,
    int repeatCount,
    List<Step> steps,
    List<UnreachableUser> unreachable,
    Instant createdAt,
    Instant updatedAt) {

  /** One step: page every target, then wait {@code delayMinutes} before the next step. */
  public record Step(int delayMinutes, List<Target> targets) {}

  /**
   * A user, a schedule (whoever is on call when the step fires) or a team (all members, or one in
   * turn). {@code name} is null when the target no longer exists.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Target(TargetType type, UUID id, TeamMode teamMode, String name) {}

  public record UnreachableUser(UUID id, String name, String reason) {}

  public enum TargetType {
    USER,
    SCHEDULE,
    TEAM;

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

  public enum TeamMode {
    ALL,
    ROUND_ROBIN;

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
