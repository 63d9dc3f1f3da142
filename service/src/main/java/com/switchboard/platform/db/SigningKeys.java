package com.switchboard.platform.db;

import java.security.SecureRandom;
import java.time.Instant;
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
}
