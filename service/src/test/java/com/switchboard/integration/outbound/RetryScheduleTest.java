package com.switchboard.integration.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");
  private static final List<Duration> BACKOFFS =
      List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10));

  @Test
  void eachFailureWaitsItsBackoffAndTheLastOneRepeats() {
    RetrySchedule schedule = new RetrySchedule(5, BACKOFFS, () -> 0.0);

    assertThat(schedule.next(1, AT)).hasValue(AT.plusSeconds(30));
    assertThat(schedule.next(2, AT)).hasValue(AT.plus(Duration.ofMinutes(2)));
    assertThat(schedule.next(3, AT)).hasValue(AT.plus(Duration.ofMinutes(10)));
    assertThat(schedule.next(4, AT)).hasValue(AT.plus(Duration.ofMinutes(10)));
  }

  @Test
  void afterTheLastAttemptThereIsNoNext() {
    RetrySchedule schedule = new RetrySchedule(5, BACKOFFS, () -> 0.0);

    assertThat(schedule.next(5, AT)).isEmpty();
    assertThat(new RetrySchedule(1, BACKOFFS, () -> 0.0).next(1, AT)).isEmpty();
  }

  @Test
  void jitterStretchesAWaitByUpToAFifth() {
    assertThat(new RetrySchedule(5, BACKOFFS, () -> 0.5).next(1, AT)).hasValue(AT.plusSeconds(33));
    assertThat(new RetrySchedule(5, BACKOFFS, () -> 0.999).next(2, AT).orElseThrow())
        .isBefore(AT.plus(Duration.ofSeconds(144)))
        .isAfter(AT.plus(Duration.ofSeconds(143)));
  }
}
