package com.switchboard.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TooManyRequestsExceptionTest {
  @Test
  void retryAfterRoundsUpSoThatAClientWaitingThatLongIsNotRefusedAgain() {
    assertThat(retryAfter(Duration.ofMillis(59_500))).isEqualTo("60");
    assertThat(retryAfter(Duration.ofSeconds(3600))).isEqualTo("3600");
    assertThat(retryAfter(Duration.ofSeconds(3599).plusNanos(1))).isEqualTo("3600");
  }

  @Test
  void retryAfterIsAtLeastOneSecond() {
    assertThat(retryAfter(Duration.ZERO)).isEqualTo("1");
    assertThat(retryAfter(Duration.ofMillis(1))).isEqualTo("1");
    assertThat(retryAfter(Duration.ofSeconds(-5))).isEqualTo("1");
  }

  private static String retryAfter(Duration wait) {
    return new TooManyRequestsException("slow down", wait).headers().get("Retry-After");
  }
}
