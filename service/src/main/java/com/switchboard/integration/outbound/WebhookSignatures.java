package com.switchboard.integration.outbound;

import com.switchboard.platform.db.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The {@code Switchboard-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} of {@code
 * t + "." + body}, keyed with the endpoint's secret exactly as shown to the tenant (its UTF-8
 * bytes). A receiver recomputes it, compares in constant time and rejects an old {@code t}.
 */
public final class WebhookSignatures {
  public static final String HEADER = "Switchboard-Signature";
  static final String SECRET_PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignatures() {}

  /** A new secret: 32 random bytes, base64url, with a prefix that says what it is. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String header(String secret, long unixSeconds, String body) {
    return "t=" + unixSeconds + ",v1=" + sign(secret, unixSeconds, body);
  }

  public static String sign(String secret, long unixSeconds, String body) {
    byte[] mac =
        SigningKeys.hmacSha256(
            secret.getBytes(StandardCharsets.UTF_8),
            (unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(mac);
  }
}
