package com.switchboard.integration.inbound;

import com.switchboard.alert.AlertEvent;
import com.switchboard.alert.AlertIntake;
import com.switchboard.alert.AlertSource;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.platform.errors.TooManyRequestsException;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeat monitors: a ping moves a monitor's deadline (last ping + interval + grace; the first
 * counts from creation); {@link #check()} finds monitors past theirs and hands the alert intake a
 * trigger for each, and the next ping hands it the resolve, both with the dedup key {@code
 * heartbeat:<integration id>}.
 *
 * <p>The intake commits on its own, so a miss is recorded this way: its row is locked, the trigger
 * handed over, then {@code missed_at} set and committed. A ping meanwhile waits for the lock and
 * then sees the miss (and sends the resolve); a crash before the commit leaves the monitor
 * unmarked, and the next check sends the trigger again, which deduplicates onto the same key. A
 * marked monitor is never triggered again until a ping clears it.
 */
public class HeartbeatMonitors {
  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatMonitors.class);
  private static final int BATCH = 500;
  private static final String TYPE = IntegrationType.HEARTBEAT.wireName();

  /** The name of the recurring job in Quartz's system group. */
  public static final String JOB_NAME = "heartbeat-monitor";

  /** What a ping answers. */
  public record Pong(String status, Instant nextDueAt, boolean resolved) {}

  private final TenantDatabase db;
  private final AlertIntake intake;
  private final EventRateLimiter pings;
  private final Clock clock;

  public HeartbeatMonitors(TenantDatabase db, AlertIntake intake, int pingsPerMinute, Clock clock) {
    this.db = db;
    this.intake = intake;
    this.pings = new EventRateLimiter(pingsPerMinute, clock);
    this.clock = clock;
  }

  /**
   * Records a ping of the monitor whose key is {@code key}: one indexed read of the key's route and
   * one UPDATE. A ping that ends a miss hands the intake the resolve before it commits; if the
   * intake is full nothing is recorded and the caller answers 503 (cron tries again next time).
   *
   * @throws NotFoundException for a key that is no heartbeat's
   * @throws TooManyRequestsException over {@code integrations.heartbeatPingsPerMinute}
   */
  public Pong ping(String key) {
    if (!IntegrationKeys.isWellFormed(key)) {
      throw new NotFoundException("heartbeat");
    }
    // Counted by key before any statement: a looping client costs the database nothing.
    OptionalLong wait = pings.take(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.US_ASCII)));
    if (wait.isPresent()) {
      throw new TooManyRequestsException(
          "this heartbeat is pinged too often", Duration.ofSeconds(wait.getAsLong()));
    }
    Instant now = clock.instant();
    return db.unscoped()
        .inTransaction(
            h -> {
              AlertIntegrationDao.Route route =
                  Daos.on(h, AlertIntegrationDao.class)
                      .routeOf(IntegrationKeys.sha256(key))
                      .orElseThrow(() -> new NotFoundException("heartbeat"));
              TenantDatabase.enterTenant(h, route.tenantId());
              HeartbeatDao.Pinged pinged =
                  Daos.on(h, HeartbeatDao.class)
                      .ping(route.tenantId(), route.integrationId(), now)
                      .orElseThrow(() -> new NotFoundException("heartbeat"));
              if (pinged.missedAt() == null) {
                return new Pong("ok", pinged.dueAt(), false);
              }
              try {
                hand(
                    route.tenantId(),
                    pinged.serviceId(),
                    pinged.integrationId(),
                    event(
                        AlertEvent.Action.RESOLVE,
                        pinged.integrationId(),
                        "Heartbeat " + pinged.name() + " is back: pinged at " + now));
              } catch (AlertIntake.IntakeOverloadedException e) {
                // Rolls the ping back: the monitor stays missed until a ping's resolve is taken.
                throw new IntakeUnavailableException(e);
              }
              return new Pong("ok", pinged.dueAt(), true);
            });
  }

  /**
   * Hands the intake a trigger for every monitor past its deadline and not yet missed, and marks
   * them missed; returns how many. Overdue monitors are found across tenants in one query (the
   * heartbeat-monitor scope reads only tenant and integration ids), then handled per tenant.
   */
  public int check() {
    Instant now = clock.instant();
    List<HeartbeatDao.Overdue> overdue =
        db.unscoped()
            .inTransaction(
                h -> {
                  h.createQuery("SELECT set_config('switchboard.scope', 'heartbeat-monitor', true)")
                      .mapTo(String.class)
                      .one();
                  return Daos.on(h, HeartbeatDao.class).overdue(now, BATCH);
                });
    Map<TenantId, List<UUID>> byTenant = new LinkedHashMap<>();
    for (HeartbeatDao.Overdue monitor : overdue) {
      byTenant
          .computeIfAbsent(monitor.tenantId(), t -> new ArrayList<>())
          .add(monitor.integrationId());
    }
    int triggered = 0;
    for (Map.Entry<TenantId, List<UUID>> tenant : byTenant.entrySet()) {
      try {
        Misses misses = missTenant(tenant.getKey(), tenant.getValue(), now);
        triggered += misses.handed();
        if (misses.intakeFull()) {
          LOG.warn("the alert intake is full; heartbeat misses wait for the next check");
          break;
        }
      } catch (RuntimeException e) {
        // The next check tries again; one tenant's failure must not hold back the others.
        LOG.warn("could not record heartbeat misses of tenant {}", tenant.getKey(), e);
      }
    }
    return triggered;
  }

  private record Misses(int handed, boolean intakeFull) {}

  private Misses missTenant(TenantId tenant, List<UUID> ids, Instant now) {
    return db.inTenant(
        tenant,
        h -> {
          HeartbeatDao dao = Daos.on(h, HeartbeatDao.class);
          SeverityUrgencies urgencies =
              AlertIntegrationService.severityUrgencies(
                  Daos.on(h, AlertIntegrationDao.class), tenant);
          List<UUID> handed = new ArrayList<>();
          boolean intakeFull = false;
          for (HeartbeatDao.Missed missed : dao.lockMissed(tenant, ids, now)) {
            AlertEvent trigger =
                event(
                    AlertEvent.Action.TRIGGER,
                    missed.integrationId(),
                    "Heartbeat "
                        + missed.name()
                        + " missed: no ping since "
                        + (missed.lastPingAt() == null
                            ? "it was created at " + missed.createdAt()
                            : missed.lastPingAt()));
            try {
              hand(
                  tenant,
                  missed.serviceId(),
                  missed.integrationId(),
                  EventFields.withUrgency(trigger, urgencies));
            } catch (AlertIntake.IntakeOverloadedException e) {
              intakeFull = true;
              break;
            }
            handed.add(missed.integrationId());
          }
          // What the intake took is marked, even when it refused a later one.
          if (!handed.isEmpty()) {
            dao.markMissed(tenant, handed, now);
          }
          return new Misses(handed.size(), intakeFull);
        });
  }

  private void hand(TenantId tenant, UUID serviceId, UUID integrationId, AlertEvent event) {
    intake.accept(new AlertSource(tenant, serviceId, integrationId, TYPE), List.of(event));
  }

  /** The dedup key of a monitor's misses. */
  static String dedupKey(UUID integrationId) {
    return "heartbeat:" + integrationId;
  }

  private static AlertEvent event(AlertEvent.Action action, UUID integrationId, String summary) {
    return new AlertEvent(
        action,
        dedupKey(integrationId),
        summary.length() > EventFields.MAX_SUMMARY
            ? summary.substring(0, EventFields.MAX_SUMMARY)
            : summary,
        AlertEvent.Severity.CRITICAL,
        null,
        "switchboard heartbeat",
        null,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        "Switchboard heartbeat monitor",
        null);
  }

  /** Registers the recurring check with the cluster (once; later nodes find it there). */
  public static void register(JobScheduler jobs, Duration interval) {
    jobs.registerRecurring(JOB_NAME, CheckJob.class, interval);
  }

  /**
   * The Quartz job: calls {@link #check()}. Reads {@code integrations.heartbeatCheckInterval} (its
   * period).
   */
  @DisallowConcurrentExecution
  public static class CheckJob implements Job {
    private final HeartbeatMonitors monitors;

    public CheckJob(HeartbeatMonitors monitors) {
      this.monitors = monitors;
    }

    @Override
    public void execute(JobExecutionContext context) {
      monitors.check();
    }
  }
}
