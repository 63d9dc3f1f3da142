package com.switchboard.metrics;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.switchboard.incident.Incident;
import com.switchboard.incident.IncidentChange;
import com.switchboard.incident.IncidentObserver;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product's own metrics, beside the ones Dropwizard keeps for requests and pools; all exported
 * on the admin port's {@code /prometheus} (docs/operations.md, "Product metrics", lists them).
 * Incident counters count on the node that made the change, when its transaction commits. The
 * gauges read the database across tenants, each at most once per {@link #REFRESH_SECONDS} however
 * often it is scraped, through an index each.
 */
public final class ProductMetrics implements IncidentObserver {
  public static final String INCIDENTS_TRIGGERED = "switchboard.incidents.triggered";
  public static final String INCIDENTS_ACKNOWLEDGED = "switchboard.incidents.acknowledged";
  public static final String INCIDENTS_RESOLVED = "switchboard.incidents.resolved";
  public static final String QUARTZ_LAG = "switchboard.quartz.lag.seconds";
  public static final String NOTIFY_QUEUE_DEPTH = "switchboard.notify.queue.depth";
  public static final String WEBHOOKS_PENDING = "switchboard.webhooks.deliveries.pending";

  static final long REFRESH_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(ProductMetrics.class);

  private final Map<IncidentChange.Kind, Counter> incidents =
      new EnumMap<>(IncidentChange.Kind.class);

  /**
   * Registers the counters and the gauges. {@code wallClock} is the real time Quartz fires by (not
   * the application clock a test may move).
   */
  public ProductMetrics(MetricRegistry metrics, TenantDatabase db, Clock wallClock) {
    incidents.put(IncidentChange.Kind.TRIGGERED, metrics.counter(INCIDENTS_TRIGGERED));
    incidents.put(IncidentChange.Kind.ACKNOWLEDGED, metrics.counter(INCIDENTS_ACKNOWLEDGED));
    incidents.put(IncidentChange.Kind.RESOLVED, metrics.counter(INCIDENTS_RESOLVED));
    metrics.register(
        QUARTZ_LAG,
        cached(
            db,
            null,
            h -> {
              long now = wallClock.millis();
              Long oldest =
                  h.createQuery(
                          "SELECT min(next_fire_time) FROM qrtz_triggers"
                              + " WHERE sched_name = :scheduler AND trigger_state = 'WAITING'"
                              + " AND next_fire_time <= :now")
                      .bind("scheduler", JobScheduler.SCHEDULER_NAME)
                      .bind("now", now)
                      .mapTo(Long.class)
                      .one();
              return oldest == null ? 0 : (now - oldest) / 1000;
            }));
    metrics.register(
        NOTIFY_QUEUE_DEPTH,
        cached(
            db,
            "delivery-sweeper",
            h ->
                h.createQuery(
                        "SELECT count(*) FROM notifications WHERE status IN ('pending', 'sending')")
                    .mapTo(Long.class)
                    .one()));
    metrics.register(
        WEBHOOKS_PENDING,
        cached(
            db,
            "webhook-sender",
            h ->
                h.createQuery("SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'")
                    .mapTo(Long.class)
                    .one()));
  }

  @Override
  public void changed(Handle h, TenantId tenant, Incident incident, IncidentChange change) {
    Counter counter = incidents.get(change.kind());
    if (counter != null) {
      h.afterCommit(counter::inc);
    }
  }

  /**
   * A gauge read in a read-only transaction across tenants ({@code scope}: the row-level security
   * scope that may read the table, null for tables without it), at most every {@link
   * #REFRESH_SECONDS}; -1 when the database could not answer.
   */
  private static CachedGauge<Long> cached(
      TenantDatabase db, String scope, ToLongFunction<Handle> query) {
    return new CachedGauge<>(REFRESH_SECONDS, TimeUnit.SECONDS) {
      @Override
      protected Long loadValue() {
        try {
          return db.unscoped()
              .inTransaction(
                  h -> {
                    if (scope != null) {
                      h.createQuery("SELECT set_config('switchboard.scope', :scope, true)")
                          .bind("scope", scope)
                          .mapTo(String.class)
                          .one();
                    }
                    return query.applyAsLong(h);
                  });
        } catch (RuntimeException e) {
          LOG.warn("could not read a product metric", e);
          return -1L;
        }
      }
    };
  }
}
