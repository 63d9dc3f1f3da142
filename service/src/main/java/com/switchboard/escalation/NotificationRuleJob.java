package com.switchboard.escalation;

import com.switchboard.notify.NotificationDispatcher;
import com.switchboard.tenant.TenantId;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;

/**
 * Sends a delayed notification ("email me after 2 minutes") when it falls due, unless the incident
 * was acknowledged first (acknowledging deletes this job with the incident's others). Should this
 * job fail or its trigger be lost, the {@link com.switchboard.notify.DeliverySweeper} sends the
 * message once it is overdue.
 */
public class NotificationRuleJob implements Job {
  private final NotificationDispatcher dispatcher;

  public NotificationRuleJob(NotificationDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void execute(JobExecutionContext context) {
    JobDataMap data = context.getMergedJobDataMap();
    dispatcher.deliver(
        new TenantId(EscalationJobs.uuid(data, EscalationJobs.TENANT)),
        EscalationJobs.uuid(data, EscalationJobs.NOTIFICATION));
  }
}
