package com.switchboard.ticket;

import java.util.List;
import java.util.UUID;

/**
 * What an incident costs customers, from its linked tickets: how many tickets, how many distinct
 * customers, and both per tier (tickets without a customer count under tier null).
 */
public record CustomerImpact(
    UUID incidentId,
    int ticketCount,
    int customerCount,
    List<TierImpact> byTier,
    List<TicketViews.Item> tickets,
    List<FiredRule> rulesFired) {

  public record TierImpact(String tier, int tickets, int customers) {}

  public record FiredRule(UUID ruleId, String name, java.time.Instant firedAt) {}
}
