package com.switchboard.escalation;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.escalation.EscalationPolicy.Step;
import com.switchboard.escalation.EscalationPolicy.Target;
import com.switchboard.escalation.EscalationPolicy.TargetType;
import com.switchboard.escalation.EscalationPolicyDao.PolicyRow;
import com.switchboard.escalation.EscalationPolicyDao.StepRow;
import com.switchboard.escalation.EscalationPolicyDao.TargetRow;
import com.switchboard.escalation.PolicyRequests.PolicyDefinition;
import com.switchboard.escalation.PolicyRequests.StepDefinition;
import com.switchboard.escalation.PolicyRequests.TargetDefinition;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.db.UniqueNames;
import com.switchboard.platform.errors.ConflictException;
import com.switchboard.platform.errors.FieldError;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** Creating, replacing and reading escalation policies, and pointing services at them. */
public class EscalationPolicyService {
  private final TenantDatabase db;
  private final AuditLog audit;
  private final Clock clock;

  public EscalationPolicyService(TenantDatabase db, AuditLog audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  public EscalationPolicy create(Caller caller, PolicyDefinition definition) {
    UUID id = UUID.randomUUID();
    return UniqueNames.orConflict(
        "an escalation policy with this name already exists",
        () ->
            db.inTenant(
                caller.tenantId(),
                h -> {
                  validateTargets(h, caller.tenantId(), definition);
                  Daos.on(h, EscalationPolicyDao.class)
                      .insertPolicy(
                          caller.tenantId(),
                          id,
                          definition.name().trim(),
                          orEmpty(definition.description()),
                          definition.repeatCount(),
                          clock.instant());
                  writeSteps(h, caller.tenantId(), id, definition);
                  audit.record(
                      h,
                      caller,
                      "escalation_policy.created",
                      "escalation_policy",
                      id,
                      "created escalation policy " + definition.name().trim());
                  return load(h, caller.tenantId(), id, clock.instant());
                }));
  }

  /**
   * Replaces a policy whole. Incidents already escalating follow the new steps from their next step
   * on.
   */
  public EscalationPolicy replace(Caller caller, UUID id, PolicyDefinition definition) {
    return UniqueNames.orConflict(
        "an escalation policy with this name already exists",
        () ->
            db.inTenant(
                caller.tenantId(),
                h -> {
                  EscalationPolicyDao policies = Daos.on(h, EscalationPolicyDao.class);
                  policies
                      .lock(caller.tenantId(), id)
                      .orElseThrow(() -> new NotFoundException("escalation policy"));
                  validateTargets(h, caller.tenantId(), definition);
                  policies.updatePolicy(
                      caller.tenantId(),
                      id,
                      definition.name().trim(),
                      orEmpty(definition.description()),
                      definition.repeatCount(),
                      clock.instant());
                  policies.deleteSteps(caller.tenantId(), id);
                  writeSteps(h, caller.tenantId(), id, definition);
                  audit.record(
                      h,
                      caller,
                      "escalation_policy.updated",
                      "escalation_policy",
                      id,
                      "updated escalation policy " + definition.name().trim());
                  return load(h, caller.tenantId(), id, clock.instant());
                }));
  }

  public EscalationPolicy get(Caller caller, UUID id) {
    return db.inTenant(caller.tenantId(), h -> load(h, caller.tenantId(), id, clock.instant()));
  }

  public List<EscalationPolicy> list(Caller caller) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          EscalationPolicyDao policies = Daos.on(h, EscalationPolicyDao.class);
          List<PolicyRow> rows = policies.list(caller.tenantId());
          List<EscalationPolicy> result = new ArrayList<>();
          for (PolicyRow row : rows) {
            result.add(assemble(h, caller.tenantId(), row, clock.instant()));
          }
          return result;
        });
  }

  public void delete(Caller caller, UUID id) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          EscalationPolicyDao policies = Daos.on(h, EscalationPolicyDao.class);
          PolicyRow row =
              policies
                  .lock(caller.tenantId(), id)
                  .orElseThrow(() -> new NotFoundException("escalation policy"));
          int services = policies.servicesUsing(caller.tenantId(), id);
          if (services > 0) {
            throw new ConflictException(
                "escalation policy is used by "
                    + services
                    + (services == 1 ? " service" : " services")
                    + "; point them at another policy first");
          }
          policies.delete(caller.tenantId(), id);
          audit.record(
              h,
              caller,
              "escalation_policy.deleted",
              "escalation_policy",
              id,
              "deleted escalation policy " + row.name());
        });
  }

  /** Loads one policy with its steps, target names and unreachable users. */
  static EscalationPolicy load(Handle h, TenantId tenant, UUID id, Instant now) {
    PolicyRow row =
        Daos.on(h, EscalationPolicyDao.class)
            .find(tenant, id)
            .orElseThrow(() -> new NotFoundException("escalation policy"));
    return assemble(h, tenant, row, now);
  }

  private static EscalationPolicy assemble(Handle h, TenantId tenant, PolicyRow row, Instant now) {
    EscalationPolicyDao policies = Daos.on(h, EscalationPolicyDao.class);
    List<StepRow> steps = policies.steps(tenant, List.of(row.id()));
    Map<Integer, List<TargetRow>> targets =
        policies.targets(tenant, List.of(row.id())).stream()
            .collect(Collectors.groupingBy(TargetRow::position));
    List<Step> assembled =
        steps.stream()
            .map(
                s ->
                    new Step(
                        s.delayMinutes(),
                        targets.getOrDefault(s.position(), List.of()).stream()
                            .map(
                                t ->
                                    new Target(
                                        t.targetType(), t.targetId(), t.teamMode(), t.name()))
                            .toList()))
            .toList();
    return new EscalationPolicy(
        row.id(),
        row.name(),
        row.description(),
        row.repeatCount(),
        assembled,
        policies.unreachable(tenant, row.id(), now),
        row.createdAt(),
        row.updatedAt());
  }

  private static void writeSteps(Handle h, TenantId tenant, UUID id, PolicyDefinition definition) {
    EscalationPolicyDao policies = Daos.on(h, EscalationPolicyDao.class);
    for (int position = 0; position < definition.steps().size(); position++) {
      StepDefinition step = definition.steps().get(position);
      policies.insertStep(tenant, id, position, step.delayMinutes());
      for (int index = 0; index < step.targets().size(); index++) {
        TargetDefinition target = step.targets().get(index);
        policies.insertTarget(
            tenant, id, position, index, target.type(), target.id(), target.teamMode());
      }
    }
  }

  /**
   * Every target must exist in the tenant, a team target needs a mode, others must not have one.
   */
  private static void validateTargets(Handle h, TenantId tenant, PolicyDefinition definition) {
    List<FieldError> errors = new ArrayList<>();
    for (int s = 0; s < definition.steps().size(); s++) {
      List<TargetDefinition> targets = definition.steps().get(s).targets();
      for (int t = 0; t < targets.size(); t++) {
        TargetDefinition target = targets.get(t);
        String field = "steps[" + s + "].targets[" + t + "]";
        if (target.type() == TargetType.TEAM && target.teamMode() == null) {
          errors.add(new FieldError(field + ".teamMode", "is required for a team target"));
        }
        if (target.type() != TargetType.TEAM && target.teamMode() != null) {
          errors.add(new FieldError(field + ".teamMode", "applies to team targets only"));
        }
        if (!exists(h, tenant, target)) {
          errors.add(
              new FieldError(
                  field + ".id", "no such " + target.type().wireName() + " in this tenant"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private static boolean exists(Handle h, TenantId tenant, TargetDefinition target) {
    String sql;
    switch (target.type()) {
      case USER:
        sql = "SELECT count(*) FROM users WHERE tenant_id = :tenant AND id = :id AND active";
        break;
      case SCHEDULE:
        sql = "SELECT count(*) FROM schedules WHERE tenant_id = :tenant AND id = :id";
        break;
      case TEAM:
        sql = "SELECT count(*) FROM teams WHERE tenant_id = :tenant AND id = :id";
        break;
      default:
        throw new IllegalStateException("unknown target type " + target.type());
    }
    return h.createQuery(sql)
            .bind("tenant", tenant.value())
            .bind("id", target.id())
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
