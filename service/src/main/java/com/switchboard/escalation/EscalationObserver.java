package com.switchboard.escalation;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Hears of every escalation step that paged people, inside the transaction that ran it, so that
 * what it writes commits or rolls back with the step. The incident package implements it to tell
 * its own observers; the escalation package never depends on them.
 */
public interface EscalationObserver {
  void stepRan(Handle h, TenantId tenant, StepRan step);

  /**
   * One step of an escalation that ran.
   *
   * @param policyId null when the escalation pages one user directly (a reassignment)
   * @param paged the people it wrote pages for (not those skipped or unreachable), in order
   */
  record StepRan(
      UUID incidentId,
      UUID escalationId,
      UUID policyId,
      String policyName,
      int round,
      int step,
      List<Paged> paged,
      Instant at) {
    /** The first step of an escalation: its pages belong to the trigger or reassignment. */
    public boolean first() {
      return round == 0 && step == 0;
    }
  }

  record Paged(UUID userId, String name) {}
}
