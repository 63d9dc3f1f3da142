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
 * Quartz to re-run it elsewhere if its node dies mid-way, which the engine makes harmless. A step
 * that fails on every retry is recorded on its incident and left to the {@link EscalationWatchdog}.
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
        // Not lost: the escalation still says when this step is due, so the watchdog fires it
        // once it is overdue (EscalationWatchdog).
        LOG.error(
            "escalation step {} failed {} times; left to the watchdog",
            data.getWrappedMap(),
            refire + 1,
            e);
        try {
          engine.stepJobFailed(
              new TenantId(EscalationJobs.uuid(data, EscalationJobs.TENANT)),
              EscalationJobs.uuid(data, EscalationJobs.INCIDENT),
              Integer.parseInt(data.getString(EscalationJobs.ROUND)),
              Integer.parseInt(data.getString(EscalationJobs.STEP)),
              refire + 1,
              e);
        } catch (RuntimeException recording) {
          LOG.warn("could not record the failed step on its incident", recording);
        }
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
