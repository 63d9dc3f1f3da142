package com.switchboard.sla;

import com.switchboard.tenant.TenantId;
import java.util.UUID;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires an SLA clock's next event: {@link SlaAlarms#fire}. Its job data (tenant, clock, generation)
 * is written by {@link SlaTimers}; it asks Quartz to re-run it elsewhere if its node dies mid-way,
 * which {@link SlaAlarms} makes harmless. A passing failure (the database restarting) is retried
 * {@link #MAX_REFIRES} times.
 */
public class SlaTimerJob implements Job {
  static final int MAX_REFIRES = 10;
  private static final Logger LOG = LoggerFactory.getLogger(SlaTimerJob.class);

  private final SlaAlarms alarms;

  public SlaTimerJob(SlaAlarms alarms) {
    this.alarms = alarms;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    JobDataMap data = context.getMergedJobDataMap();
    try {
      alarms.fire(
          new TenantId(UUID.fromString(data.getString(SlaTimers.TENANT))),
          UUID.fromString(data.getString(SlaTimers.CLOCK)),
          Long.parseLong(data.getString(SlaTimers.GENERATION)));
    } catch (RuntimeException e) {
      int refire = context.getRefireCount();
      if (refire >= MAX_REFIRES) {
        LOG.error("SLA timer {} failed {} times; giving up", data.getWrappedMap(), refire + 1, e);
        throw new JobExecutionException(e, false);
      }
      LOG.warn("SLA timer failed; trying again (attempt {})", refire + 2, e);
      try {
        Thread.sleep(Math.min(30_000L, 500L << refire));
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      throw new JobExecutionException(e, true);
    }
  }
}
