package com.switchboard.escalation;

import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net under the step triggers: an escalation still paging (or whose hold has ended)
 * whose next step is overdue by more than {@link #OVERDUE} — its trigger failed, was lost, or gave
 * up — has that step fired now ({@link EscalationEngine#fireOverdue}), on the timeline and in
 * {@link EscalationEngine#WATCHDOG_FIRED}. Runs every {@code jobs.watchdogInterval} on one node of
 * the cluster at a time.
 */
public class EscalationWatchdog {
  private static final Logger LOG = LoggerFactory.getLogger(EscalationWatchdog.class);
  private static final int BATCH = 500;

  /** How late a step may be before the watchdog fires it; the step's own trigger goes first. */
  public static final Duration OVERDUE = Duration.ofMinutes(1);

  /** An escalation of some tenant whose next step is overdue. */
  public record Overdue(TenantId tenantId, UUID incidentId, UUID id) {}

  /** Escalations of any tenant whose next step is due before a given instant. */
  @RegisterConstructorMapper(Overdue.class)
  public interface OverdueDao {
    /** Requires the watchdog scope, which the escalations policy admits for reading. */
    @SqlQuery(
        "SELECT tenant_id, incident_id, id FROM escalations"
            + " WHERE state IN ('active', 'waiting') AND next_at < :before"
            + " ORDER BY next_at LIMIT :limit")
    List<Overdue> overdue(Instant before, int limit);
  }

  private final TenantDatabase db;
  private final EscalationEngine engine;
  private final Clock clock;

  public EscalationWatchdog(TenantDatabase db, EscalationEngine engine, Clock clock) {
    this.db = db;
    this.engine = engine;
    this.clock = clock;
  }

  /** Fires the overdue steps it finds; returns how many it fired. */
  public int check() {
    Instant before = clock.instant().minus(OVERDUE);
    List<Overdue> overdue =
        db.unscoped()
            .inTransaction(
                h -> {
                  h.createQuery(
                          "SELECT set_config('switchboard.scope', 'escalation-watchdog', true)")
                      .mapTo(String.class)
                      .one();
                  return Daos.on(h, OverdueDao.class).overdue(before, BATCH);
                });
    int fired = 0;
    for (Overdue escalation : overdue) {
      try {
        if (engine.fireOverdue(
            escalation.tenantId(), escalation.incidentId(), escalation.id(), OVERDUE)) {
          fired++;
        }
      } catch (RuntimeException e) {
        // The next check tries again; one broken escalation must not hold back the others.
        LOG.warn("the watchdog could not fire escalation {}", escalation.id(), e);
      }
    }
    return fired;
  }

  /** Registers the recurring check with the cluster (once; later nodes find it there). */
  public static void register(JobScheduler jobs, Duration interval) {
    jobs.registerRecurring(JOB_NAME, CheckJob.class, interval);
  }

  /** The name of the recurring job in Quartz's system group. */
  public static final String JOB_NAME = "escalation-watchdog";

  /** The Quartz job: calls {@link #check()}. Reads {@code jobs.watchdogInterval} (its period). */
  @DisallowConcurrentExecution
  public static class CheckJob implements Job {
    private final EscalationWatchdog watchdog;

    public CheckJob(EscalationWatchdog watchdog) {
      this.watchdog = watchdog;
    }

    @Override
    public void execute(JobExecutionContext context) {
      watchdog.check();
    }
  }
}
