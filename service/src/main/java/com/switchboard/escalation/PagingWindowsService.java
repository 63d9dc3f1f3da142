package com.switchboard.escalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.escalation.PagingHold.Hold;
import com.switchboard.escalation.PagingHold.Maintenance;
import com.switchboard.paging.Urgency;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.schedule.ScheduleRequests.WindowInput;
import com.switchboard.tenant.TenantId;
import com.switchboard.user.TimeZones;
import io.dropwizard.jackson.Jackson;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Support hours and maintenance windows of services, and the hold they put on paging. */
public class PagingWindowsService {
  static final Duration LONGEST_MAINTENANCE = Duration.ofDays(31);
  private static final ObjectMapper JSON = Jackson.newObjectMapper();

  public record SupportHoursInput(
      @NotBlank @Size(max = 64) String timeZone,
      @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid WindowInput> windows) {}

  public record MaintenanceInput(
      Instant start, @NotNull Instant end, @Size(max = 500) String reason) {}

  public record MaintenanceWindow(
      UUID id, UUID serviceId, Instant startsAt, Instant endsAt, String reason, String createdBy) {}

  private final TenantDatabase db;
  private final AuditLog audit;
  private final Clock clock;

  public PagingWindowsService(TenantDatabase db, AuditLog audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  /** Null when the service has none (around the clock). */
  public SupportHours supportHours(Caller caller, UUID serviceId) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          requireService(h, caller.tenantId(), serviceId);
          return supportHours(h, caller.tenantId(), serviceId);
        });
  }

  public SupportHours setSupportHours(Caller caller, UUID serviceId, SupportHoursInput input) {
    SupportHours hours = input == null ? null : toHours(input);
    return db.inTenant(
        caller.tenantId(),
        h -> {
          String name = requireService(h, caller.tenantId(), serviceId);
          h.createUpdate(
                  "UPDATE services SET support_hours = CAST(:hours AS jsonb), updated_at = :now"
                      + " WHERE tenant_id = :tenant AND id = :id")
              .bind("hours", hours == null ? null : write(hours))
              .bind("now", clock.instant())
              .bind("tenant", caller.tenantId().value())
              .bind("id", serviceId)
              .execute();
          audit.record(
              h,
              caller,
              "service.support_hours_set",
              "service",
              serviceId,
              hours == null
                  ? name + " pages low urgency around the clock"
                  : name + " support hours set in " + hours.timeZone());
          return hours;
        });
  }

  public List<MaintenanceWindow> maintenance(Caller caller, UUID serviceId) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          requireService(h, caller.tenantId(), serviceId);
          return h.createQuery(
                  "SELECT id, service_id, starts_at, ends_at, reason, created_by"
                      + " FROM maintenance_windows WHERE tenant_id = :tenant"
                      + " AND service_id = :service AND ends_at > :now ORDER BY starts_at, id")
              .bind("tenant", caller.tenantId().value())
              .bind("service", serviceId)
              .bind("now", clock.instant())
              .map(
                  (rs, ctx) ->
                      new MaintenanceWindow(
                          rs.getObject("id", UUID.class),
                          rs.getObject("service_id", UUID.class),
                          rs.getTimestamp("starts_at").toInstant(),
                          rs.getTimestamp("ends_at").toInstant(),
                          rs.getString("reason"),
                          rs.getString("created_by")))
              .list();
        });
  }

  public MaintenanceWindow addMaintenance(Caller caller, UUID serviceId, MaintenanceInput input) {
    Instant now = clock.instant();
    Instant start = input.start() == null ? now : input.start();
    if (!input.end().isAfter(start)) {
      throw new ValidationException("end", "must be after the start");
    }
    if (!input.end().isAfter(now)) {
      throw new ValidationException("end", "must be in the future");
    }
    if (Duration.between(start, input.end()).compareTo(LONGEST_MAINTENANCE) > 0) {
      throw new ValidationException("end", "a maintenance window lasts at most 31 days");
    }
    UUID id = UUID.randomUUID();
    String reason = input.reason() == null ? "" : input.reason().trim();
    return db.inTenant(
        caller.tenantId(),
        h -> {
          String name = requireService(h, caller.tenantId(), serviceId);
          h.createUpdate(
                  "INSERT INTO maintenance_windows (tenant_id, id, service_id, starts_at, ends_at,"
                      + " reason, created_by, created_at)"
                      + " VALUES (:tenant, :id, :service, :start, :end, :reason, :by, :now)")
              .bind("tenant", caller.tenantId().value())
              .bind("id", id)
              .bind("service", serviceId)
              .bind("start", start)
              .bind("end", input.end())
              .bind("reason", reason)
              .bind("by", caller.displayName())
              .bind("now", now)
              .execute();
          audit.record(
              h,
              caller,
              "service.maintenance_added",
              "service",
              serviceId,
              name + " in maintenance from " + start + " to " + input.end());
          return new MaintenanceWindow(
              id, serviceId, start, input.end(), reason, caller.displayName());
        });
  }

  public void deleteMaintenance(Caller caller, UUID serviceId, UUID windowId) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          String name = requireService(h, caller.tenantId(), serviceId);
          int deleted =
              h.createUpdate(
                      "DELETE FROM maintenance_windows WHERE tenant_id = :tenant"
                          + " AND service_id = :service AND id = :id")
                  .bind("tenant", caller.tenantId().value())
                  .bind("service", serviceId)
                  .bind("id", windowId)
                  .execute();
          if (deleted == 0) {
            throw new NotFoundException("maintenance window");
          }
          audit.record(
              h,
              caller,
              "service.maintenance_deleted",
              "service",
              serviceId,
              "ended a maintenance window of " + name);
        });
  }

  /** Whether paging for a new incident of the service must wait, inside a transaction. */
  public static Optional<Hold> hold(
      Handle h, TenantId tenant, UUID serviceId, Urgency urgency, Instant now) {
    List<Maintenance> windows =
        h.createQuery(
                "SELECT starts_at, ends_at FROM maintenance_windows WHERE tenant_id = :tenant"
                    + " AND service_id = :service AND ends_at > :now")
            .bind("tenant", tenant.value())
            .bind("service", serviceId)
            .bind("now", now)
            .map(
                (rs, ctx) ->
                    new Maintenance(
                        rs.getTimestamp("starts_at").toInstant(),
                        rs.getTimestamp("ends_at").toInstant()))
            .list();
    SupportHours hours = urgency == Urgency.LOW ? supportHours(h, tenant, serviceId) : null;
    return PagingHold.of(windows, hours, urgency, now);
  }

  private static SupportHours supportHours(Handle h, TenantId tenant, UUID serviceId) {
    return h.createQuery(
            "SELECT support_hours::text FROM services WHERE tenant_id = :tenant AND id = :id")
        .bind("tenant", tenant.value())
        .bind("id", serviceId)
        .mapTo(String.class)
        .findOne()
        .map(PagingWindowsService::read)
        .orElse(null);
  }

  private static String requireService(Handle h, TenantId tenant, UUID serviceId) {
    return h.createQuery("SELECT name FROM services WHERE tenant_id = :tenant AND id = :id")
        .bind("tenant", tenant.value())
        .bind("id", serviceId)
        .mapTo(String.class)
        .findOne()
        .orElseThrow(() -> new NotFoundException("service"));
  }

  private static SupportHours toHours(SupportHoursInput input) {
    TimeZones.require("timeZone", input.timeZone());
    List<SupportHours.Window> windows =
        input.windows().stream()
            .map(
                w -> {
                  if (w.startDay() == w.endDay() && w.startTime().equals(w.endTime())) {
                    throw new ValidationException(
                        "windows", "a window's end must differ from its start");
                  }
                  return new SupportHours.Window(
                      w.startDay(), w.startTime(), w.endDay(), w.endTime());
                })
            .toList();
    return new SupportHours(input.timeZone(), windows);
  }

  private static String write(SupportHours hours) {
    try {
      return JSON.writeValueAsString(hours);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SupportHours read(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readValue(json, SupportHours.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable support hours", e);
    }
  }
}
