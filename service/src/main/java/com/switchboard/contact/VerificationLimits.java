package com.switchboard.contact;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.switchboard.notify.Channel;
import com.switchboard.platform.limits.RateLimiter.Limit;
import com.switchboard.tenant.Tenant;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How many verification messages (codes by SMS, voice call or email) may go out, against SMS
 * pumping on a tenant's bill and against using Switchboard to flood a stranger's phone. Counted in
 * PostgreSQL across nodes; a destination is counted across tenants.
 */
public class VerificationLimits {
  static final java.time.Duration HOUR = java.time.Duration.ofHours(1);
  static final java.time.Duration DAY = java.time.Duration.ofDays(1);

  /** Codes per user (whose contact method it is) per hour. */
  @Min(1)
  @JsonProperty
  public int perUserPerHour = 5;

  /** Codes to one phone number or email address per hour, whichever tenant asks. */
  @Min(1)
  @JsonProperty
  public int perDestinationPerHour = 3;

  /** Codes per tenant per 24 hours. */
  @Min(1)
  @JsonProperty
  public int perTenantPerDay = 100;

  /** Codes per 24 hours for a tenant younger than {@link #newTenantAge}. */
  @Min(1)
  @JsonProperty
  public int perNewTenantPerDay = 10;

  @NotNull @JsonProperty public Duration newTenantAge = Duration.days(1);

  /** Test messages ("send a test to myself") per verified contact method per hour. */
  @Min(1)
  @JsonProperty
  public int testMessagesPerMethodPerHour = 5;

  Limit testMessage(UUID methodId) {
    return new Limit(
        "test-message-method",
        methodId.toString(),
        testMessagesPerMethodPerHour,
        HOUR,
        "too many test messages to this contact method in the last hour; try again later");
  }

  /** The limits one code to {@code address} counts against. */
  List<Limit> limitsFor(Tenant tenant, UUID userId, Channel channel, String address, Instant now) {
    boolean young = tenant.createdAt().plus(newTenantAge.toJavaDuration()).isAfter(now);
    int daily = young ? perNewTenantPerDay : perTenantPerDay;
    // SMS and voice codes to one number reach the same phone, so they share its count.
    String destination = (channel.isPhone() ? "phone:" : "email:") + address;
    return List.of(
        new Limit(
            "verification-user",
            tenant.id().value() + "/" + userId,
            perUserPerHour,
            HOUR,
            "too many verification codes for this user in the last hour; try again later"),
        new Limit(
            "verification-destination",
            destination,
            perDestinationPerHour,
            HOUR,
            "too many verification codes to this address in the last hour; try again later"),
        new Limit(
            "verification-tenant",
            tenant.id().value().toString(),
            daily,
            DAY,
            young
                ? "a new organization may send "
                    + daily
                    + " verification codes in its first day; try again later"
                : "this organization sent its "
                    + daily
                    + " verification codes of the last 24 hours; try again later"));
  }
}
