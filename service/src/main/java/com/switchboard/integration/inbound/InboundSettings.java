package com.switchboard.integration.inbound;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

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

  /**
   * A request to an event endpoint that waited longer than this (from its arrival at the server to
   * its handling) is answered 503 with Retry-After, unread: the node is overloaded, and a sender
   * that retries does better than one whose request waits on until a timeout closes it.
   */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  @MaxDuration(value = 60, unit = TimeUnit.SECONDS)
  @JsonProperty
  public Duration maxRequestAge = Duration.seconds(1);

  /**
   * How long a node keeps an integration key's route (tenant, service, type and the severity
   * mapping) after reading it, so that a stream of events costs no database reads. A key rotated or
   * deleted, or a mapping changed, takes effect at once on the node that made the change and within
   * this time on the others. Zero: every event reads its route.
   */
  @NotNull
  @MaxDuration(value = 1, unit = TimeUnit.MINUTES)
  @JsonProperty
  public Duration routeCacheTtl = Duration.seconds(2);
}
