package com.switchboard.notify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.switchboard.notify.sendgrid.SendGridSettings;
import com.switchboard.notify.twilio.TwilioSettings;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.ValidationMethod;
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

  /**
   * A message claimed this long ago (by the database's clock) and never finished is sent again.
   * Must be longer than the longest send ({@link #longestSend()}), or a slow send could be claimed
   * a second time while it is still under way. A claim of a node that the cluster sees dead is
   * taken over sooner, without waiting for this window.
   */
  @NotNull @JsonProperty public Duration staleClaim = Duration.minutes(2);

  /**
   * A message claimed this many times without an outcome (each time its node died, or its database
   * failed, between claim and record) is settled as failed with the reason, and the person's next
   * contact method is tried, instead of being retried forever.
   */
  @Min(1)
  @Max(100)
  @JsonProperty
  public int maxClaims = 5;

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

  /**
   * The longest one message can take from claim to record: every try waiting its provider's timeout
   * three times over (a pooled connection, connecting, the answer), plus the backoffs between
   * tries.
   */
  @JsonIgnore
  public java.time.Duration longestSend() {
    long timeout = Math.max(twilio.timeout.toMilliseconds(), sendgrid.timeout.toMilliseconds());
    long backoffs = 0;
    long backoff = firstBackoff.toMilliseconds();
    for (int attempt = 1; attempt < attempts; attempt++) {
      backoffs += backoff;
      backoff *= 4;
    }
    return java.time.Duration.ofMillis(attempts * 3 * timeout + backoffs);
  }

  @ValidationMethod(
      message =
          "staleClaim must be longer than the longest send (attempts × 3 × the longest provider"
              + " timeout, plus the backoffs between attempts), or a slow send can be claimed twice;"
              + " raise notify.staleClaim or lower notify.attempts, notify.firstBackoff or the"
              + " provider timeouts")
  @JsonIgnore
  public boolean isStaleClaimLongerThanTheLongestSend() {
    return twilio == null
        || sendgrid == null
        || staleClaim == null
        || firstBackoff == null
        || staleClaim.toJavaDuration().compareTo(longestSend()) > 0;
  }
}
