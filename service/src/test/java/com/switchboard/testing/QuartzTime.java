package com.switchboard.testing;

import static org.awaitility.Awaitility.await;

import com.switchboard.platform.jobs.JobScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Drives Quartz time for tests: Quartz fires on the wall clock, so a test that moved {@link
 * TestClock} ahead asks for the escalation triggers due by then to fire now, through the real JDBC
 * job store, and waits until they have run.
 */
public final class QuartzTime {
  private QuartzTime() {}

  /** Fires every paging trigger due at or before {@code upTo}; returns how many fired. */
  public static int fireDue(JobScheduler jobs, Instant upTo) {
    Scheduler scheduler = jobs.quartz();
    try {
      List<TriggerKey> due = new ArrayList<>();
      jobs.inTransaction(quartz -> reschedule(quartz, upTo, due));
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> noneExists(scheduler, due));
      return due.size();
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Makes the paging triggers due by {@code upTo} fire now; adds their keys to {@code due}. */
  private static void reschedule(Scheduler scheduler, Instant upTo, List<TriggerKey> due)
      throws SchedulerException {
    {
      // Escalation steps and delayed rules (incident:…) and held-back SMS (sms); not the
      // recurring system jobs.
      java.util.Set<TriggerKey> keys =
          new java.util.HashSet<>(
              scheduler.getTriggerKeys(GroupMatcher.triggerGroupStartsWith("incident:")));
      keys.addAll(scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals("sms")));
      // SLA timers: one group per clock.
      keys.addAll(scheduler.getTriggerKeys(GroupMatcher.triggerGroupStartsWith("sla:")));
      for (TriggerKey key : keys) {
        Trigger trigger = scheduler.getTrigger(key);
        if (trigger != null
            && trigger.getNextFireTime() != null
            && !trigger.getNextFireTime().toInstant().isAfter(upTo)) {
          scheduler.rescheduleJob(
              key,
              TriggerBuilder.newTrigger()
                  .withIdentity(key)
                  .forJob(trigger.getJobKey())
                  .startNow()
                  .withSchedule(
                      SimpleScheduleBuilder.simpleSchedule()
                          .withMisfireHandlingInstructionFireNow())
                  .build());
          due.add(key);
        }
      }
    }
  }

  /**
   * Runs a recurring system job (group {@link JobScheduler#SYSTEM_GROUP}) now, through the
   * clustered store, and waits until it has run.
   */
  public static void runNow(JobScheduler jobs, String jobName) {
    org.quartz.JobKey key = new org.quartz.JobKey(jobName, JobScheduler.SYSTEM_GROUP);
    try {
      int recurring = jobs.quartz().getTriggersOfJob(key).size();
      jobs.quartz().triggerJob(key);
      // A one-off trigger is deleted once its job has run.
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> jobs.quartz().getTriggersOfJob(key).size() == recurring);
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The incident's pending triggers, as Quartz's tables hold them. */
  public static List<String> pendingJobs(JobScheduler jobs, String incidentId) {
    try {
      return jobs
          .quartz()
          .getJobKeys(
              org.quartz.impl.matchers.GroupMatcher.jobGroupEquals("incident:" + incidentId))
          .stream()
          .map(k -> k.getName())
          .sorted()
          .toList();
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean noneExists(Scheduler scheduler, List<TriggerKey> keys)
      throws SchedulerException {
    for (TriggerKey key : keys) {
      if (scheduler.checkExists(key)) {
        return false;
      }
    }
    return true;
  }
}
