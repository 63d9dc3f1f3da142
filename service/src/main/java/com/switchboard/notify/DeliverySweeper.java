package com.switchboard.notify;

import com.switchboard.notify.NotificationDao.Unsent;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.jobs.JobScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The safety net under the dispatcher: finds messages due a while ago that no node sent (the node
 * that wrote them died before dispatching), delayed messages whose Quartz job never sent them (it
 * failed, or its trigger is gone), and messages a node claimed and will not finish (it died
 * mid-call: its cluster check-ins stopped, or the claim outlived {@code notify.staleClaim}), and
 * dispatches them again. Runs every {@code jobs.sweepInterval} on one node of the cluster at a
 * time.
 */
public class DeliverySweeper {
  private static final int BATCH = 500;

  /**
   * How long past due a delayed message waits for its own Quartz job before the sweeper sends it:
   * Quartz's misfire threshold, after which a working trigger has had its chance.
   */
  static final Duration SCHEDULED_GRACE = Duration.ofMinutes(1);

  private final TenantDatabase db;
  private final NotificationDispatcher dispatcher;
  private final Duration sweepAfter;
  private final Duration staleClaim;
  private final Clock clock;

  public DeliverySweeper(
      TenantDatabase db,
      NotificationDispatcher dispatcher,
      Duration sweepAfter,
      Duration staleClaim,
      Clock clock) {
    this.db = db;
    this.dispatcher = dispatcher;
    this.sweepAfter = sweepAfter;
    this.staleClaim = staleClaim;
    this.clock = clock;
  }

  /** Dispatches what it found; returns how many. */
  public int sweep() {
    Instant now = clock.instant();
    List<Unsent> unsent =
        db.unscoped()
            .inTransaction(
                h -> {
                  h.createQuery("SELECT set_config('switchboard.scope', 'delivery-sweeper', true)")
                      .mapTo(String.class)
                      .one();
                  return Daos.on(h, NotificationDao.class)
                      .unsent(
                          now.minus(sweepAfter),
                          now.minus(sweepAfter).minus(SCHEDULED_GRACE),
                          staleClaim.toMillis(),
                          BATCH);
                });
    Map<com.switchboard.tenant.TenantId, List<java.util.UUID>> byTenant =
        unsent.stream()
            .collect(
                Collectors.groupingBy(
                    Unsent::tenantId, Collectors.mapping(Unsent::id, Collectors.toList())));
    byTenant.forEach(dispatcher::dispatch);
    return unsent.size();
  }

  /** Registers the recurring sweep with the cluster (once; later nodes find it there). */
  public static void register(JobScheduler jobs, Duration interval) {
    jobs.registerRecurring("delivery-sweeper", SweepJob.class, interval);
  }

  /** The Quartz job: calls {@link #sweep()}. */
  @DisallowConcurrentExecution
  public static class SweepJob implements Job {
    private final DeliverySweeper sweeper;

    public SweepJob(DeliverySweeper sweeper) {
      this.sweeper = sweeper;
    }

    @Override
    public void execute(JobExecutionContext context) {
      sweeper.sweep();
    }
  }
}
