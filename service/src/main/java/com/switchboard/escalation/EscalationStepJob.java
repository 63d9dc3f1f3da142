package com.switchboard.escalation;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;

/**
 * Fires one escalation step when it falls due: {@link EscalationEngine#fireStep}. Its job data
 * (tenant, incident, escalation, round, step, dueAt) is written by {@link EscalationJobs}; it asks
 * Quartz to re-run it elsewhere if its node dies mid-way, which the engine makes harmless.
 */
public class EscalationStepJob implements Job {
  private final EscalationEngine engine;

  public EscalationStepJob(EscalationEngine engine) {
    this.engine = engine;
  }

  @Override
  public void execute(JobExecutionContext context) {
    JobDataMap data = context.getMergedJobDataMap();
    engine.fireStep(
        new TenantId(EscalationJobs.uuid(data, EscalationJobs.TENANT)),
        EscalationJobs.uuid(data, EscalationJobs.INCIDENT),
        EscalationJobs.uuid(data, EscalationJobs.ESCALATION),
        Integer.parseInt(data.getString(EscalationJobs.ROUND)),
        Integer.parseInt(data.getString(EscalationJobs.STEP)),
        Instant.parse(data.getString(EscalationJobs.DUE_AT)));
  }
}
