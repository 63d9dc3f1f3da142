package com.switchboard.sla;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Told of each SLA warning and breach inside the transaction that records it, so a listener's
 * writes (an outbound webhook delivery) commit with the alarm or not at all.
 */
public interface SlaAlarmListener {
  /**
   * @param kind {@code warning} or {@code breached}
   * @param incidentId the breach page's incident; null for a warning or a breach that paged nobody
   */
  record SlaAlarm(
      String kind,
      UUID ticketId,
      long ticketNumber,
      String ticketSubject,
      String metric,
      Instant dueAt,
      Instant at,
      String customerName,
      String tier,
      String priority,
      UUID slaPolicyId,
      UUID incidentId) {}

  void alarmed(Handle h, TenantId tenant, SlaAlarm alarm);
}
