package com.switchboard.ticket;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Acts on an incident once its linked tickets meet a condition: at least {@code minTickets}
 * tickets, and/or a customer of {@code tier} among them (both, when both are set).
 *
 * @param policyId the policy {@code add_responders} pages; null for {@code raise_urgency}
 */
public record ImpactRule(
    UUID id,
    String name,
    Integer minTickets,
    String tier,
    Action action,
    UUID policyId,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt) {

  public enum Action {
    RAISE_URGENCY,
    ADD_RESPONDERS;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return wireName();
    }
  }

  /** Whether an incident with this impact meets the rule's condition. */
  public boolean matches(CustomerImpact impact) {
    boolean enoughTickets = minTickets == null || impact.ticketCount() >= minTickets;
    boolean tierPresent =
        tier == null || impact.byTier().stream().anyMatch(t -> t.tier().equals(tier));
    return enoughTickets && tierPresent;
  }

  /** What the rule saw, in words, for the incident's timeline. */
  public String reason(CustomerImpact impact) {
    StringBuilder reason = new StringBuilder("impact rule '").append(name).append("': ");
    if (minTickets != null) {
      reason.append(impact.ticketCount()).append(" linked tickets");
    }
    if (tier != null) {
      reason.append(minTickets != null ? ", " : "").append("a ").append(tier).append(" customer");
    }
    return reason.toString();
  }
}
