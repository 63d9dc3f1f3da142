package com.switchboard.integration.inbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.switchboard.alert.AlertEvent.Severity;
import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.paging.Urgency;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;

/**
 * Inbound alert integrations of a service: owners and admins create, list, rotate and delete them,
 * and set the tenant's severity → urgency mapping. Each live key has a row in the cross-tenant
 * routing table (its SHA-256 → tenant and integration), written in the same transaction, so an
 * event finds its tenant by key and a rotated or deleted key stops working at the commit.
 */
public class AlertIntegrationService {
  /** An integration that an event's key names, with what building its events needs. */
  public record Routed(
      TenantId tenantId,
      UUID integrationId,
      UUID serviceId,
      IntegrationType type,
      SeverityUrgencies urgencies) {}

  private final TenantDatabase db;
  private final AuditLog audit;
  private final Clock clock;
  private final String publicUrl;
  private final TypeSettings typeSettings;

  /** Routes this node read lately, by the hex SHA-256 of their key; null when not cached. */
  private final Cache<String, CachedRoute> routes;

  /** Counts the changes that drop the cached routes, so a read begun before one is not cached. */
  private final AtomicLong routeChanges = new AtomicLong();

  private static final int ROUTES_CACHED = 100_000;

  private record CachedRoute(String key, Routed routed) {}

  /**
   * {@code typeSettings}: what heartbeat and email integrations keep beside the row; {@code
   * routeCacheTtl}: how long this node may keep using a key's route without reading it again (zero:
   * never cached).
   */
  public AlertIntegrationService(
      TenantDatabase db,
      AuditLog audit,
      Clock clock,
      String publicUrl,
      TypeSettings typeSettings,
      Duration routeCacheTtl) {
    this.typeSettings = typeSettings;
    this.db = db;
    this.audit = audit;
    this.clock = clock;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.routes =
        routeCacheTtl.isZero()
            ? null
            : Caffeine.newBuilder()
                // The service's clock, so that a route expires by the same time as everything else.
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(routeCacheTtl)
                .maximumSize(ROUTES_CACHED)
                .build();
  }

  public AlertIntegration create(
      Caller caller,
      UUID serviceId,
      IntegrationType type,
      String name,
      IntegrationOptions options) {
    typeSettings.validate(type, options);
    TenantId tenant = caller.tenantId();
    String key = IntegrationKeys.newKey();
    UUID id = UUID.randomUUID();
    return db.inTenant(
        tenant,
        h -> {
          AlertIntegrationDao dao = Daos.on(h, AlertIntegrationDao.class);
          requireService(dao, tenant, serviceId);
          dao.insert(tenant, id, serviceId, type.wireName(), name.trim(), key, clock.instant());
          typeSettings.created(h, tenant, id, type, options, clock.instant());
          dao.route(IntegrationKeys.sha256(key), tenant, id);
          audit.record(
              h,
              caller,
              "alert_integration.created",
              "alert_integration",
              id,
              "created " + type + " integration " + name.trim() + " on service " + serviceId);
          return view(h, tenant, dao.findById(tenant, id).orElseThrow());
        });
  }

