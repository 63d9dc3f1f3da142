package com.switchboard.auth;

import com.switchboard.platform.db.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * OWASP's device cookies: a browser that signed in to an account gets a signed token that names
 * neither the account nor the person, {@code <device id>.<expiry epoch seconds>.<HMAC>}, the HMAC
 * binding it to the account. Presented at a later login to that account, it exempts the browser
 * from the limits strangers can spend ({@link LoginThrottle}). The key is shared by the cluster.
 */
public class DeviceCookies {
  public static final String COOKIE = "sb_device";

  /** A token and when it stops counting. */
  public record Issued(String token, Instant expiresAt) {}

  private static final Pattern SHAPE =
      Pattern.compile("[A-Za-z0-9_-]{22}\\.[0-9]{1,12}\\.[A-Za-z0-9_-]{43}");

  private final byte[] key;
  private final Clock clock;
  private final Duration lifetime;

  public DeviceCookies(byte[] key, Clock clock, Duration lifetime) {
    this.key = key.clone();
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** A new token for a browser that just signed in to {@code accountKey}. */
  public Issued issue(String accountKey) {
    String deviceId = Tokens.randomSecret(16);
    Instant expires = clock.instant().plus(lifetime);
    long epoch = expires.getEpochSecond();
    return new Issued(deviceId + "." + epoch + "." + mac(accountKey, deviceId, epoch), expires);
  }

  /** The device id of a token issued for {@code accountKey} and not expired, else empty. */
  public Optional<String> deviceId(String token, String accountKey) {
    if (token == null || !SHAPE.matcher(token).matches()) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.");
    long epoch = Long.parseLong(parts[1]);
    if (!Instant.ofEpochSecond(epoch).isAfter(clock.instant())) {
      return Optional.empty();
    }
    boolean signed =
        MessageDigest.isEqual(
            parts[2].getBytes(StandardCharsets.US_ASCII),
            mac(accountKey, parts[0], epoch).getBytes(StandardCharsets.US_ASCII));
    return signed ? Optional.of(parts[0]) : Optional.empty();
  }

  private String mac(String accountKey, String deviceId, long epoch) {
    byte[] mac =
        SigningKeys.hmacSha256(
            key, (accountKey + "\n" + deviceId + "\n" + epoch).getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
  }
}
