package com.switchboard.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock every test instance of Switchboard runs on: real time plus an offset a test may move.
 * Time keeps flowing, so timeouts and sessions behave, but a test can jump to any instant.
 */
public final class TestClock extends Clock {
  private static final TestClock SHARED = new TestClock();

  private volatile Duration offset = Duration.ZERO;

  private TestClock() {}

  public static TestClock shared() {
    return SHARED;
  }

  /** Jumps to {@code instant}; time flows on from there. */
  public void setTo(Instant instant) {
    offset = Duration.between(Instant.now(), instant);
  }

  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  public void reset() {
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the test clock is UTC");
  }
}