  public List<AlertIntegration> list(Caller caller, UUID serviceId) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          AlertIntegrationDao dao = Daos.on(h, AlertIntegrationDao.class);
          requireService(dao, tenant, serviceId);
          return dao.list(tenant, serviceId).stream().map(row -> view(h, tenant, row)).toList();
        });
  }

  public AlertIntegration get(Caller caller, UUID serviceId, UUID id) {
    return db.inTenant(
        caller.tenantId(),
        h -> view(h, caller.tenantId(), find(h, caller.tenantId(), serviceId, id)));
  }

  public void delete(Caller caller, UUID serviceId, UUID id) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          AlertIntegration.Row row = find(h, caller.tenantId(), serviceId, id);
          // The key's routing row goes with it (ON DELETE CASCADE).
          Daos.on(h, AlertIntegrationDao.class).delete(caller.tenantId(), id);
          audit.record(
              h,
              caller,
              "alert_integration.deleted",
              "alert_integration",
              id,
              "deleted " + row.type() + " integration " + row.name());
        });
    forgetRoutes();
  }

  /**
   * A new key replaces the old one: the old key routes nowhere after the commit on this node, and
   * within the route cache's time on the others.
   */
  public AlertIntegration rotateKey(Caller caller, UUID serviceId, UUID id) {
    TenantId tenant = caller.tenantId();
    String key = IntegrationKeys.newKey();
    AlertIntegration rotated =
        db.inTenant(
            tenant,
            h -> {
              AlertIntegration.Row row = find(h, tenant, serviceId, id);
              AlertIntegrationDao dao = Daos.on(h, AlertIntegrationDao.class);
              dao.rotateKey(tenant, id, key, clock.instant());
              dao.route(IntegrationKeys.sha256(key), tenant, id);
              audit.record(
                  h,
                  caller,
                  "alert_integration.key_rotated",
                  "alert_integration",
                  id,
                  "rotated the key of " + row.type() + " integration " + row.name());
              return view(h, tenant, dao.findById(tenant, id).orElseThrow());
            });
    forgetRoutes();
    return rotated;
  }

  // ---- severity → urgency

  public SeverityUrgencies severityUrgencies(Caller caller) {
    return db.inTenant(
        caller.tenantId(), h -> severityUrgencies(Daos.on(h, AlertIntegrationDao.class), caller));
  }

  /** Sets the severities given; the others keep their current urgency. */
  public SeverityUrgencies setSeverityUrgencies(Caller caller, Map<Severity, Urgency> changes) {
    SeverityUrgencies set =
        db.inTenant(
            caller.tenantId(),
            h -> {
              AlertIntegrationDao dao = Daos.on(h, AlertIntegrationDao.class);
              changes.forEach(
                  (severity, urgency) ->
                      dao.setSeverityUrgency(
                          caller.tenantId(),
                          SeverityUrgencies.wireName(severity),
                          urgency.wireName(),
                          clock.instant()));
              SeverityUrgencies now = severityUrgencies(dao, caller);
              audit.record(
                  h,
                  caller,
                  "alert_settings.severity_urgency_changed",
                  "alert_settings",
                  null,
                  "set the severity → urgency mapping to " + now.wire());
              return now;
            });
    forgetRoutes();
    return set;
  }

  private static SeverityUrgencies severityUrgencies(AlertIntegrationDao dao, Caller caller) {
    return severityUrgencies(dao, caller.tenantId());
  }

  static SeverityUrgencies severityUrgencies(AlertIntegrationDao dao, TenantId tenant) {
    Map<Severity, Urgency> set = new EnumMap<>(Severity.class);
    for (AlertIntegrationDao.SeverityUrgency row : dao.severityUrgencies(tenant)) {
      set.put(
          Severity.valueOf(row.severity().toUpperCase(java.util.Locale.ROOT)),
          Urgency.valueOf(row.urgency().toUpperCase(java.util.Locale.ROOT)));
    }
    return SeverityUrgencies.of(set);
  }

  // ---- inbound events

  /**
   * The integration {@code key} belongs to, if it is live and of {@code type}; empty for anything
   * else (malformed, unknown, rotated away, deleted, another type), all alike. The routing table is
   * read by the key's hash; the key itself is then compared in constant time in the tenant's scope.
   * A route found is kept for the cache's time, so that a stream of events costs no reads; a change
   * to the integrations or the mapping on this node drops what it kept.
   */
  public Optional<Routed> route(String key, IntegrationType type) {
    if (!IntegrationKeys.isWellFormed(key)) {
      return Optional.empty();
    }
    byte[] hash = IntegrationKeys.sha256(key);
    String cacheKey = HexFormat.of().formatHex(hash);
    CachedRoute cached = routes == null ? null : routes.getIfPresent(cacheKey);
    if (cached == null) {
      long changesBefore = routeChanges.get();
      cached = lookUp(key, hash).orElse(null);
      if (cached != null && routes != null && routeChanges.get() == changesBefore) {
        routes.put(cacheKey, cached);
      }
    }
    if (cached == null
        || !IntegrationKeys.matches(key, cached.key())
        || cached.routed().type() != type) {
      return Optional.empty();
    }
    return Optional.of(cached.routed());
  }

  private Optional<CachedRoute> lookUp(String key, byte[] hash) {
    return db.unscoped()
        .inTransaction(
            h -> {
              AlertIntegrationDao dao = Daos.on(h, AlertIntegrationDao.class);
              Optional<AlertIntegrationDao.Route> route = dao.routeOf(hash);
              if (route.isEmpty()) {
                return Optional.empty();
              }
              TenantId tenant = route.get().tenantId();
              TenantDatabase.enterTenant(h, tenant);
              return dao.findById(tenant, route.get().integrationId())
                  .filter(row -> IntegrationKeys.matches(key, row.integrationKey()))
                  .flatMap(
                      row ->
                          IntegrationType.fromWire(row.type())
                              .map(
                                  type ->
                                      new CachedRoute(
                                          row.integrationKey(),
                                          new Routed(
                                              tenant,
                                              row.id(),
                                              row.serviceId(),
                                              type,
                                              severityUrgencies(dao, tenant)))));
            });
  }

  /** After a change is committed: nothing this node kept may outlive it. */
  private void forgetRoutes() {
    routeChanges.incrementAndGet();
    if (routes != null) {
      routes.invalidateAll();
    }
  }

  private static void requireService(AlertIntegrationDao dao, TenantId tenant, UUID serviceId) {
    if (!dao.serviceExists(tenant, serviceId)) {
      throw new NotFoundException("service");
    }
  }

  private AlertIntegration.Row find(Handle h, TenantId tenant, UUID serviceId, UUID id) {
    return Daos.on(h, AlertIntegrationDao.class)
        .find(tenant, serviceId, id)
        .orElseThrow(() -> new NotFoundException("integration"));
  }

  private AlertIntegration view(Handle h, TenantId tenant, AlertIntegration.Row row) {
    IntegrationType type = IntegrationType.fromWire(row.type()).orElseThrow();
    return new AlertIntegration(
        row.id(),
        row.serviceId(),
        type,
        row.name(),
        row.integrationKey(),
        url(type, row.integrationKey()),
        row.createdAt(),
        row.updatedAt(),
        typeSettings.fields(h, tenant, row));
  }

  /** What to paste into the tool. */
  String url(IntegrationType type, String key) {
    return switch (type) {
      case EVENTS_V2 -> publicUrl + "/v2/enqueue";
      default -> typeSettings.url(type, key, publicUrl);
    };
  }
}
