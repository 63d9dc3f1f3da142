package com.switchboard.notify;

import com.switchboard.platform.db.SigningKeys;
import com.switchboard.tenant.TenantId;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed one-click links in notification emails: "acknowledge #42 as Alice". The token carries
 * tenant, incident, user, the contact method the email went to, action and expiry, and an
 * HMAC-SHA256 over them; nothing is stored.
 */
public class ActionLinks {
  public enum Action {
    ACKNOWLEDGE,
    RESOLVE
  }

  public record Claim(
      TenantId tenant, UUID incidentId, UUID userId, UUID contactMethodId, Action action) {}

  static final Duration LIFETIME = Duration.ofDays(7);
  private static final int PAYLOAD = 16 * 4 + 1 + 8;
  private static final int MAC_BYTES = 16;

  private final byte[] key;
  private final String publicUrl;

  public ActionLinks(byte[] key, String publicUrl) {
    this.key = key.clone();
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  public String link(
      TenantId tenant,
      UUID incidentId,
      UUID userId,
      UUID contactMethodId,
      Action action,
      Instant now) {
    return publicUrl
        + "/api/v1/email-actions/"
        + token(tenant, incidentId, userId, contactMethodId, action, now);
  }

  public String token(
      TenantId tenant,
      UUID incidentId,
      UUID userId,
      UUID contactMethodId,
      Action action,
      Instant now) {
    ByteBuffer payload = ByteBuffer.allocate(PAYLOAD);
    put(payload, tenant.value());
    put(payload, incidentId);
    put(payload, userId);
    put(payload, contactMethodId);
    payload.put((byte) action.ordinal());
    payload.putLong(now.plus(LIFETIME).getEpochSecond());
    byte[] body = payload.array();
    byte[] signed = new byte[PAYLOAD + MAC_BYTES];
    System.arraycopy(body, 0, signed, 0, PAYLOAD);
    System.arraycopy(mac(body), 0, signed, PAYLOAD, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
  }

  /** The claim of a genuine, unexpired token; empty otherwise. */
  public Optional<Claim> verify(String token, Instant now) {
    byte[] signed;
    try {
      signed = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (signed.length != PAYLOAD + MAC_BYTES) {
      return Optional.empty();
    }
    byte[] body = Arrays.copyOf(signed, PAYLOAD);
    byte[] given = Arrays.copyOfRange(signed, PAYLOAD, PAYLOAD + MAC_BYTES);
    if (!MessageDigest.isEqual(given, mac(body))) {
      return Optional.empty();
    }
    ByteBuffer payload = ByteBuffer.wrap(body);
    TenantId tenant = new TenantId(uuid(payload));
    UUID incident = uuid(payload);
    UUID user = uuid(payload);
    UUID contactMethod = uuid(payload);
    int action = payload.get();
    long expires = payload.getLong();
    if (action < 0 || action >= Action.values().length || now.getEpochSecond() > expires) {
      return Optional.empty();
    }
    return Optional.of(new Claim(tenant, incident, user, contactMethod, Action.values()[action]));
  }

  private byte[] mac(byte[] body) {
    return Arrays.copyOf(SigningKeys.hmacSha256(key, body), MAC_BYTES);
  }

  private static void put(ByteBuffer buffer, UUID id) {
    buffer.putLong(id.getMostSignificantBits());
    buffer.putLong(id.getLeastSignificantBits());
  }

  private static UUID uuid(ByteBuffer buffer) {
    return new UUID(buffer.getLong(), buffer.getLong());
  }
}
