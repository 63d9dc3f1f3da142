package com.switchboard.auth;

import jakarta.ws.rs.core.NewCookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The session cookie (HttpOnly, SameSite=Lax, Secure under https) and its readable CSRF twin, which
 * the web UI echoes in {@code X-CSRF-Token}.
 */
public class SessionCookies {
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

  public NewCookie[] clear() {
    Instant past = Instant.EPOCH;
    return new NewCookie[] {
      cookie(SessionCookieAuthFilter.COOKIE, "", 0, past, true),
      cookie(SessionCookieAuthFilter.CSRF_COOKIE, "", 0, past, false)
    };
  }

  private NewCookie cookie(
      String name, String value, int maxAge, Instant expires, boolean httpOnly) {
    return new NewCookie.Builder(name)
        .value(value)
        .path("/")
        .maxAge(maxAge)
        .expiry(Date.from(expires))
        .httpOnly(httpOnly)
        .secure(secure)
        .sameSite(NewCookie.SameSite.LAX)
        .build();
  }
}
