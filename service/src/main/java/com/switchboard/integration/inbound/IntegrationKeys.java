package com.switchboard.integration.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Integration keys: 32 random characters like a PagerDuty routing key (lowercase letters and
 * digits, about 165 bits), found again by their SHA-256 only.
 */
final class IntegrationKeys {
  static final int LENGTH = 32;
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private IntegrationKeys() {}

  static String newKey() {
    char[] key = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      key[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(key);
  }

  /** Whether {@code text} could be a key at all; anything else is refused without a lookup. */
  static boolean isWellFormed(String text) {
    if (text == null || text.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = text.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time comparison of a presented key with the stored one. */
  static boolean matches(String presented, String stored) {
    return MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8));
  }
}
