package com.switchboard.notify;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.switchboard.notify.sendgrid.SendGridSettings;
import com.switchboard.notify.twilio.TwilioSettings;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How pages leave Switchboard. Each channel goes through its real provider when that provider's
 * credentials are configured, otherwise to the outbox ({@code GET /api/v1/outbox}).
 */
public class NotifySettings {
  @Valid @NotNull @JsonProperty public TwilioSettings twilio = new TwilioSettings();

  @Valid @NotNull @JsonProperty public SendGridSettings sendgrid = new SendGridSettings();

  /** Tries per message and provider before falling back to the person's next contact method. */
  @Min(1)
  @Max(10)
  @JsonProperty
  public int attempts = 3;

  /** The wait before the second try; each later wait is four times longer. */
  @NotNull @JsonProperty public Duration firstBackoff = Duration.milliseconds(500);

  /** A message claimed this long ago by a node that never finished it is sent again. */
  @NotNull @JsonProperty public Duration staleClaim = Duration.minutes(2);

  /** At most one SMS to a number this often; pages held back go out bundled. */
  @NotNull @JsonProperty public Duration smsMinInterval = Duration.minutes(1);

  /** At most this many SMS to a number within {@link #smsBurstWindow}. */
  @Min(1)
  @Max(100)
  @JsonProperty
  public int smsBurst = 5;

  @NotNull @JsonProperty public Duration smsBurstWindow = Duration.minutes(15);

  /** Threads making provider calls on this node. */
  @Min(1)
  @Max(200)
  @JsonProperty
  public int dispatcherThreads = 8;

  /**
   * Connections of the dispatcher's own pool, separate from the request pool, for the claim and
   * record transactions around each provider call: requests queueing for a connection under load
   * must not hold back pages already decided. The sender threads use it, and Quartz's workers when
   * they send delayed rules and held-back SMS; at least {@link #dispatcherThreads} + 2.
   */
  @Min(2)
  @Max(200)
  @JsonProperty
  public int databaseConnections = 10;
}
