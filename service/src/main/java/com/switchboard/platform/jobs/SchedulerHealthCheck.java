package com.switchboard.platform.jobs;

import com.codahale.metrics.health.HealthCheck;
import org.quartz.Scheduler;

/** Healthy while this node's Quartz scheduler runs and takes part in the cluster. */
public class SchedulerHealthCheck extends HealthCheck {
  private final JobScheduler jobs;

  public SchedulerHealthCheck(JobScheduler jobs) {
    this.jobs = jobs;
  }

  @Override
  protected Result check() throws Exception {
    Scheduler scheduler = jobs.quartz();
    if (scheduler.isShutdown() || !scheduler.isStarted() || scheduler.isInStandbyMode()) {
      return Result.unhealthy("the Quartz scheduler is not running");
    }
    return Result.healthy("node %s, cluster %s", jobs.instanceId(), JobScheduler.SCHEDULER_NAME);
  }
}
