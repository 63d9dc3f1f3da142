package com.switchboard.ticket.similar;

import com.switchboard.audit.AuditLog;
import com.switchboard.escalation.PolicyReach;
import com.switchboard.notify.Notices;
import com.switchboard.platform.db.Daos;
import com.switchboard.team.BusinessService;
import com.switchboard.team.ServiceDao;
import com.switchboard.tenant.TenantId;
import com.switchboard.ticket.similar.TextSimilarity.Corpus;
import com.switchboard.ticket.similar.TicketGroupDao.SurgeState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * A group surges when it has the tenant's {@code surgeThreshold} tickets within {@code
 * surgeWindowMinutes}. The first ticket that brings it there alerts, once per surge: the group
 * records {@code alerted_at}, and each person the tenant's surge policy's first step reaches now
 * (else every active member of its support teams) gets a notice. The surge lasts while tickets keep
 * the group at the threshold; once a whole window passes without that, the next time it gets there
 * is a new surge and alerts again.
 */
public class SurgeAlerts {
  private final Notices notices;
  private final PolicyReach reach;
  private final AuditLog audit;
  private final Clock clock;

  public SurgeAlerts(Notices notices, PolicyReach reach, AuditLog audit, Clock clock) {
    this.notices = notices;
    this.reach = reach;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Called on the ticket's transaction after it joined or started the group, with the group's state
   * before it did; returns whether it alerted.
   */
  boolean onGroupGrew(
      Handle h,
      TenantId tenant,
      UUID groupId,
      UUID serviceId,
      SurgeState before,
      String subject,
      Instant at,
      Corpus corpus) {
    SupportSettings settings = SupportSettingsService.of(h, tenant);
    TicketGroupDao groups = Daos.on(h, TicketGroupDao.class);
    Duration window = Duration.ofMinutes(settings.surgeWindowMinutes());
    Instant windowStart = at.minus(window);
    int count = groups.countBetween(tenant, groupId, windowStart, at);
    if (count < settings.surgeThreshold()) {
      return false;
    }
    boolean newSurge = before.surgingAt() == null || !before.surgingAt().isAfter(windowStart);
    groups.markSurging(tenant, groupId, at, newSurge);
    if (!newSurge) {
      return false;
    }
    List<UUID> people =
        settings.surgeAlertPolicyId() == null
            ? groups.supportTeamMembers(tenant)
            : reach.firstStep(h, tenant, settings.surgeAlertPolicyId(), clock.instant());
    String service =
        serviceId == null
            ? "no service"
            : Daos.on(h, ServiceDao.class)
                .findById(tenant, serviceId)
                .map(BusinessService::name)
                .orElse("a deleted service");
    String title =
        "Surge: "
            + count
            + " similar tickets on "
            + service
            + " in "
            + settings.surgeWindowMinutes()
            + " min";
    String text =
        "Tickets like \""
            + subject
            + "\" are arriving fast: "
            + count
            + " in the last "
            + settings.surgeWindowMinutes()
            + " minutes on "
            + service
            + " (about: "
            + String.join(", ", SimilarTickets.topTerms(groups, tenant, groupId, corpus))
            + "). Ticket group "
            + groupId
            + ": open one incident for all of them with"
            + " POST /api/v1/ticket-groups/"
            + groupId
            + "/escalate.";
    for (UUID person : people) {
      notices.send(h, tenant, person, title, text);
    }
    audit.recordSystem(
        h,
        tenant,
        "ticket_group.surge_alerted",
        "ticket_group",
        groupId,
        title + "; alerted " + people.size() + (people.size() == 1 ? " person" : " people"));
    return true;
  }
}
