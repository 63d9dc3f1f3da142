package com.switchboard.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.ticket.CustomerImpact.TierImpact;
import com.switchboard.ticket.ImpactRule.Action;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImpactRuleTest {
  private static ImpactRule rule(Integer minTickets, String tier) {
    Instant now = Instant.parse("2026-12-07T12:00:00Z");
    return new ImpactRule(
        UUID.randomUUID(), "rule", minTickets, tier, Action.RAISE_URGENCY, null, true, now, now);
  }

  private static CustomerImpact impact(int tickets, TierImpact... tiers) {
    return new CustomerImpact(
        UUID.randomUUID(), tickets, tiers.length, List.of(tiers), List.of(), List.of());
  }

  @Test
  void ticketsWithoutACustomerNeverMatchATierAndNeverBreakTheRule() {
    // Tickets with no customer count under tier null; a tier rule must read past them.
    CustomerImpact noCustomer = impact(2, new TierImpact(null, 2, 0));
    assertThat(rule(null, "premium").matches(noCustomer)).isFalse();
    assertThat(rule(2, null).matches(noCustomer)).isTrue();

    CustomerImpact mixed = impact(3, new TierImpact(null, 2, 0), new TierImpact("premium", 1, 1));
    assertThat(rule(null, "premium").matches(mixed)).isTrue();
    assertThat(rule(4, "premium").matches(mixed)).as("both conditions when both are set").isFalse();
  }
}
