package com.switchboard.ticket;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Services that got tickets like a given one lately, for "does engineering know?". The
 * similar-ticket package answers it; the ticket package only asks, so it never imports that one.
 */
public interface SimilarServices {
  /**
   * @param tickets similar recent tickets on the service, the asking ticket not counted
   * @param score cosine of the ticket with the group's centroid (0–1)
   */
  record SimilarService(
      UUID serviceId, String serviceName, UUID groupId, int tickets, double score) {}

  /** Best first, at most one entry per service; read on the caller's transaction. */
  List<SimilarService> like(Handle h, TenantId tenant, Ticket ticket, Instant now);
}
