package com.switchboard.alert;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this node's {@link AlertProcessor} on a thread of its own: woken at once when this node's
 * intake commits, and every poll interval for events other nodes accepted or a dead node left. It
 * drains (batch after batch) until a batch finds nothing.
 */
public class AlertProcessorLoop implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(AlertProcessorLoop.class);

  private final AlertProcessor processor;
  private final Duration pollInterval;
  private final Semaphore wakeUp = new Semaphore(0);
  private volatile Thread thread;
  private volatile boolean running;

  public AlertProcessorLoop(AlertProcessor processor, Duration pollInterval) {
    this.processor = processor;
    this.pollInterval = pollInterval;
  }

  /** Makes the loop look now (the intake calls it after each commit). */
  public void wake() {
    if (wakeUp.availablePermits() == 0) {
      wakeUp.release();
    }
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::loop, "alert-processor");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void stop() throws InterruptedException {
    running = false;
    Thread current = thread;
    if (current != null) {
      wake();
      current.join(30_000);
      thread = null;
    }
  }

  private void loop() {
    while (running) {
      try {
        wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        wakeUp.drainPermits();
        while (running && processor.processBatch() > 0) {
          // drain
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The claims rolled back with the transaction; the next round takes them again.
        LOG.warn("the alert processor failed a batch", e);
      }
    }
  }
}
