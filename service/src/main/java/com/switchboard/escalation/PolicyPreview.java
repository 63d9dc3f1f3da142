package com.switchboard.escalation;

import com.switchboard.auth.Caller;
import com.switchboard.contact.ContactDao;
import com.switchboard.contact.ContactDao.PlannedRule;
import com.switchboard.escalation.EscalationPolicy.TargetType;
import com.switchboard.escalation.EscalationPolicy.TeamMode;
import com.switchboard.escalation.EscalationPolicyDao.PolicyRow;
import com.switchboard.escalation.EscalationPolicyDao.ServiceRow;
import com.switchboard.escalation.EscalationPolicyDao.StepRow;
import com.switchboard.escalation.EscalationPolicyDao.TargetRow;
import com.switchboard.paging.Urgency;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The policy editor's preview: for each step, who its targets stand for at an instant and whether a
 * page would reach each of them, judged as {@link EscalationEngine} pages (a deactivated person is
 * skipped; a person with no usable contact method is not paged; a person without rules for the
 * urgency is paged once on their first usable method). Reads only: a round-robin team shows the
 * member whose turn is next without taking the turn.
 */
public class PolicyPreview {
  public record Preview(
      UUID policyId,
      String name,
      int repeatCount,
      Instant at,
      Urgency urgency,
      List<ServiceRow> services,
      List<StepPreview> steps) {}

  /** {@code people}: everyone the step pages, each once, in target order. */
  public record StepPreview(
      int position, int delayMinutes, List<TargetPreview> targets, List<Person> people) {}

  /**
   * {@code userIds}: who the target stands for now; {@code note} says why nobody, when nobody (the
   * target was deleted, nobody is on call, the team has no active members).
   */
  public record TargetPreview(
      TargetType type, UUID id, TeamMode teamMode, String name, List<UUID> userIds, String note) {}

  /**
   * {@code reason}: why a page would not reach them (null when it would); {@code warning}: how it
   * would reach them despite a gap in their setup.
   */
  public record Person(UUID id, String name, boolean reachable, String reason, String warning) {}

  private final TenantDatabase db;
  private final PolicyReach reach;
  private final Clock clock;

  public PolicyPreview(TenantDatabase db, PolicyReach reach, Clock clock) {
    this.db = db;
    this.reach = reach;
    this.clock = clock;
  }

  /** {@code at}: null for now. */
  public Preview preview(Caller caller, UUID policyId, Instant at, Urgency urgency) {
    Instant when = at == null ? clock.instant() : at;
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          EscalationPolicyDao policies = Daos.on(h, EscalationPolicyDao.class);
          PolicyRow policy =
              policies
                  .find(tenant, policyId)
                  .orElseThrow(() -> new NotFoundException("escalation policy"));
          List<TargetRow> targets = policies.targets(tenant, List.of(policyId));
          Map<UUID, Person> people = new HashMap<>();
          List<StepPreview> steps = new ArrayList<>();
          for (StepRow step : policies.steps(tenant, List.of(policyId))) {
            List<TargetPreview> previews = new ArrayList<>();
            Set<UUID> paged = new LinkedHashSet<>();
            for (TargetRow target : targets) {
              if (target.position() != step.position()) {
                continue;
              }
              List<UUID> users = reach.target(h, tenant, target, when);
              paged.addAll(users);
              previews.add(
                  new TargetPreview(
                      target.targetType(),
                      target.targetId(),
                      target.teamMode(),
                      target.name(),
                      users,
                      users.isEmpty() ? nobody(target) : null));
            }
            List<Person> stepPeople = new ArrayList<>();
            for (UUID user : paged) {
              stepPeople.add(people.computeIfAbsent(user, u -> person(h, tenant, u, urgency)));
            }
            steps.add(new StepPreview(step.position(), step.delayMinutes(), previews, stepPeople));
          }
          return new Preview(
              policy.id(),
              policy.name(),
              policy.repeatCount(),
              when,
              urgency,
              policies.services(tenant, policyId),
              steps);
        });
  }

  private static String nobody(TargetRow target) {
    if (target.name() == null) {
      return "this " + target.targetType().wireName() + " no longer exists";
    }
    return target.targetType() == TargetType.SCHEDULE
        ? "nobody is on call at this time"
        : "the team has no active members";
  }

  private static Person person(Handle h, TenantId tenant, UUID user, Urgency urgency) {
    record Row(String name, boolean active) {}
    Row row =
        h.createQuery("SELECT name, active FROM users WHERE tenant_id = :tenant AND id = :id")
            .bind("tenant", tenant.value())
            .bind("id", user)
            .map((rs, ctx) -> new Row(rs.getString("name"), rs.getBoolean("active")))
            .findOne()
            .orElse(new Row(null, false));
    if (!row.active()) {
      return new Person(user, row.name(), false, "deactivated", null);
    }
    ContactDao contacts = Daos.on(h, ContactDao.class);
    List<PlannedRule> usable = contacts.usableMethods(tenant, user);
    if (usable.isEmpty()) {
      return new Person(user, row.name(), false, "no verified contact method", null);
    }
    List<PlannedRule> rules = contacts.plannedRules(tenant, user, urgency);
    if (rules.isEmpty() && urgency == Urgency.LOW) {
      rules = contacts.plannedRules(tenant, user, Urgency.HIGH);
    }
    String first = usable.get(0).channel().wireName();
    if (rules.isEmpty()) {
      return new Person(
          user,
          row.name(),
          true,
          null,
          "no notification rules: paged once by " + first + ", at once");
    }
    if (rules.stream().noneMatch(PlannedRule::usable)) {
      return new Person(
          user,
          row.name(),
          true,
          null,
          "no rule uses a verified contact method: paged once by " + first + ", at once");
    }
    return new Person(user, row.name(), true, null, null);
  }
}
