package com.switchboard.notify;

import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;

/**
 * Sends the SMS pages a number's rate limit held back, bundled into one message, once the number
 * may be texted again: {@link NotificationDispatcher#flushSms}.
 */
public class SmsFlushJob implements Job {
  private static final String TENANT = "tenant";
  private static final String ADDRESS = "address";

  private final NotificationDispatcher dispatcher;

  public SmsFlushJob(NotificationDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void execute(JobExecutionContext context) {
    JobDataMap data = context.getMergedJobDataMap();
    dispatcher.flushSms(
        new TenantId(UUID.fromString(data.getString(TENANT))), data.getString(ADDRESS));
  }

  /** Schedules a flush at {@code at}, unless one for the number is already pending then. */
  static void schedule(JobScheduler jobs, TenantId tenant, String address, Instant at) {
    JobKey key =
        new JobKey("sms-flush:" + tenant.value() + ":" + address + ":" + at.toEpochMilli(), "sms");
    JobDetail job =
        JobBuilder.newJob(SmsFlushJob.class)
            .withIdentity(key)
            .usingJobData(TENANT, tenant.value().toString())
            .usingJobData(ADDRESS, address)
            .requestRecovery(true)
            .build();
    // Another page to the number may have scheduled this flush already: one is enough.
    jobs.scheduleUnlessScheduled(
        job,
        TriggerBuilder.newTrigger()
            .withIdentity(key.getName(), key.getGroup())
            .startAt(Date.from(at))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
            .build());
  }
}
