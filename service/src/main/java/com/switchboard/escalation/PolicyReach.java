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
 * Who a policy's first step would reach at an instant, for messages that tell people something
 * without paging them (a surge of similar tickets). Reads only: a round-robin team gives the member
 * whose turn is next without taking the turn, and nothing is written to any timeline.
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
      if (target.position() != 0 || target.name() == null) {
        continue;
      }
      if (target.targetType() == TargetType.USER) {
        users.add(target.targetId());
      } else if (target.targetType() == TargetType.SCHEDULE) {
        onCall.onCallAt(h, tenant, target.targetId(), at).ifPresent(u -> users.add(u.value()));
      } else {
        EscalationEngine.addTeam(h, tenant, policyId, target, false, users);
      }
    }
    return active(h, tenant, new ArrayList<>(users));
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
