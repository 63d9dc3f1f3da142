package com.switchboard.paging;

import com.switchboard.platform.db.Daos;
import com.switchboard.tenant.TenantId;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * An incident as paging sees it: what a step needs to decide (service, urgency, still triggered?)
 * and what a message shows. Escalation and notify read it here instead of importing the incident
 * domain above them; only {@code incident/} writes incidents.
 *
 * @param serviceId null for an incident without a service (a support SLA's)
 * @param triggered whether the incident still wants paging (not acknowledged, not resolved)
 */
public record PageSubject(
    UUID id,
    long number,
    UUID serviceId,
    String serviceName,
    String title,
    String details,
    Urgency urgency,
    boolean triggered) {

  /** What an incident Switchboard opened for a support SLA, which has no service, shows. */
  public static final String NO_SERVICE_NAME = "Support";

  /** The incident, or empty when it is gone. */
  public static Optional<PageSubject> find(Handle h, TenantId tenant, UUID incidentId) {
    return Daos.on(h, PageSubjectDao.class).find(tenant, incidentId);
  }

  /**
   * Locks the incident until commit, so a step and an acknowledgement take turns, and reads it;
   * empty when it is gone.
   */
  public static Optional<PageSubject> lock(Handle h, TenantId tenant, UUID incidentId) {
    PageSubjectDao subjects = Daos.on(h, PageSubjectDao.class);
    return subjects.lock(tenant, incidentId).flatMap(id -> subjects.find(tenant, id));
  }
}
