package com.switchboard.auth;

import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.jobs.JobScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes sessions past their expiry (they no longer authenticate, but would pile up forever).
 * Works tenant by tenant, each in its own scoped transaction, so row-level security applies as
 * everywhere else and no transaction grows with the number of tenants.
 */
public class ExpiredSessionPurge {
  public static final String JOB_NAME = "expired-session-purge";

  private static final Logger LOG = LoggerFactory.getLogger(ExpiredSessionPurge.class);

  private final TenantDatabase db;
  private final Clock clock;

  public ExpiredSessionPurge(TenantDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Returns how many sessions were deleted. */
  public int purge() {
    Instant now = clock.instant();
    int deleted =
        db.sumOverTenants((tenant, h) -> Daos.on(h, SessionDao.class).deleteExpired(tenant, now));
    if (deleted > 0) {
      LOG.info("Deleted {} expired sessions", deleted);
    }
    return deleted;
  }

  /** Registers the recurring purge with the cluster (once; later nodes find it there). */
  public static void register(JobScheduler jobs, Duration interval) {
    jobs.registerRecurring(JOB_NAME, PurgeJob.class, interval);
  }

  /** The Quartz job: calls {@link #purge()}. */
  @DisallowConcurrentExecution
  public static class PurgeJob implements Job {
    private final ExpiredSessionPurge purge;

    public PurgeJob(ExpiredSessionPurge purge) {
      this.purge = purge;
    }

    @Override
    public void execute(JobExecutionContext context) {
      purge.purge();
    }
  }
}
