package com.switchboard.escalation;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires one escalation step when it falls due: {@link EscalationEngine#fireStep}. Its job data
 * (tenant, incident, escalation, round, step, dueAt) is written by {@link EscalationJobs}; it asks
 * Quartz to re-run it elsewhere if its node dies mid-way, which the engine makes harmless.
 */
public class EscalationStepJob implements Job {
  static final int MAX_REFIRES = 10;
  private static final Logger LOG = LoggerFactory.getLogger(EscalationStepJob.class);

  private final EscalationEngine engine;

  public EscalationStepJob(EscalationEngine engine) {
    this.engine = engine;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    JobDataMap data = context.getMergedJobDataMap();
    try {
      fire(data);
    } catch (RuntimeException e) {
      // The step must not be lost to a passing failure (the database restarting, say): Quartz
      // keeps the trigger and runs the job again after a growing pause, MAX_REFIRES times.
      int refire = context.getRefireCount();
      if (refire >= MAX_REFIRES) {
        LOG.error("escalation step {} failed {} times; giving up", data.getWrappedMap(), refire, e);
        throw new JobExecutionException(e, false);
      }
      LOG.warn("escalation step failed; trying again (attempt {})", refire + 2, e);
      try {
        Thread.sleep(Math.min(30_000L, 500L << refire));
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      throw new JobExecutionException(e, true);
    }
  }

  private void fire(JobDataMap data) {
    engine.fireStep(
        new TenantId(EscalationJobs.uuid(data, EscalationJobs.TENANT)),
        EscalationJobs.uuid(data, EscalationJobs.INCIDENT),
        EscalationJobs.uuid(data, EscalationJobs.ESCALATION),
        Integer.parseInt(data.getString(EscalationJobs.ROUND)),
        Integer.parseInt(data.getString(EscalationJobs.STEP)),
        Instant.parse(data.getString(EscalationJobs.DUE_AT)));
  }
}
