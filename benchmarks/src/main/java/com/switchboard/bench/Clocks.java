package com.switchboard.bench;

import java.time.Instant;

/**
 * One time base for everything the paging harness compares: wall-clock microseconds since the
 * epoch. The service stamps its rows with {@code Clock.systemUTC()} in the same JVM, so its
 * timestamps and the harness's are directly comparable.
 */
final class Clocks {
  private Clocks() {}

  static long nowMicros() {
    return micros(Instant.now());
  }

  static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }
}
