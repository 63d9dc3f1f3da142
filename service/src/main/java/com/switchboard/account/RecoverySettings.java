package com.switchboard.account;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.switchboard.platform.limits.RateLimiter.Limit;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Account recovery ("forgot password", "forgot sign-in name"): how long a reset link lives and how
 * many recovery emails may go out. Emails cost money and can be aimed at strangers' inboxes, so
 * they are counted in PostgreSQL across nodes (docs/account.md). Over a per-address or
 * per-organization limit the request still answers 202 and nothing is sent, so the answer says
 * nothing about the address; a client over its own limit gets 429, whatever address it asks about.
 */
public class RecoverySettings {
  static final java.time.Duration HOUR = java.time.Duration.ofHours(1);

  /** How long a password reset link works. */
  @NotNull @JsonProperty public Duration resetLinkLifetime = Duration.minutes(30);

  /** Recovery emails to one address per hour: reset links per account, reminders per address. */
  @Min(1)
  @JsonProperty
  public int emailsPerAddressPerHour = 3;

  /** Reset links per organization per hour, whichever addresses they go to. */
  @Min(1)
  @JsonProperty
  public int emailsPerOrganizationPerHour = 50;

  /** Recovery requests (both kinds, sent or not) per client address per hour; then 429. */
  @Min(1)
  @JsonProperty
  public int requestsPerClientPerHour = 20;

  Limit client(String clientAddress) {
    return new Limit(
        "recovery-client",
        clientAddress,
        requestsPerClientPerHour,
        HOUR,
        "too many account recovery requests from this address; try again later");
  }

  /** The silent limits of one reset link: its account and its organization. */
  List<Limit> resetEmail(String tenantSlug, String email) {
    return List.of(
        new Limit(
            "recovery-reset-account",
            tenantSlug + "/" + email,
            emailsPerAddressPerHour,
            HOUR,
            "too many reset links for this account"),
        new Limit(
            "recovery-reset-organization",
            tenantSlug,
            emailsPerOrganizationPerHour,
            HOUR,
            "too many reset links for this organization"));
  }

  List<Limit> reminderEmail(String email) {
    return List.of(
        new Limit(
            "recovery-reminder-address",
            email,
            emailsPerAddressPerHour,
            HOUR,
            "too many sign-in name reminders for this address"));
  }
}
