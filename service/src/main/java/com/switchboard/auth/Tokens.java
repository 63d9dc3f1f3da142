package com.switchboard.auth;

import com.switchboard.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Secret tokens for sessions, API keys, invitations, calendar feeds and password resets: {@code
 * <kind>_<tenant hex>_<secret>}. The tenant part lets every lookup run inside that tenant's scope;
 * only a SHA-256 of the whole token is stored, so a database leak does not leak usable credentials.
 */
public final class Tokens {
  public static final String SESSION = "sbs";
  public static final String API_KEY = "sbk";
  public static final String INVITATION = "sbi";
  public static final String CALENDAR = "sbc";
  public static final String PASSWORD_RESET = "sbr";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern TENANT_HEX = Pattern.compile("[0-9a-f]{32}");

  private Tokens() {}

  /** A parsed token: the tenant it claims and the hash to look it up by. */
  public record Parsed(TenantId tenantId, byte[] hash) {}

  public static String issue(String kind, TenantId tenant) {
    return kind + "_" + tenant.value().toString().replace("-", "") + "_" + randomSecret(32);
  }

  public static String randomSecret(int bytes) {
    byte[] secret = new byte[bytes];
    RANDOM.nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  public static Optional<Parsed> parse(String kind, String token) {
    if (token == null || token.length() > 200) {
      return Optional.empty();
    }
    String[] parts = token.split("_", 3);
    if (parts.length != 3 || !parts[0].equals(kind) || !TENANT_HEX.matcher(parts[1]).matches()) {
      return Optional.empty();
    }
    try {
      String hex = parts[1];
      UUID tenant =
          UUID.fromString(
              hex.substring(0, 8)
                  + "-"
                  + hex.substring(8, 12)
                  + "-"
                  + hex.substring(12, 16)
                  + "-"
                  + hex.substring(16, 20)
                  + "-"
                  + hex.substring(20));
      return Optional.of(new Parsed(new TenantId(tenant), sha256(token)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The last characters of a token, safe to show so people can tell keys apart. */
  public static String hint(String token) {
    return "…" + token.substring(token.length() - 4);
  }
}
