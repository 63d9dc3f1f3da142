package com.switchboard.metrics;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

/**
 * The service's metric registry: timers and histograms sample with the lock-free decaying
 * reservoir. Every SQL statement updates a timer (Dropwizard's instrumented Jdbi logger), and the
 * default reservoir's lock and skip list took about 5 % of the JVM's CPU samples under alert load.
 * Same statistics, same names; only the sampling structure differs.
 */
public final class LockFreeTimers extends MetricRegistry {
  @Override
  public Timer timer(String name) {
    return timer(name, () -> new Timer(LockFreeExponentiallyDecayingReservoir.builder().build()));
  }

  @Override
  public Histogram histogram(String name) {
    return histogram(
        name, () -> new Histogram(LockFreeExponentiallyDecayingReservoir.builder().build()));
  }
}
