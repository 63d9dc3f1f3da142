package com.switchboard.alert;

import com.switchboard.incident.Actor;
import com.switchboard.incident.IncidentService;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves open alerts whose last event is older than {@code alerts.autoResolveAfter}, and their
 * incidents once all of an incident's alerts are resolved. Off when that setting is 0.
 */
public class AlertAutoResolver {
  private static final Logger LOG = LoggerFactory.getLogger(AlertAutoResolver.class);
  private static final int BATCH = 500;
  private static final int MAX_BATCHES = 100;
  static final Actor ACTOR = new Actor("auto-resolve", null, "api");

  private final TenantDatabase db;
  private final IncidentService incidents;
  private final Clock clock;
  private final Duration after;

  public AlertAutoResolver(
      TenantDatabase db, IncidentService incidents, Clock clock, Duration after) {
    this.db = db;
    this.incidents = incidents;
    this.clock = clock;
    this.after = after;
  }

  /**
   * Resolves the stale alerts it finds, a batch of the oldest at a time until a batch comes back
   * short (at most {@code MAX_BATCHES} batches a run); returns how many.
   */
  public int run() {
    if (after.isZero()) {
      return 0;
    }
    int resolved = 0;
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      int[] found = new int[1];
      resolved += runBatch(found);
      if (found[0] < BATCH) {
        break;
      }
    }
    return resolved;
  }

  private int runBatch(int[] found) {
    Instant now = clock.instant();
    Instant before = now.minus(after);
    List<AlertDao.Stale> stale =
        db.unscoped()
            .inTransaction(
                h -> {
                  h.createQuery(
                          "SELECT set_config('switchboard.scope', 'alert-auto-resolve', true)")
                      .mapTo(String.class)
                      .one();
                  return Daos.on(h, AlertDao.class).stale(before, BATCH);
                });
    found[0] = stale.size();
    Map<TenantId, List<UUID>> byTenant = new LinkedHashMap<>();
    for (AlertDao.Stale alert : stale) {
      byTenant.computeIfAbsent(alert.tenantId(), t -> new ArrayList<>()).add(alert.id());
    }
    int resolved = 0;
    for (Map.Entry<TenantId, List<UUID>> tenant : byTenant.entrySet()) {
      try {
        resolved += resolve(tenant.getKey(), tenant.getValue(), before, now);
      } catch (RuntimeException e) {
        // The next run tries again; one tenant must not hold back the others.
        LOG.warn("could not auto-resolve alerts of tenant {}", tenant.getKey(), e);
      }
    }
    return resolved;
  }

  private int resolve(TenantId tenant, List<UUID> ids, Instant before, Instant now) {
    return db.inTenant(
        tenant,
        h -> {
          AlertDao alerts = Daos.on(h, AlertDao.class);
          List<UUID> touched = alerts.resolveStale(tenant, ids.toArray(UUID[]::new), before, now);
          Set<UUID> incidentIds = new LinkedHashSet<>(touched);
          if (!incidentIds.isEmpty()) {
            for (UUID incident : alerts.allResolved(tenant, incidentIds.toArray(UUID[]::new))) {
              incidents.resolve(h, tenant, incident, ACTOR);
            }
          }
          return touched.size();
        });
  }

  /** The name of the recurring job in Quartz's system group. */
  public static final String JOB_NAME = "alert-auto-resolve";

  /** Registers the recurring run with the cluster (once; later nodes find it there). */
  public static void register(JobScheduler jobs, Duration interval) {
    jobs.registerRecurring(JOB_NAME, AutoResolveJob.class, interval);
  }

  /**
   * The Quartz job: calls {@link #run()}. Reads {@code alerts.autoResolveInterval} (its period) and
   * {@code alerts.autoResolveAfter}.
   */
  @DisallowConcurrentExecution
  public static class AutoResolveJob implements Job {
    private final AlertAutoResolver resolver;

    public AutoResolveJob(AlertAutoResolver resolver) {
      this.resolver = resolver;
    }

    @Override
    public void execute(JobExecutionContext context) {
      resolver.run();
    }
  }
}
