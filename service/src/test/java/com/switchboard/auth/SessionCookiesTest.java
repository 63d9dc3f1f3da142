package com.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.NewCookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionCookiesTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
  private final SessionService.IssuedSession session =
      new SessionService.IssuedSession(
          "sbs_token", "csrf", clock.instant().plus(Duration.ofDays(7)));

  @Test
  void underHttpsBothCookiesAreSecureAndOnlyTheSessionIsHttpOnly() {
    NewCookie[] cookies = new SessionCookies(true, clock).issue(session);

    assertThat(cookies).extracting(NewCookie::isSecure).containsOnly(true);
    assertThat(cookies[0].getName()).isEqualTo(SessionCookieAuthFilter.COOKIE);
    assertThat(cookies[0].isHttpOnly()).isTrue();
    assertThat(cookies[1].getName()).isEqualTo(SessionCookieAuthFilter.CSRF_COOKIE);
    assertThat(cookies[1].isHttpOnly()).isFalse();
    assertThat(cookies).extracting(NewCookie::getSameSite).containsOnly(NewCookie.SameSite.LAX);
    assertThat(cookies[0].getMaxAge()).isEqualTo((int) Duration.ofDays(7).toSeconds());
  }

  @Test
  void underPlainHttpCookiesAreNotMarkedSecureAndClearingExpiresThem() {
    SessionCookies cookies = new SessionCookies(false, clock);

    assertThat(cookies.issue(session)).extracting(NewCookie::isSecure).containsOnly(false);
    assertThat(cookies.clear()).extracting(NewCookie::getMaxAge).containsOnly(0);
    assertThat(cookies.clear()).extracting(NewCookie::getValue).containsOnly("");
  }
}
