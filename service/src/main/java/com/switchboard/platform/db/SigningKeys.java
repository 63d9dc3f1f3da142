package com.switchboard.platform.db;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;

/**
 * Secrets shared by every node of a cluster, created by whichever node starts first and kept in the
 * database, so a link signed by one node verifies on another.
 */
public final class SigningKeys {
  private SigningKeys() {}

  public static byte[] load(Jdbi jdbi, String name) {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    return jdbi.inTransaction(
        h -> {
          h.createUpdate(
                  "INSERT INTO signing_keys (name, secret, created_at) VALUES (:name, :secret, :now)"
                      + " ON CONFLICT (name) DO NOTHING")
              .bind("name", name)
              .bind("secret", fresh)
              .bind("now", Instant.now())
              .execute();
          return h.createQuery("SELECT secret FROM signing_keys WHERE name = :name")
              .bind("name", name)
              .mapTo(byte[].class)
              .one();
        });
  }

  /** HMAC-SHA256 of {@code data} under {@code key}. */
  public static byte[] hmacSha256(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
