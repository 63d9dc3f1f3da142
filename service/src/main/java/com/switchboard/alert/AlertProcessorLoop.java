package com.switchboard.alert;

import com.switchboard.tenant.TenantId;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this node's {@link AlertProcessor}s, one thread each (each its own partition of the
 * tenants): woken at once when this node's intake commits, and every poll interval for events other
 * nodes accepted or a dead node left. Each drains (batch after batch) until a batch finds nothing.
 */
public class AlertProcessorLoop implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(AlertProcessorLoop.class);

  private final List<Worker> workers = new ArrayList<>();
  private final Duration pollInterval;
  private volatile boolean running;

  public AlertProcessorLoop(List<AlertProcessor> processors, Duration pollInterval) {
    for (AlertProcessor processor : processors) {
      workers.add(new Worker(processor));
    }
    this.pollInterval = pollInterval;
  }

  /** Makes every thread look now. */
  public void wake() {
    for (Worker worker : workers) {
      worker.wake();
    }
  }

  /**
   * Makes the threads of these tenants' partitions look now (the intake calls it after each commit
   * with the tenants it stored events of): the others have nothing new to look for.
   */
  public void wake(Set<TenantId> tenants) {
    for (TenantId tenant : tenants) {
      workers.get(AlertProcessor.partitionOf(tenant, workers.size())).wake();
    }
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    for (int i = 0; i < workers.size(); i++) {
      Worker worker = workers.get(i);
      worker.thread = new Thread(worker::loop, "alert-processor-" + i);
      worker.thread.setDaemon(true);
      worker.thread.start();
    }
  }

  @Override
  public synchronized void stop() throws InterruptedException {
    running = false;
    wake();
    for (Worker worker : workers) {
      Thread current = worker.thread;
      if (current != null) {
        current.join(30_000);
        worker.thread = null;
      }
    }
  }

  private final class Worker {
    private final AlertProcessor processor;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread thread;

    Worker(AlertProcessor processor) {
      this.processor = processor;
    }

    void wake() {
      if (wakeUp.availablePermits() == 0) {
        wakeUp.release();
      }
    }

    void loop() {
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
}
