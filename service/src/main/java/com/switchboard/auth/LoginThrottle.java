package com.switchboard.auth;

import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.limits.RateLimiter;
import com.switchboard.platform.limits.RateLimiter.Limit;
import com.switchboard.platform.limits.RateLimiter.Reservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Limits failed logins, counted in PostgreSQL so that every node enforces the same budget. Built so
 * that a stranger cannot lock the owner out (OWASP's "device cookies"):
 *
 * <ul>
 *   <li>a browser holding a valid device cookie for the account (issued on its last successful
 *       login there) is limited only by its own failures, {@code perClient} per window;
 *   <li>any other client is limited per account and address ({@code perClient}), per address across
 *       accounts ({@code perAddress}) and per account ({@code perAccount}, larger than {@code
 *       perClient}, so one address alone cannot spend it).
 * </ul>
 *
 * An attempt is counted before its password is checked, so concurrent guesses cannot slip past a
 * limit; a right password takes its own count back and clears its client's failures.
 */
public class LoginThrottle {
  /** One attempt's counts, and the per-client limit that a success clears. */
  public record Attempt(Reservation reservation, Limit client) {}

  private final TenantDatabase db;
  private final RateLimiter limiter;
  private final int perClient;
  private final int perAccount;
  private final int perAddress;
  private final Duration window;

  public LoginThrottle(
      TenantDatabase db,
      RateLimiter limiter,
      int perClient,
      int perAccount,
      int perAddress,
      Duration window) {
    this.db = db;
    this.limiter = limiter;
    this.perClient = perClient;
    this.perAccount = perAccount;
    this.perAddress = perAddress;
    this.window = window;
  }

  /**
   * Counts a login attempt for {@code accountKey} from {@code address} (null if unknown), by a
   * browser whose device cookie for this account is {@code deviceId} (null if it has none), or
   * throws 429 with Retry-After and counts nothing.
   */
  public Attempt begin(String accountKey, String address, String deviceId) {
    List<Limit> limits = new ArrayList<>();
    Limit client;
    if (deviceId != null) {
      client =
          limit(
              "login-device",
              accountKey + "|" + deviceId,
              perClient,
              "too many failed logins for this account from this browser");
      limits.add(client);
    } else {
      client =
          address == null
              ? null
              : limit(
                  "login-client",
                  accountKey + "|" + address,
                  perClient,
                  "too many failed logins for this account from this address");
      if (client != null) {
        limits.add(client);
        limits.add(
            limit(
                "login-address", address, perAddress, "too many failed logins from this address"));
      }
      limits.add(
          limit(
              "login-account",
              accountKey,
              perAccount,
              "too many failed logins for this account; a browser that signed in to it before"
                  + " may still sign in"));
    }
    return new Attempt(db.unscoped().inTransaction(h -> limiter.acquire(h, limits)), client);
  }

  /** The password was right: on the caller's transaction, forgets the attempt and its client. */
  public void succeeded(Handle handle, Attempt attempt) {
    limiter.release(handle, attempt.reservation());
    if (attempt.client() != null) {
      limiter.clear(handle, attempt.client());
    }
  }

  private Limit limit(String kind, String key, int max, String message) {
    return new Limit(kind, key, max, window, message + "; try again later");
  }
}
