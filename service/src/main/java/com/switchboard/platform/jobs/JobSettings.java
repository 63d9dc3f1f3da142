package com.switchboard.platform.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The Quartz scheduler every node runs; nodes sharing a database form one cluster. */
public class JobSettings {
  /** Worker threads running escalation steps and deliveries on this node. */
  @Min(1)
  @Max(200)
  @JsonProperty
  public int threads = 8;

  /**
   * How often a node tells the cluster it is alive. A node silent for longer than this (plus
   * Quartz's grace of 7.5 s) is presumed dead and its in-flight jobs are re-run elsewhere.
   */
  @NotNull @JsonProperty public Duration clusterCheckinInterval = Duration.seconds(5);

  /**
   * How long an idle scheduler thread waits before looking again for triggers that other nodes
   * added. Bounds how late a step scheduled by another node can fire. Quartz refuses less than one
   * second.
   */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  public Duration idleWaitTime = Duration.milliseconds(1000);

  /**
   * How often the delivery sweeper looks for messages that were claimed by a dead node (or never
   * sent). A dead node's claims are taken over within clusterCheckinInterval + 7.5 s (Quartz's
   * grace) + this: under 20 s with the defaults.
   */
  @NotNull @JsonProperty public Duration sweepInterval = Duration.seconds(5);

  /** How often the escalation watchdog looks for steps overdue by more than a minute. */
  @NotNull @JsonProperty public Duration watchdogInterval = Duration.seconds(30);

  /** A message due this long ago and still not sent is handed to the sweeper. */
  @NotNull @JsonProperty public Duration sweepAfter = Duration.seconds(15);

  /** How often expired login sessions, and idempotency keys past 24 hours, are deleted. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  @JsonProperty
  public Duration sessionPurgeInterval = Duration.hours(1);

  /**
   * Connections in Quartz's own pool, separate from the request pool (the jobs themselves use the
   * request pool). Quartz's scheduler, cluster and misfire threads each hold one while they work,
   * and each worker thread briefly when it records a firing, hence Quartz's advice of at least
   * threads + 3.
   */
  @Min(3)
  @Max(200)
  @JsonProperty
  public int databaseConnections = 12;
}
