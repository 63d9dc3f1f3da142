package com.switchboard.platform.jobs;

import io.dropwizard.lifecycle.Managed;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

/**
 * This node's Quartz scheduler: the JDBC job store in Switchboard's PostgreSQL, clustered, so that
 * every node sharing the database shares the work and each firing runs on exactly one of them.
 *
 * <p>The store is Quartz's container-managed one ({@code JobStoreCMT}): a job or trigger scheduled
 * inside a {@code TenantDatabase} transaction is written by that transaction (see {@link
 * BoundConnection}); Quartz's own bookkeeping (acquiring, firing, cluster check-ins, recovery of a
 * dead node's jobs) uses a separate pool.
 */
public final class JobScheduler implements Managed {
  public static final String SCHEDULER_NAME = "switchboard";

  /** The Quartz group of the recurring jobs that keep the system tidy. */
  public static final String SYSTEM_GROUP = "system";

  private final Scheduler scheduler;
  private final String instanceId;
  private final DataSource pool;

  /**
   * @param jobs how to build each job class; a job is a thin class that calls a service
   */
  public JobScheduler(
      JobSettings settings,
      DataSource pool,
      Map<Class<? extends Job>, Supplier<? extends Job>> jobs) {
    this.instanceId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    this.pool = pool;
    String managed = "switchboard-managed-" + instanceId;
    String own = "switchboard-own-" + instanceId;
    DBConnectionManager.getInstance()
        .addConnectionProvider(managed, QuartzConnections.managed(pool));
    DBConnectionManager.getInstance()
        .addConnectionProvider(own, QuartzConnections.nonManaged(pool));

    Properties properties = new Properties();
    properties.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
    properties.setProperty("org.quartz.scheduler.instanceId", instanceId);
    properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    properties.setProperty(
        "org.quartz.scheduler.idleWaitTime", Long.toString(settings.idleWaitTime.toMilliseconds()));
    properties.setProperty(
        "org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(settings.threads));
    properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threads));
    properties.setProperty("org.quartz.threadPool.threadNamePrefix", "quartz-" + instanceId);
    properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreCMT");
    properties.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    properties.setProperty("org.quartz.jobStore.dataSource", managed);
    properties.setProperty("org.quartz.jobStore.nonManagedTXDataSource", own);
    properties.setProperty("org.quartz.jobStore.isClustered", "true");
    properties.setProperty(
        "org.quartz.jobStore.clusterCheckinInterval",
        Long.toString(settings.clusterCheckinInterval.toMilliseconds()));
    // Job data as strings, not serialized Java objects: readable and safe across versions.
    properties.setProperty("org.quartz.jobStore.useProperties", "true");
    // Inserting a trigger needs no cluster-wide lock; keeping it out of the caller's transaction
    // avoids serialising every incident trigger behind the scheduler's acquisition lock.
    properties.setProperty("org.quartz.jobStore.lockOnInsert", "false");
    // Managed connections belong to the caller, which commits them (or they auto-commit).
    properties.setProperty("org.quartz.jobStore.dontSetAutoCommitFalse", "true");
    properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    properties.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    try {
      StdSchedulerFactory factory = new StdSchedulerFactory(properties);
      this.scheduler = factory.getScheduler();
      // Quartz keeps one scheduler per name in a JVM-wide registry; several nodes of one cluster
      // share a name, and tests run two in one JVM, so this node does not stay registered.
      SchedulerRepository.getInstance().remove(SCHEDULER_NAME);
      scheduler.setJobFactory(
          (bundle, ignored) -> {
            Supplier<? extends Job> supplier = jobs.get(bundle.getJobDetail().getJobClass());
            if (supplier == null) {
              throw new SchedulerException(
                  "no factory for job " + bundle.getJobDetail().getJobClass().getName());
            }
            return supplier.get();
          });
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not create the Quartz scheduler", e);
    }
  }

  public Scheduler quartz() {
    return scheduler;
  }

  /** Quartz work that must hold Quartz's row locks: run it with {@link #inTransaction}. */
  @FunctionalInterface
  public interface SchedulerWork {
    void run(Scheduler scheduler) throws SchedulerException;
  }

  /**
   * Runs Quartz calls outside any application transaction in a transaction of their own, so the
   * store's row locks are held until they commit (an auto-commit connection would drop them at
   * once).
   */
  public void inTransaction(SchedulerWork work) throws SchedulerException {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try (BoundConnection.Scope ignored = BoundConnection.bind(connection)) {
        work.run(scheduler);
        connection.commit();
      } catch (SchedulerException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new SchedulerException("could not open a transaction for Quartz", e);
    }
  }

  /**
   * Registers a cluster-wide recurring system job once; nodes that start later find it there. After
   * downtime it runs once, not once per missed interval.
   */
  public void registerRecurring(String name, Class<? extends Job> jobClass, Duration interval) {
    JobDetail job = JobBuilder.newJob(jobClass).withIdentity(name, SYSTEM_GROUP).build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(name, SYSTEM_GROUP)
            .startNow()
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(interval.toMillis())
                    .repeatForever()
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build();
    try {
      inTransaction(
          scheduler -> {
            if (!scheduler.checkExists(job.getKey())) {
              scheduler.scheduleJob(job, trigger);
            }
          });
    } catch (ObjectAlreadyExistsException raced) {
      // Another node registered it at the same moment.
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not register the " + name + " job", e);
    }
  }

  /**
   * Schedules {@code job} with {@code trigger} in the transaction bound to this thread, unless a
   * job of its key is scheduled already: that one stays as it is. Quartz looks for the key before
   * it stores anything and refuses a duplicate before it writes, so the transaction goes on (asking
   * {@code checkExists} first would cost one more query per job).
   */
  public void scheduleUnlessScheduled(JobDetail job, Trigger trigger) {
    try {
      quartz().scheduleJob(job, trigger);
    } catch (ObjectAlreadyExistsException scheduledAlready) {
      // Kept as it is.
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not schedule " + job.getKey(), e);
    }
  }

  public String instanceId() {
    return instanceId;
  }

  @Override
  public void start() throws SchedulerException {
    scheduler.start();
  }

  @Override
  public void stop() throws SchedulerException {
    if (!scheduler.isShutdown()) {
      scheduler.shutdown(true);
    }
  }

  /**
   * Stops this node's scheduler without waiting for running jobs; its check-ins stop, so the
   * cluster recovers what it had in flight. Not a crash: jobs already running go on, as do the
   * node's HTTP server and dispatcher. For fault tests, which hold the node's threads to make it
   * crash-like.
   */
  public void halt() throws SchedulerException {
    scheduler.shutdown(false);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "node";
    }
  }
}
