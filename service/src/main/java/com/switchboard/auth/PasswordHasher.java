package com.switchboard.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt with a configurable cost. Passwords longer than bcrypt's 72 bytes are pre-hashed with
 * SHA-512 instead of being silently truncated.
 */
public class PasswordHasher {
  private final int cost;
  private final BCrypt.Hasher hasher;
  private final BCrypt.Verifyer verifier;
  private final String decoyHash;

  public PasswordHasher(int cost) {
    this.cost = cost;
    this.hasher =
        BCrypt.with(
            BCrypt.Version.VERSION_2B,
            LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));
    this.verifier =
        BCrypt.verifyer(
            BCrypt.Version.VERSION_2B,
            LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));
    this.decoyHash = hash("switchboard-decoy-password");
  }

  public String hash(String password) {
    return new String(
        hasher.hash(cost, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  public boolean matches(String password, String hash) {
    return verifier.verify(
            password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
        .verified;
  }

  /** Spends the same time as a real check, so unknown accounts cannot be told apart by timing. */
  public void burnTimeOfOneCheck(String password) {
    matches(password, decoyHash);
  }
}
