package com.switchboard.sla;

import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * The Quartz side of SLA clocks: at most one trigger per clock, for its next event (warning, then
 * breach). Called inside the transaction that recomputed the clock, so the trigger is replaced (or
 * not) with the clock row. Each trigger is named by the clock's generation: a recompute deletes the
 * previous generation's and schedules its own, and a timer that runs anyway finds its generation
 * stale and does nothing ({@link SlaAlarms}).
 */
public class SlaTimers {
  static final String TENANT = "tenant";
  static final String CLOCK = "clock";
  static final String GENERATION = "generation";

  private final JobScheduler jobs;

  public SlaTimers(JobScheduler jobs) {
    this.jobs = jobs;
  }

  static String group(UUID clockId) {
    return "sla:" + clockId;
  }

  static JobKey key(UUID clockId, long generation) {
    return new JobKey("g" + generation, group(clockId));
  }

  /**
   * Replaces the clock's trigger of {@code generation - 1} with one of {@code generation} firing at
   * {@code at}, or with none when {@code at} is null.
   */
  void replace(TenantId tenant, UUID clockId, long generation, Instant at) {
    try {
      Scheduler scheduler = jobs.quartz();
      if (generation > 0) {
        scheduler.deleteJob(key(clockId, generation - 1));
      }
      if (at == null) {
        return;
      }
      JobDetail job =
          JobBuilder.newJob(SlaTimerJob.class)
              .withIdentity(key(clockId, generation))
              .usingJobData(TENANT, tenant.value().toString())
              .usingJobData(CLOCK, clockId.toString())
              .usingJobData(GENERATION, Long.toString(generation))
              .requestRecovery(true)
              .build();
      Trigger trigger =
          TriggerBuilder.newTrigger()
              .withIdentity(job.getKey().getName(), job.getKey().getGroup())
              .startAt(Date.from(at))
              // Due while every node was down: fires once, as soon as a node is back.
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
              .build();
      scheduler.scheduleJob(job, trigger);
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not schedule the SLA timer of clock " + clockId, e);
    }
  }

  /** Removes the clock's trigger of {@code generation}, e.g. before the clock is deleted. */
  void cancel(UUID clockId, long generation) {
    try {
      jobs.quartz().deleteJob(key(clockId, generation));
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not cancel the SLA timer of clock " + clockId, e);
    }
  }
}
