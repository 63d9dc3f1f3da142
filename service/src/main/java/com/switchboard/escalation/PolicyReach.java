package com.switchboard.escalation;

import com.switchboard.escalation.EscalationPolicy.TargetType;
import com.switchboard.escalation.EscalationPolicyDao.TargetRow;
import com.switchboard.platform.db.Daos;
import com.switchboard.schedule.OnCallService;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Who a policy's steps would reach at an instant, for messages that tell people something without
 * paging them (a surge of similar tickets) and for the policy editor's preview. Reads only: a
 * round-robin team gives the member whose turn is next without taking the turn, and nothing is
 * written to any timeline.
 */
public class PolicyReach {
  private final OnCallService onCall;

  public PolicyReach(OnCallService onCall) {
    this.onCall = onCall;
  }

  /** The active people of the policy's first step at {@code at}, each once, in target order. */
  public List<UUID> firstStep(Handle h, TenantId tenant, UUID policyId, Instant at) {
    Set<UUID> users = new LinkedHashSet<>();
    for (TargetRow target :
        Daos.on(h, EscalationPolicyDao.class).targets(tenant, List.of(policyId))) {
      if (target.position() == 0) {
        users.addAll(target(h, tenant, target, at));
      }
    }
    return active(h, tenant, new ArrayList<>(users));
  }

  /**
   * The people one target stands for at {@code at}, active or not: the user; whoever is on call on
   * the schedule (none in a gap); every active member of the team, or the member whose turn is
   * next. None when the target no longer exists.
   */
  public List<UUID> target(Handle h, TenantId tenant, TargetRow target, Instant at) {
    if (target.name() == null) {
      return List.of();
    }
    if (target.targetType() == TargetType.USER) {
      return List.of(target.targetId());
    }
    if (target.targetType() == TargetType.SCHEDULE) {
      return onCall
          .onCallAt(h, tenant, target.targetId(), at)
          .map(u -> List.of(u.value()))
          .orElse(List.of());
    }
    Set<UUID> members = new LinkedHashSet<>();
    EscalationEngine.addTeam(h, tenant, target.policyId(), target, false, members);
    return new ArrayList<>(members);
  }

  private static List<UUID> active(Handle h, TenantId tenant, List<UUID> users) {
    if (users.isEmpty()) {
      return users;
    }
    Set<UUID> active =
        Set.copyOf(
            h.createQuery(
                    "SELECT id FROM users WHERE tenant_id = :tenant AND id IN (<ids>) AND active")
                .bind("tenant", tenant.value())
                .bindList("ids", users)
                .mapTo(UUID.class)
                .list());
    return users.stream().filter(active::contains).toList();
  }
}
