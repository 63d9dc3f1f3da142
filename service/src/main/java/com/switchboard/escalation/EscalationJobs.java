package com.switchboard.escalation;

import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * The Quartz side of escalation: one job and trigger per future step or delayed notification,
 * grouped by incident so that acknowledging or resolving removes them all. Called inside a tenant
 * transaction, so the rows are written (or not) with the decision that made them.
 */
public class EscalationJobs {
  static final String TENANT = "tenant";
  static final String INCIDENT = "incident";
  static final String ESCALATION = "escalation";
  static final String ROUND = "round";
  static final String STEP = "step";
  static final String DUE_AT = "dueAt";
  static final String NOTIFICATION = "notification";

  private final JobScheduler jobs;

  public EscalationJobs(JobScheduler jobs) {
    this.jobs = jobs;
  }

  public static String group(UUID incidentId) {
    return "incident:" + incidentId;
  }

  public static JobKey stepKey(UUID incidentId, UUID escalationId, int round, int step) {
    return new JobKey("step:" + escalationId + ":" + round + ":" + step, group(incidentId));
  }

  public static JobKey ruleKey(UUID incidentId, UUID notificationId) {
    return new JobKey("notify:" + notificationId, group(incidentId));
  }

  /** Schedules a step to fire at {@code dueAt}; a step already scheduled stays as it is. */
  void scheduleStep(
      TenantId tenant, UUID incidentId, UUID escalationId, int round, int step, Instant dueAt) {
    JobDetail job =
        JobBuilder.newJob(EscalationStepJob.class)
            .withIdentity(stepKey(incidentId, escalationId, round, step))
            .usingJobData(TENANT, tenant.value().toString())
            .usingJobData(INCIDENT, incidentId.toString())
            .usingJobData(ESCALATION, escalationId.toString())
            .usingJobData(ROUND, Integer.toString(round))
            .usingJobData(STEP, Integer.toString(step))
            .usingJobData(DUE_AT, dueAt.toString())
            .requestRecovery(true)
            .build();
    schedule(job, dueAt);
  }

  /**
   * Schedules the first step of an escalation that waits (maintenance, support hours) to fire at
   * {@code at}. Named by the instant, so a hold that is extended gets a fresh job.
   */
  void scheduleStart(TenantId tenant, UUID incidentId, UUID escalationId, Instant at) {
    JobDetail job =
        JobBuilder.newJob(EscalationStepJob.class)
            .withIdentity("start:" + escalationId + ":" + at.toEpochMilli(), group(incidentId))
            .usingJobData(TENANT, tenant.value().toString())
            .usingJobData(INCIDENT, incidentId.toString())
            .usingJobData(ESCALATION, escalationId.toString())
            .usingJobData(ROUND, "0")
            .usingJobData(STEP, "0")
            .usingJobData(DUE_AT, at.toString())
            .requestRecovery(true)
            .build();
    schedule(job, at);
  }

  /** Schedules a delayed notification rule to send at {@code dueAt}. */
  void scheduleNotification(TenantId tenant, UUID incidentId, UUID notificationId, Instant dueAt) {
    JobDetail job =
        JobBuilder.newJob(NotificationRuleJob.class)
            .withIdentity(ruleKey(incidentId, notificationId))
            .usingJobData(TENANT, tenant.value().toString())
            .usingJobData(INCIDENT, incidentId.toString())
            .usingJobData(NOTIFICATION, notificationId.toString())
            .usingJobData(DUE_AT, dueAt.toString())
            .requestRecovery(true)
            .build();
    schedule(job, dueAt);
  }

  /** Removes every pending step and delayed notification of an incident. */
  void cancelAll(UUID incidentId) {
    try {
      Scheduler scheduler = jobs.quartz();
      Set<JobKey> keys = scheduler.getJobKeys(GroupMatcher.jobGroupEquals(group(incidentId)));
      if (!keys.isEmpty()) {
        scheduler.deleteJobs(new ArrayList<>(keys));
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not cancel the incident's escalation jobs", e);
    }
  }

  /** Removes one pending step, e.g. when it is fired early by "escalate now". */
  void cancel(JobKey key) {
    try {
      jobs.quartz().deleteJob(key);
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not cancel job " + key, e);
    }
  }

  private void schedule(JobDetail job, Instant dueAt) {
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(job.getKey().getName(), job.getKey().getGroup())
            .startAt(Date.from(dueAt))
            // A step due while every node was down fires once, as soon as a node is back.
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
            .build();
    jobs.scheduleUnlessScheduled(job, trigger);
  }

  static UUID uuid(org.quartz.JobDataMap data, String key) {
    return UUID.fromString(data.getString(key));
  }
}
