package com.switchboard.alert;

import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.jobs.JobScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Deletes processed alert events older than {@code alerts.eventRetention}, the oldest first, a
 * batch per transaction, across tenants (in the {@code alert-retention} scope, which sees and
 * deletes processed events only). The alerts and incidents they made stay. Off when the setting is
 * 0.
 */
public class AlertEventRetention {
  private static final int BATCH = 5_000;
  private static final int MAX_BATCHES = 200;

  /** The name of the recurring job in Quartz's system group. */
  public static final String JOB_NAME = "alert-events-retention";

  private final TenantDatabase db;
  private final Clock clock;
  private final Duration retention;

  public AlertEventRetention(TenantDatabase db, Clock clock, Duration retention) {
    this.db = db;
    this.clock = clock;
    this.retention = retention;
  }

  /**
   * Deletes batch after batch until one comes back short (at most {@code MAX_BATCHES} a run, so a
   * long backlog is worked off over several runs); returns how many events it deleted.
   */
  public int run() {
    if (retention.isZero()) {
      return 0;
    }
    Instant before = clock.instant().minus(retention);
    int deleted = 0;
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      int n = deleteBatch(before);
      deleted += n;
      if (n < BATCH) {
        break;
      }
    }
    return deleted;
  }

  /**
   * One batch: the oldest processed events by id (ids ascend with arrival, so this walks the
   * primary key from its start), deleted where they arrived before {@code before}.
   */
  private int deleteBatch(Instant before) {
    return db.unscoped()
        .inTransaction(
            h -> {
              h.createQuery("SELECT set_config('switchboard.scope', 'alert-retention', true)")
                  .mapTo(String.class)
                  .one();
              return h.createUpdate(
                      "DELETE FROM alert_events WHERE id IN"
                          + " (SELECT id FROM alert_events ORDER BY id LIMIT :batch)"
                          + " AND received_at < :before")
                  .bind("batch", BATCH)
                  .bind("before", before)
                  .execute();
            });
  }

  /** Registers the recurring run with the cluster (once; later nodes find it there). */
  public static void register(JobScheduler jobs, Duration interval) {
    jobs.registerRecurring(JOB_NAME, RetentionJob.class, interval);
  }

  /** The Quartz job: calls {@link #run()}. */
  @DisallowConcurrentExecution
  public static class RetentionJob implements Job {
    private final AlertEventRetention retention;

    public RetentionJob(AlertEventRetention retention) {
      this.retention = retention;
    }

    @Override
    public void execute(JobExecutionContext context) {
      retention.run();
    }
  }
}
