package com.switchboard.integration.outbound;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An endpoint as listed: never its secret, only the secret's last four characters. */
public record WebhookEndpoint(
    UUID id,
    String url,
    String description,
    List<String> events,
    boolean enabled,
    String secretHint,
    Instant createdAt,
    Instant updatedAt) {

  /** The row as stored, secret included; for the sender and this package only. */
  public record Row(
      UUID id,
      String url,
      String description,
      String[] events,
      boolean enabled,
      String secret,
      Instant createdAt,
      Instant updatedAt) {
    WebhookEndpoint view() {
      return new WebhookEndpoint(
          id,
          url,
          description,
          List.of(events),
          enabled,
          "…" + secret.substring(secret.length() - 4),
          createdAt,
          updatedAt);
    }
  }
}
