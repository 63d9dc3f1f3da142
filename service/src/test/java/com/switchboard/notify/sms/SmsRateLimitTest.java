package com.switchboard.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmsRateLimitTest {
  private final SmsRateLimit limit =
      new SmsRateLimit(Duration.ofMinutes(1), 3, Duration.ofMinutes(15));
  private final Instant now = Instant.parse("2026-11-26T12:00:00Z");

  @Test
  void aNumberNeverTextedMayBeTextedNow() {
    assertThat(limit.allowedAt(List.of(), now)).isEqualTo(now);
  }

  @Test
  void aNumberTextedTwentySecondsAgoWaitsUntilAMinuteHasPassed() {
    assertThat(limit.allowedAt(List.of(now.minusSeconds(20)), now)).isEqualTo(now.plusSeconds(40));
  }

  @Test
  void aFullBurstWaitsUntilItsOldestSendLeavesTheWindow() {
    List<Instant> burst =
        List.of(now.minusSeconds(600), now.minusSeconds(300), now.minusSeconds(120));
    assertThat(limit.allowedAt(burst, now)).isEqualTo(now.minusSeconds(600).plusSeconds(900));
  }

  @Test
  void sendsOlderThanTheWindowAreForgotten() {
    List<Instant> kept =
        limit.afterSend(List.of(now.minusSeconds(1000), now.minusSeconds(100)), now);
    assertThat(kept).containsExactly(now.minusSeconds(100), now);
  }
}
