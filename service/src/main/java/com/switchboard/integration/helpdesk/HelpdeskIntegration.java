package com.switchboard.integration.helpdesk;

import java.time.Instant;
import java.util.UUID;

/**
 * An inbound helpdesk integration as listed: where the helpdesk posts ({@code url}) and the last
 * four characters of its secret, never the secret.
 */
public record HelpdeskIntegration(
    UUID id,
    String name,
    String kind,
    String url,
    String secretHint,
    Instant createdAt,
    Instant updatedAt) {

  /** Generic is the shape documented in docs/support/webhooks.md; zendesk a Zendesk webhook's. */
  public static final String GENERIC = "generic";

  public static final String ZENDESK = "zendesk";

  /** The row as stored (the secret only as its hash); for this package only. */
  public record Row(
      UUID id,
      String name,
      String kind,
      byte[] secretHash,
      String secretHint,
      Instant createdAt,
      Instant updatedAt) {}
}
