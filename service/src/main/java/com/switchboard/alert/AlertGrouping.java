package com.switchboard.alert;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.tenant.TenantId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * How many incidents a storm of distinct alert keys may open on one service: at most {@code
 * incidentsPerWindow} new incidents per {@code windowSeconds}, the rest attaching to the newest
 * open one. A service keeps the product defaults until an owner or admin sets its own.
 */
public class AlertGrouping {
  /** What a service's alerts open now; {@code custom} is false while it takes the defaults. */
  public record View(
      UUID serviceId, int incidentsPerWindow, int windowSeconds, boolean custom, Limits defaults) {}

  /** A cap: {@code incidentsPerWindow} 0 means none (a product default may be set so). */
  public record Limits(int incidentsPerWindow, int windowSeconds) {}

  /**
   * A service's own cap. Never uncapped, and at most 100 per window: each new incident pages, and
   * pages cost money and sleep.
   */
  public record Input(
      @NotNull @Min(1) @Max(100) Integer incidentsPerWindow,
      @NotNull @Min(60) @Max(86_400) Integer windowSeconds) {}

  private final TenantDatabase db;
  private final AuditLog audit;
  private final Clock clock;
  private final Limits defaults;

  public AlertGrouping(TenantDatabase db, AuditLog audit, Clock clock, AlertSettings settings) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
    this.defaults =
        new Limits(
            settings.incidentsPerWindow,
            (int) settings.groupingWindow.toJavaDuration().toSeconds());
  }

  public View get(Caller caller, UUID serviceId) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          requireService(h, caller.tenantId(), serviceId);
          return view(h, caller.tenantId(), serviceId);
        });
  }

  public View set(Caller caller, UUID serviceId, Input input) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          String name = requireService(h, caller.tenantId(), serviceId);
          Daos.on(h, AlertGroupingDao.class)
              .set(
                  caller.tenantId(),
                  serviceId,
                  input.incidentsPerWindow(),
                  input.windowSeconds(),
                  clock.instant());
          audit.record(
              h,
              caller,
              "service.alert_grouping_set",
              "service",
              serviceId,
              name
                  + " opens at most "
                  + input.incidentsPerWindow()
                  + " incidents from alerts per "
                  + input.windowSeconds()
                  + " s");
          return view(h, caller.tenantId(), serviceId);
        });
  }

  /** Back to the product defaults. */
  public View clear(Caller caller, UUID serviceId) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          String name = requireService(h, caller.tenantId(), serviceId);
          if (Daos.on(h, AlertGroupingDao.class).clear(caller.tenantId(), serviceId) > 0) {
            audit.record(
                h,
                caller,
                "service.alert_grouping_cleared",
                "service",
                serviceId,
                name + " groups alerts by the defaults again");
          }
          return view(h, caller.tenantId(), serviceId);
        });
  }

  private View view(Handle h, TenantId tenant, UUID serviceId) {
    Optional<AlertGroupingDao.Row> own = Daos.on(h, AlertGroupingDao.class).find(tenant, serviceId);
    return own.map(
            r -> new View(serviceId, r.incidentsPerWindow(), r.windowSeconds(), true, defaults))
        .orElseGet(
            () ->
                new View(
                    serviceId,
                    defaults.incidentsPerWindow(),
                    defaults.windowSeconds(),
                    false,
                    defaults));
  }

  private static String requireService(Handle h, TenantId tenant, UUID serviceId) {
    return Daos.on(h, AlertGroupingDao.class)
        .serviceName(tenant, serviceId)
        .orElseThrow(() -> new NotFoundException("service"));
  }
}
