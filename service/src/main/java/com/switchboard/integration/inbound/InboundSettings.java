package com.switchboard.integration.inbound;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Limits of the inbound event endpoints ({@code integrations.inbound} in the configuration). */
public class InboundSettings {
  /**
   * Events each integration key may send per minute (a token bucket holding a minute's worth, so a
   * burst of that many passes), counted in memory on each node: behind a load balancer of N nodes a
   * key may get up to N times this. PagerDuty documents about 120 per key.
   */
  @Min(1)
  @Max(1_000_000)
  @JsonProperty
  public int eventsPerMinutePerKey = 120;
}
