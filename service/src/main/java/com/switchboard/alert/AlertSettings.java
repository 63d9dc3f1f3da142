package com.switchboard.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The alert intake and processor (docs/integrations/alerts.md). */
public class AlertSettings {
  /**
   * Events waiting for the intake's writer, across all callers; beyond it {@code accept} refuses at
   * once (the integration answers 503 with Retry-After).
   */
  @Min(1)
  @Max(1_000_000)
  @JsonProperty
  public int queueCapacity = 20_000;

  /** Events the writer stores in one transaction (one commit). */
  @Min(1)
  @Max(10_000)
  @JsonProperty
  public int batchSize = 500;

  /**
   * How long a call waits for its commit before it gives up (503). Short, so that an overloaded
   * node sheds load with a quick 503 the sender retries, not with answers that take many seconds.
   */
  @NotNull
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  @MaxDuration(value = 60, unit = TimeUnit.SECONDS)
  @JsonProperty
  public Duration maxWait = Duration.seconds(2);

  /** Events the processor applies in one transaction. */
  @Min(1)
  @Max(10_000)
  @JsonProperty
  public int processorBatchSize = 500;

  /**
   * Processor threads on each node. Each takes the events of its own share of the tenants (by the
   * last byte of the tenant id): on one node a tenant's incidents are numbered by one thread, which
   * waits for no other on the tenant's incident counter.
   */
  @Min(1)
  @Max(64)
  @JsonProperty
  public int processorThreads = 4;

  /**
   * New incidents one processor transaction opens at most; the services left over wait for the
   * next. Their first pages go out after the commit, so this bounds how long the first of them
   * waits for the last.
   */
  @Min(1)
  @Max(10_000)
  @JsonProperty
  public int incidentsPerTransaction = 10;

  /**
   * How often the processor looks for events without being woken: those another node accepted, or
   * that a node left when it died.
   */
  @NotNull
  @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  public Duration pollInterval = Duration.seconds(1);

  /** New incidents a service's alerts may open per {@link #groupingWindow}; 0 = no cap. */
  @Min(0)
  @Max(10_000)
  @JsonProperty
  public int incidentsPerWindow = 5;

  /** The window of {@link #incidentsPerWindow}. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 1, unit = TimeUnit.DAYS)
  @JsonProperty
  public Duration groupingWindow = Duration.minutes(5);

  /**
   * An open alert whose last event is older than this is resolved (with its incident once all the
   * incident's alerts are); 0 (the default) turns auto-resolve off.
   */
  @NotNull
  @MaxDuration(value = 30, unit = TimeUnit.DAYS)
  @JsonProperty
  public Duration autoResolveAfter = Duration.hours(0);

  /**
   * Processed alert events older than this are deleted (the alerts and incidents they made stay); 0
   * keeps them forever. An event is never deleted before it is processed.
   */
  @NotNull
  @MaxDuration(value = 3650, unit = TimeUnit.DAYS)
  @JsonProperty
  public Duration eventRetention = Duration.days(7);

  /** How often the clustered retention job runs. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  public Duration eventRetentionInterval = Duration.hours(1);

  /** How often the clustered auto-resolve job runs (when auto-resolve is on). */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  public Duration autoResolveInterval = Duration.minutes(5);
}
