package com.switchboard.auth;

import jakarta.ws.rs.core.NewCookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The session cookie (HttpOnly, SameSite=Lax, Secure under https) and its readable CSRF twin, which
 * the web UI echoes in {@code X-CSRF-Token}; and the device cookie ({@link DeviceCookies}), sent
 * back only to the login endpoint.
 */
public class SessionCookies {
  /** Where the device cookie is sent: the login endpoint only. */
  static final String LOGIN_PATH = "/api/v1/session";

  private final boolean secure;
  private final Clock clock;

  public SessionCookies(boolean secure, Clock clock) {
    this.secure = secure;
    this.clock = clock;
  }

  public NewCookie[] issue(SessionService.IssuedSession session) {
    int maxAge =
        (int) Math.max(0, Duration.between(clock.instant(), session.expiresAt()).toSeconds());
    return new NewCookie[] {
      cookie(SessionCookieAuthFilter.COOKIE, session.token(), maxAge, session.expiresAt(), true),
      cookie(
          SessionCookieAuthFilter.CSRF_COOKIE,
          session.csrfToken(),
          maxAge,
          session.expiresAt(),
          false)
    };
  }

  public NewCookie device(DeviceCookies.Issued device) {
    int maxAge =
        (int) Math.max(0, Duration.between(clock.instant(), device.expiresAt()).toSeconds());
    return cookie(
        DeviceCookies.COOKIE, LOGIN_PATH, device.token(), maxAge, device.expiresAt(), true);
  }

  public NewCookie[] clear() {
    Instant past = Instant.EPOCH;
    return new NewCookie[] {
      cookie(SessionCookieAuthFilter.COOKIE, "", 0, past, true),
      cookie(SessionCookieAuthFilter.CSRF_COOKIE, "", 0, past, false)
    };
  }

  private NewCookie cookie(
      String name, String value, int maxAge, Instant expires, boolean httpOnly) {
    return cookie(name, "/", value, maxAge, expires, httpOnly);
  }

  private NewCookie cookie(
      String name, String path, String value, int maxAge, Instant expires, boolean httpOnly) {
    return new NewCookie.Builder(name)
        .value(value)
        .path(path)
        .maxAge(maxAge)
        .expiry(Date.from(expires))
        .httpOnly(httpOnly)
        .secure(secure)
        .sameSite(NewCookie.SameSite.LAX)
        .build();
  }
}
