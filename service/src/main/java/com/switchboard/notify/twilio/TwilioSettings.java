package com.switchboard.notify.twilio;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.concurrent.TimeUnit;

/**
 * The {@code twilio} section of the configuration: the account that sends SMS and places calls.
 * Twilio stays off while any of {@link #accountSid}, {@link #authToken} or {@link #fromNumber} is
 * blank, so an unconfigured local run never reaches the real API.
 */
public class TwilioSettings {
  /** The account SID, {@code AC…}. Blank leaves Twilio off. */
  @JsonProperty public String accountSid;

  /** The account's auth token; also the key of the webhook signatures. Blank leaves Twilio off. */
  @JsonProperty public String authToken;

  /** The number messages and calls come from, in E.164 ({@code +15551234567}), or blank. */
  @Pattern(
      regexp = "|\\+[1-9][0-9]{1,14}",
      message = "must be an E.164 number such as +15551234567")
  @JsonProperty
  public String fromNumber;

  /**
   * Where API requests go instead of {@code https://api.twilio.com}, e.g. {@code
   * http://127.0.0.1:8089} for a local stub. A path is kept as a prefix of every API path. Blank or
   * null means the real API.
   */
  @Pattern(
      regexp = "|https?://[^/?#\\s]+(/[^?#\\s]*)?",
      message = "must be an http(s) URL without query or fragment")
  @JsonProperty
  public String apiBaseUrl;

  /** Connect and response timeout of one API request. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  public Duration timeout = Duration.seconds(10);

  /** True when the account SID, auth token and sending number are all set. */
  @JsonIgnore
  public boolean isConfigured() {
    return notBlank(accountSid) && notBlank(authToken) && notBlank(fromNumber);
  }

  /** The stub base URL without a trailing slash, or null when requests go to the real API. */
  @JsonIgnore
  public String apiBaseUrlOrNull() {
    if (!notBlank(apiBaseUrl)) {
      return null;
    }
    String trimmed = apiBaseUrl.trim();
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }
}
