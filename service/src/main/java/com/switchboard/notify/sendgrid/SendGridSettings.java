package com.switchboard.notify.sendgrid;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.concurrent.TimeUnit;

/**
 * The {@code sendgrid} section of the configuration: the account that sends email. SendGrid stays
 * off while {@link #apiKey} or {@link #fromAddress} is blank.
 */
public class SendGridSettings {
  /** An API key with the Mail Send permission. Blank leaves SendGrid off. */
  @JsonProperty public String apiKey;

  /** The sender address; its domain must be authenticated in SendGrid. Blank leaves it off. */
  @Email @JsonProperty public String fromAddress;

  /** The sender name recipients see. */
  @NotBlank @JsonProperty public String fromName = "Switchboard";

  /**
   * {@code host:port} of a stub spoken to over plain HTTP instead of {@code
   * https://api.sendgrid.com}, e.g. {@code 127.0.0.1:8089}. Blank or null means the real API.
   */
  @Pattern(regexp = "|[^/:\\s]+(:[0-9]{1,5})?", message = "must be host or host:port")
  @JsonProperty
  public String host;

  /** Connect timeout, and the longest wait for each read of the answer. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  public Duration timeout = Duration.seconds(10);

  /** True when the API key and sender address are set. */
  @JsonIgnore
  public boolean isConfigured() {
    return notBlank(apiKey) && notBlank(fromAddress);
  }

  /** The stub's {@code host:port}, or null when requests go to the real API. */
  @JsonIgnore
  public String hostOrNull() {
    return notBlank(host) ? host.trim() : null;
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }
}
