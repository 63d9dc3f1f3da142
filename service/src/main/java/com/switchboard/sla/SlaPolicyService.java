package com.switchboard.sla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.escalation.EscalationPolicyDao;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.db.UniqueNames;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.sla.SlaPolicy.BusinessHours;
import com.switchboard.sla.SlaPolicy.Target;
import com.switchboard.sla.SlaPolicyDao.PolicyRow;
import com.switchboard.sla.SlaPolicyRequests.BusinessHoursInput;
import com.switchboard.sla.SlaPolicyRequests.SlaPolicyDefinition;
import com.switchboard.tenant.TenantId;
import com.switchboard.user.TimeZones;
import io.dropwizard.jackson.Jackson;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Creating, replacing, reading and deleting SLA policies. A change re-targets the clocks that run
 * under the policy; deleting it removes the clocks not yet met or breached.
 */
public class SlaPolicyService {
  private static final ObjectMapper JSON =
      Jackson.newObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final String TIER_TAKEN = "another SLA policy already covers this tier";

  private final TenantDatabase db;
  private final QuartzSlaClocks clocks;
  private final AuditLog audit;
  private final Clock clock;

  public SlaPolicyService(TenantDatabase db, QuartzSlaClocks clocks, AuditLog audit, Clock clock) {
    this.db = db;
    this.clocks = clocks;
    this.audit = audit;
    this.clock = clock;
  }

  public SlaPolicy create(Caller caller, SlaPolicyDefinition definition) {
    Valid valid = validate(definition);
    UUID id = UUID.randomUUID();
    return UniqueNames.orConflict(
        TIER_TAKEN,
        () ->
            db.inTenant(
                caller.tenantId(),
                h -> {
                  requireEscalationPolicy(h, caller.tenantId(), definition.escalationPolicyId());
                  Daos.on(h, SlaPolicyDao.class)
                      .insert(caller.tenantId(), id, valid.values(), clock.instant());
                  audit.record(
                      h,
                      caller,
                      "sla_policy.created",
                      "sla_policy",
                      id,
                      "created SLA policy "
                          + definition.name().trim()
                          + " for tier "
                          + definition.tier().trim());
                  return load(h, caller.tenantId(), id);
                }));
  }

  public SlaPolicy replace(Caller caller, UUID id, SlaPolicyDefinition definition) {
    Valid valid = validate(definition);
    return UniqueNames.orConflict(
        TIER_TAKEN,
        () ->
            db.inTenant(
                caller.tenantId(),
                h -> {
                  SlaPolicyDao policies = Daos.on(h, SlaPolicyDao.class);
                  SlaPolicy before =
                      policies
                          .lock(caller.tenantId(), id)
                          .map(SlaPolicyService::toPolicy)
                          .orElseThrow(() -> new NotFoundException("SLA policy"));
                  requireEscalationPolicy(h, caller.tenantId(), definition.escalationPolicyId());
                  policies.update(caller.tenantId(), id, valid.values(), clock.instant());
                  SlaPolicy policy = load(h, caller.tenantId(), id);
                  clocks.retarget(h, caller.tenantId(), before, policy, clock.instant());
                  audit.record(
                      h,
                      caller,
                      "sla_policy.updated",
                      "sla_policy",
                      id,
                      "updated SLA policy " + policy.name());
                  return policy;
                }));
  }

  public SlaPolicy get(Caller caller, UUID id) {
    return db.inTenant(caller.tenantId(), h -> load(h, caller.tenantId(), id));
  }

  public List<SlaPolicy> list(Caller caller) {
    return db.inTenant(
        caller.tenantId(),
        h ->
            Daos.on(h, SlaPolicyDao.class).list(caller.tenantId()).stream()
                .map(SlaPolicyService::toPolicy)
                .toList());
  }

  public void delete(Caller caller, UUID id) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          SlaPolicyDao policies = Daos.on(h, SlaPolicyDao.class);
          PolicyRow row =
              policies
                  .lock(caller.tenantId(), id)
                  .orElseThrow(() -> new NotFoundException("SLA policy"));
          clocks.dropRunning(h, caller.tenantId(), id);
          policies.delete(caller.tenantId(), id);
          audit.record(
              h,
              caller,
              "sla_policy.deleted",
              "sla_policy",
              id,
              "deleted SLA policy " + row.name());
        });
  }

  static SlaPolicy load(Handle h, TenantId tenant, UUID id) {
    return Daos.on(h, SlaPolicyDao.class)
        .find(tenant, id)
        .map(SlaPolicyService::toPolicy)
        .orElseThrow(() -> new NotFoundException("SLA policy"));
  }

  static SlaPolicy toPolicy(PolicyRow row) {
    try {
      return new SlaPolicy(
          row.id(),
          row.name(),
          row.tier(),
          JSON.readValue(row.targets(), new TypeReference<List<Target>>() {}),
          row.businessHours() == null
              ? null
              : JSON.readValue(row.businessHours(), BusinessHours.class),
          row.warningPercent(),
          row.escalationPolicyId(),
          row.createdAt(),
          row.updatedAt());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable SLA policy " + row.id(), e);
    }
  }

  private record Valid(
      SlaPolicyDefinition definition,
      List<Target> targets,
      BusinessHours hours,
      int warningPercent) {
    SlaPolicyDao.Values values() {
      return new SlaPolicyDao.Values(
          definition.name().trim(),
          definition.tier().trim(),
          write(targets),
          hours == null ? null : write(hours),
          warningPercent,
          definition.escalationPolicyId());
    }
  }

  /** Rules beyond the body's constraints: one target per priority, a zone, windows of a length. */
  private static Valid validate(SlaPolicyDefinition definition) {
    Set<String> priorities = new HashSet<>();
    for (int i = 0; i < definition.targets().size(); i++) {
      if (!priorities.add(definition.targets().get(i).priority())) {
        throw new ValidationException(
            "targets[" + i + "].priority", "appears twice; give each priority one target");
      }
    }
    List<Target> targets =
        definition.targets().stream()
            .map(
                t ->
                    new Target(
                        t.priority(),
                        t.firstResponseMinutes(),
                        t.nextResponseMinutes(),
                        t.resolutionMinutes()))
            .toList();
    return new Valid(
        definition,
        targets,
        hours(definition.businessHours()),
        definition.warningPercent() == null ? 75 : definition.warningPercent());
  }

  private static BusinessHours hours(BusinessHoursInput input) {
    if (input == null) {
      return null;
    }
    TimeZones.require("businessHours.timeZone", input.timeZone());
    List<BusinessCalendar.Window> windows =
        input.windows().stream()
            .map(
                w -> {
                  if (w.startDay() == w.endDay() && w.startTime().equals(w.endTime())) {
                    throw new ValidationException(
                        "businessHours.windows", "a window's end must differ from its start");
                  }
                  return new BusinessCalendar.Window(
                      w.startDay(), w.startTime(), w.endDay(), w.endTime());
                })
            .toList();
    List<LocalDate> holidays =
        List.copyOf(new TreeSet<>(input.holidays() == null ? List.of() : input.holidays()));
    return new BusinessHours(input.timeZone(), windows, holidays);
  }

  /** The escalation policy a breach pages; another tenant's answers as one that never existed. */
  private static void requireEscalationPolicy(Handle h, TenantId tenant, UUID id) {
    Daos.on(h, EscalationPolicyDao.class)
        .find(tenant, id)
        .orElseThrow(() -> new NotFoundException("escalation policy"));
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
