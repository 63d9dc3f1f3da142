package com.switchboard.integration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.switchboard.integration.inbound.InboundSettings;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Outbound webhooks and inbound helpdesk integrations (docs/support/webhooks.md). */
public class IntegrationSettings {
  /**
   * Lets webhook URLs point at loopback, private, link-local and other internal addresses, and at
   * plain http. Off by default: a tenant must not make Switchboard call into its own network.
   */
  @JsonProperty public boolean allowPrivateTargets = false;

  /** Attempts per delivery, the first included, before it is recorded as failed. */
  @Min(1)
  @Max(20)
  @JsonProperty
  public int maxAttempts = 6;

  /**
   * The wait after each failed attempt (the last one repeats), each stretched by up to a fifth at
   * random so that endpoints coming back are not hit by every retry at once.
   */
  @NotEmpty @JsonProperty
  public List<Duration> retryBackoff =
      List.of(
          Duration.seconds(30),
          Duration.minutes(2),
          Duration.minutes(10),
          Duration.hours(1),
          Duration.hours(6));

  @NotNull
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  public Duration connectTimeout = Duration.seconds(5);

  /** The whole request: connect, send, and the response headers and snippet. */
  @NotNull
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  public Duration requestTimeout = Duration.seconds(10);

  /**
   * How often the clustered sender job looks for due deliveries: retries, and first attempts that
   * the publishing node did not send right after commit (it died, or its queue was full).
   */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  public Duration senderInterval = Duration.seconds(10);

  /** Threads sending first attempts right after the publishing transaction commits. */
  @Min(1)
  @Max(64)
  @JsonProperty
  public int senderThreads = 4;

  /** The inbound alert endpoints (docs/integrations/inbound.md). */
  @Valid @NotNull @JsonProperty public InboundSettings inbound = new InboundSettings();

  @ValidationMethod(message = "requestTimeout must not be shorter than connectTimeout")
  @JsonIgnore
  public boolean isTimeoutOrdered() {
    return connectTimeout == null
        || requestTimeout == null
        || requestTimeout.toMilliseconds() >= connectTimeout.toMilliseconds();
  }

  public List<java.time.Duration> backoffs() {
    return retryBackoff.stream().map(Duration::toJavaDuration).toList();
  }
}
