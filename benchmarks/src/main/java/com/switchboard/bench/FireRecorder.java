package com.switchboard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;

/**
 * A Quartz job listener that notes, for every job run, when its trigger was due (the scheduled fire
 * time), when Quartz fired it, and when the worker thread started and finished the job. Added to
 * the product's scheduler and to the baseline's alike, so both are measured the same way, without
 * touching product code.
 */
final class FireRecorder implements JobListener {
  /** One job run; times in epoch milliseconds (Quartz's) and microseconds (ours). */
  record Fire(
      String jobName,
      String jobGroup,
      String incident,
      long dueMillis,
      long firedMillis,
      long startMicros,
      long endMicros) {
    /** Worker start minus the trigger's due time, in milliseconds. */
    double latenessMillis() {
      return startMicros / 1000.0 - dueMillis;
    }
  }

  private final Map<String, Fire> fires = new ConcurrentHashMap<>();

  @Override
  public String getName() {
    return "bench-fire-recorder";
  }

  @Override
  public void jobToBeExecuted(JobExecutionContext context) {
    long now = Clocks.nowMicros();
    fires.put(
        context.getFireInstanceId(),
        new Fire(
            context.getJobDetail().getKey().getName(),
            context.getJobDetail().getKey().getGroup(),
            context.getMergedJobDataMap().getString("incident"),
            context.getScheduledFireTime().getTime(),
            context.getFireTime().getTime(),
            now,
            -1));
  }

  @Override
  public void jobExecutionVetoed(JobExecutionContext context) {}

  @Override
  public void jobWasExecuted(JobExecutionContext context, JobExecutionException error) {
    long now = Clocks.nowMicros();
    fires.computeIfPresent(
        context.getFireInstanceId(),
        (id, f) ->
            new Fire(
                f.jobName(),
                f.jobGroup(),
                f.incident(),
                f.dueMillis(),
                f.firedMillis(),
                f.startMicros(),
                now));
  }

  List<Fire> fires() {
    return new ArrayList<>(fires.values());
  }
}
