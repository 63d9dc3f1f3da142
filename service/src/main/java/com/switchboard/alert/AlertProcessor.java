package com.switchboard.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.alert.AlertDao.OpenAlert;
import com.switchboard.alert.AlertDao.Row;
import com.switchboard.alert.AlertEventDao.Stored;
import com.switchboard.escalation.EscalationEngine.Outcome;
import com.switchboard.incident.Actor;
import com.switchboard.incident.IncidentService;
import com.switchboard.incident.IncidentService.Opened;
import com.switchboard.incident.IncidentService.Opening;
import com.switchboard.paging.Urgency;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.DatabaseFailures;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.platform.jobs.BoundConnection;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns accepted events into alerts and incidents, a batch per transaction. It claims the oldest
 * unprocessed events of every tenant (row locks that die with the connection, so a node that dies
 * leaves its claims to the others), then applies them per service under a per-service lock: the
 * events of one dedup key fold into one alert; repeats are one update of its count; new keys open
 * incidents up to the service's cap per window and attach to the newest open one beyond it;
 * acknowledge and resolve act on the alert's incident. The events are marked processed in the same
 * transaction, and the first pages of new incidents are sent after its commit.
 */
public class AlertProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(AlertProcessor.class);
  static final String SCOPE = "alert-processor";

  /** Failed attempts after which a service's events are set aside, so they hold back no more. */
  static final int MAX_ATTEMPTS = 5;

  private final TenantDatabase db;
  private final IncidentService incidents;
  private final ObjectMapper json;
  private final Clock clock;
  private final int batchSize;
  private final int incidentsPerTransaction;
  private final int partitions;
  private final int partition;
  private final int incidentsPerWindow;
  private final Duration groupingWindow;

  public AlertProcessor(
      TenantDatabase db,
      IncidentService incidents,
      ObjectMapper json,
      Clock clock,
      AlertSettings settings,
      int partitions,
      int partition) {
    this.db = db;
    this.incidents = incidents;
    this.json = json;
    this.clock = clock;
    this.batchSize = settings.processorBatchSize;
    this.incidentsPerTransaction = settings.incidentsPerTransaction;
    this.partitions = partitions;
    this.partition = partition;
    this.incidentsPerWindow = settings.incidentsPerWindow;
    this.groupingWindow = settings.groupingWindow.toJavaDuration();
  }

  private record ServiceKey(TenantId tenant, UUID service) {}

  /**
   * The partition of a tenant's events among {@code partitions} processor threads: its id's last
   * byte (random in version 4 ids), as {@link AlertEventDao#claim} computes it in SQL.
   */
  static int partitionOf(TenantId tenant, int partitions) {
    return (int) (tenant.value().getLeastSignificantBits() & 0xFF) % partitions;
  }

  private record Page(TenantId tenant, Outcome outcome) {}

  /**
   * Processes one batch; returns how many events it applied (or set aside), 0 when nothing was
   * waiting that this node could take.
   */
  public int processBatch() {
    List<Page> pages = new ArrayList<>();
    int applied =
        db.unscoped()
            .inTransaction(
                h -> {
                  try (BoundConnection.Scope ignored = BoundConnection.bind(h.getConnection())) {
                    return process(h, pages);
                  }
                });
    for (Page page : pages) {
      try {
        incidents.pageNow(page.tenant(), page.outcome());
      } catch (RuntimeException e) {
        // Committed: the delivery sweeper sends what this could not.
        LOG.warn("could not send the first pages of an alert's incident now", e);
      }
    }
    return applied;
  }

  private int process(Handle h, List<Page> pages) {
    enterScope(h, SCOPE);
    AlertEventDao events = Daos.on(h, AlertEventDao.class);
    List<Stored> claimed = events.claim(batchSize, partitions, partition);
    if (claimed.isEmpty()) {
      return 0;
    }
    Map<ServiceKey, List<Stored>> byService = new LinkedHashMap<>();
    for (Stored event : claimed) {
      byService
          .computeIfAbsent(
              new ServiceKey(event.tenantId(), event.serviceId()), k -> new ArrayList<>())
          .add(event);
    }
    // Another processor holds older events of a service: they go first, these wait their turn.
    List<ServiceKey> keys = List.copyOf(byService.keySet());
    Set<String> held =
        new HashSet<>(
            events.servicesWithOlderEvents(
                keys.stream().map(k -> k.tenant().value()).toArray(UUID[]::new),
                keys.stream().map(ServiceKey::service).toArray(UUID[]::new),
                keys.stream().map(k -> byService.get(k).get(0).id()).toArray(Long[]::new)));
    byService.keySet().removeIf(k -> held.contains(k.tenant().value() + "|" + k.service()));
    events.lockServices(
        byService.keySet().stream().map(k -> lockKey(k)).sorted().toArray(Long[]::new));
    enterScope(h, "");

    int applied = 0;
    int opened = 0;
    // Tenants in one order in every processor: each takes its tenants' incident counters in it, so
    // two processors (threads or nodes) never wait on each other's in a circle.
    Map<TenantId, List<ServiceKey>> byTenant = new TreeMap<>(Comparator.comparing(TenantId::value));
    for (ServiceKey key : byService.keySet()) {
      byTenant.computeIfAbsent(key.tenant(), t -> new ArrayList<>()).add(key);
    }
    for (Map.Entry<TenantId, List<ServiceKey>> tenant : byTenant.entrySet()) {
      TenantDatabase.enterTenant(h, tenant.getKey());
      for (ServiceKey key : tenant.getValue()) {
        if (opened >= incidentsPerTransaction) {
          // The first pages wait for the commit: the services left over stay unprocessed, their
          // claims end with it, and the next batch takes them first.
          return applied;
        }
        List<Stored> serviceEvents = byService.get(key);
        Long[] ids = serviceEvents.stream().map(Stored::id).toArray(Long[]::new);
        applied += ids.length;
        h.savepoint("alert_service");
        try {
          List<Page> servicePages = apply(h, key.tenant(), key.service(), serviceEvents);
          events.markProcessed(key.tenant(), ids, clock.instant());
          h.release("alert_service");
          pages.addAll(servicePages);
          opened += servicePages.size();
        } catch (RuntimeException e) {
          h.rollbackToSavepoint("alert_service");
          if (DatabaseFailures.isConflict(e)) {
            // Another transaction's locks, not these events: they stay unprocessed, uncounted, and
            // the next batch takes them first.
            LOG.info(
                "alert events of service {} wait for the next batch: {}",
                key.service(),
                e.toString());
            return applied;
          }
          LOG.warn(
              "could not apply {} alert events of service {} (tenant {})",
              ids.length,
              key.service(),
              key.tenant(),
              e);
          events.failed(
              key.tenant(), ids, String.valueOf(e.getMessage()), MAX_ATTEMPTS, clock.instant());
        }
      }
    }
    return applied;
  }

  private static long lockKey(ServiceKey key) {
    return key.tenant().value().getMostSignificantBits()
        ^ key.service().getMostSignificantBits()
        ^ Long.rotateLeft(key.service().getLeastSignificantBits(), 17);
  }

  private static void enterScope(Handle h, String scope) {
    h.createQuery("SELECT set_config('switchboard.scope', :scope, true)")
        .bind("scope", scope)
        .mapTo(String.class)
        .one();
  }

  /** One alert as the events of this batch leave it. */
  private static final class AlertState {
    final UUID id;
    final String dedupKey;
    final boolean isNew;
    String status;
    UUID incidentId;
    boolean openedIncident;
    int eventCount;
    Instant firstAt;
    Instant lastAt;
    Instant resolvedAt;
    Stored first;
    boolean acknowledgedNow;
    boolean resolvedNow;

    AlertState(OpenAlert open) {
      this.id = open.id();
      this.dedupKey = open.dedupKey();
      this.isNew = false;
      this.status = open.status();
      this.incidentId = open.incidentId();
      this.eventCount = open.eventCount();
      this.firstAt = open.firstAt();
      this.lastAt = open.lastAt();
    }

    AlertState(Stored trigger) {
      this.id = UUID.randomUUID();
      this.dedupKey = trigger.dedupKey();
      this.isNew = true;
      this.status = "triggered";
      this.eventCount = 1;
      this.firstAt = trigger.receivedAt();
      this.lastAt = trigger.receivedAt();
      this.first = trigger;
    }
  }

  /**
   * Applies one service's events, in order, in the caller's transaction (the tenant's scope);
   * returns the first pages to send after commit.
   */
  private List<Page> apply(Handle h, TenantId tenant, UUID serviceId, List<Stored> events) {
    AlertDao alerts = Daos.on(h, AlertDao.class);
    Instant now = clock.instant();
    String[] keys = events.stream().map(Stored::dedupKey).distinct().toArray(String[]::new);
    Map<String, AlertState> open = new HashMap<>();
    for (OpenAlert alert : alerts.lockOpen(tenant, serviceId, keys)) {
      open.put(alert.dedupKey(), new AlertState(alert));
    }
    List<AlertState> created = new ArrayList<>();
    Set<AlertState> changed = new LinkedHashSet<>();
    Map<UUID, Integer> moreAlerts = new LinkedHashMap<>();
    Map<UUID, Integer> attached = new LinkedHashMap<>();
    for (Stored event : events) {
      AlertState alert = open.get(event.dedupKey());
      switch (event.action()) {
        case "trigger" -> {
          if (alert == null) {
            alert = new AlertState(event);
            open.put(event.dedupKey(), alert);
            created.add(alert);
          } else {
            alert.eventCount++;
            alert.lastAt = event.receivedAt();
            changed.add(alert);
            if (!alert.isNew) {
              moreAlerts.merge(alert.incidentId, 1, Integer::sum);
            }
          }
        }
        case "acknowledge" -> {
          if (alert != null && alert.status.equals("triggered")) {
            alert.status = "acknowledged";
            alert.acknowledgedNow = true;
            changed.add(alert);
          }
        }
        case "resolve" -> {
          if (alert != null) {
            alert.status = "resolved";
            alert.resolvedAt = now;
            alert.resolvedNow = true;
            changed.add(alert);
            open.remove(event.dedupKey());
          }
        }
        default -> throw new IllegalStateException("unknown action " + event.action());
      }
    }

    List<Page> pages = new ArrayList<>();
    if (!created.isEmpty()) {
      assignIncidents(h, tenant, serviceId, created, moreAlerts, attached, pages, now);
    }
    if (!created.isEmpty()) {
      alerts.insert(tenant, created.stream().map(a -> row(serviceId, a, now)).toList());
    }
    List<Row> updates =
        changed.stream().filter(a -> !a.isNew).map(a -> row(serviceId, a, now)).toList();
    if (!updates.isEmpty()) {
      alerts.update(tenant, updates);
    }
    moreAlerts.values().removeIf(n -> n == 0);
    incidents.countAlerts(h, tenant, moreAlerts, attached);

    Actor actor = actor(events.get(0));
    Set<UUID> acknowledged = new LinkedHashSet<>();
    Set<UUID> resolvedSome = new LinkedHashSet<>();
    for (AlertState alert : changed) {
      if (alert.acknowledgedNow) {
        acknowledged.add(alert.incidentId);
      }
      if (alert.resolvedNow) {
        resolvedSome.add(alert.incidentId);
      }
    }
    for (AlertState alert : created) {
      if (alert.acknowledgedNow) {
        acknowledged.add(alert.incidentId);
      }
      if (alert.resolvedNow) {
        resolvedSome.add(alert.incidentId);
      }
    }
    for (UUID incident : acknowledged) {
      incidents.acknowledge(h, tenant, incident, actor);
    }
    if (!resolvedSome.isEmpty()) {
      for (UUID incident : alerts.allResolved(tenant, resolvedSome.toArray(UUID[]::new))) {
        incidents.resolve(h, tenant, incident, actor);
      }
    }
    return pages;
  }

  /**
   * Gives each new alert its incident: a new one while the service is under its cap for the window,
   * else the newest open incident its alerts opened (or a new one when there is none).
   */
  private void assignIncidents(
      Handle h,
      TenantId tenant,
      UUID serviceId,
      List<AlertState> created,
      Map<UUID, Integer> moreAlerts,
      Map<UUID, Integer> attached,
      List<Page> pages,
      Instant now) {
    AlertDao alerts = Daos.on(h, AlertDao.class);
    AlertDao.Cap cap =
        alerts.cap(tenant, serviceId, incidentsPerWindow, groupingWindow.toMillis(), now);
    int opened = cap.opened();
    UUID newest = null;
    boolean newestLooked = false;
    for (AlertState alert : created) {
      boolean capped = cap.cap() > 0 && opened >= cap.cap();
      if (capped && newest == null && !newestLooked) {
        newest = alerts.newestOpenIncident(tenant, serviceId).orElse(null);
        newestLooked = true;
      }
      if (capped && newest != null) {
        alert.incidentId = newest;
        moreAlerts.merge(newest, alert.eventCount, Integer::sum);
        attached.merge(newest, 1, Integer::sum);
        continue;
      }
      Opened incident = open(h, tenant, serviceId, alert);
      alert.incidentId = incident.incident().id();
      alert.openedIncident = true;
      moreAlerts.merge(alert.incidentId, alert.eventCount - 1, Integer::sum);
      pages.add(new Page(tenant, incident.outcome()));
      opened++;
      newest = alert.incidentId;
    }
  }

  private Opened open(Handle h, TenantId tenant, UUID serviceId, AlertState alert) {
    Stored trigger = alert.first;
    String title =
        trigger.summary() == null || trigger.summary().isBlank()
            ? alert.dedupKey
            : trigger.summary();
    Urgency urgency = "low".equals(trigger.urgency()) ? Urgency.LOW : Urgency.HIGH;
    String source = text(trigger.payload(), "source");
    String details =
        "Alert "
            + alert.dedupKey
            + (source == null ? "" : " from " + source)
            + " ("
            + trigger.integrationType()
            + ")";
    try {
      return incidents.open(
          h, tenant, actor(trigger), new Opening(serviceId, null, title, details, urgency));
    } catch (NotFoundException e) {
      throw new IllegalStateException("the service of an alert is gone", e);
    }
  }

  private static Actor actor(Stored event) {
    return new Actor("integration " + event.integrationType(), null, "api");
  }

  private Row row(UUID serviceId, AlertState alert, Instant now) {
    Stored first = alert.first;
    return new Row(
        alert.id,
        serviceId,
        first == null ? null : first.integrationId(),
        alert.incidentId,
        alert.openedIncident,
        alert.dedupKey,
        alert.status,
        first == null ? "" : summary(first, alert.dedupKey),
        first == null ? null : first.severity(),
        first == null ? null : text(first.payload(), "source"),
        first == null ? "{}" : first.payload(),
        alert.eventCount,
        alert.firstAt,
        alert.lastAt,
        alert.resolvedAt,
        now);
  }

  private static String summary(Stored event, String dedupKey) {
    return event.summary() == null || event.summary().isBlank() ? dedupKey : event.summary();
  }

  private String text(String payload, String field) {
    try {
      JsonNode value = json.readTree(payload).get(field);
      return value == null || value.isNull() ? null : value.asText();
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
