package com.switchboard.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.switchboard.testing.TestApp;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LockFreeTimersTest {
  @Test
  void theServiceRegistersItsTimersInTheLockFreeRegistry() {
    MetricRegistry registry = TestApp.shared().getEnvironment().metrics();

    assertThat(registry).isInstanceOf(LockFreeTimers.class);
    assertThat(registry.getTimers().keySet())
        .as("the SQL timers of Dropwizard's Jdbi logger")
        .anySatisfy(name -> assertThat(name).contains("Dao"));
  }

  @Test
  void timersAndHistogramsKeepTheirStatisticsAndNames() {
    LockFreeTimers registry = new LockFreeTimers();
    Timer timer = registry.timer("sql");
    for (int ms = 1; ms <= 100; ms++) {
      timer.update(ms, TimeUnit.MILLISECONDS);
    }
    Histogram histogram = registry.histogram("sizes");
    histogram.update(7);

    assertThat(registry.timer("sql")).isSameAs(timer);
    assertThat(timer.getCount()).isEqualTo(100);
    assertThat(timer.getSnapshot().getMax()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(timer.getSnapshot().getMedian())
        .isBetween(
            (double) TimeUnit.MILLISECONDS.toNanos(49), (double) TimeUnit.MILLISECONDS.toNanos(52));
    assertThat(registry.histogram("sizes").getSnapshot().getValues()).containsExactly(7);
  }
}
