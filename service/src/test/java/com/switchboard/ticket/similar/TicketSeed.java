package com.switchboard.ticket.similar;

import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.tenant.TenantId;
import com.switchboard.ticket.similar.SimilarTickets.Grouped;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;

/**
 * Inserts a ticket row and groups it in one transaction, as the ticket core's creation does, for
 * tests that need tickets at chosen instants.
 */
final class TicketSeed {
  private static final AtomicLong NUMBERS = new AtomicLong(100_000);

  private final TenantDatabase db;
  private final SimilarTickets similar;
  private final TenantId tenant;

  TicketSeed(TenantDatabase db, SimilarTickets similar, TenantId tenant) {
    this.db = db;
    this.similar = similar;
    this.tenant = tenant;
  }

  Grouped create(String subject, String description, UUID serviceId, Instant at) {
    return db.inTenant(tenant, h -> create(h, subject, description, serviceId, at));
  }

  Grouped create(UUID id, String subject, String description, UUID serviceId, Instant at) {
    return db.inTenant(tenant, h -> create(h, id, subject, description, serviceId, at));
  }

  Grouped create(Handle h, String subject, String description, UUID serviceId, Instant at) {
    return create(h, UUID.randomUUID(), subject, description, serviceId, at);
  }

  Grouped create(
      Handle h, UUID id, String subject, String description, UUID serviceId, Instant at) {
    h.createUpdate(
            "INSERT INTO tickets (tenant_id, id, number, subject, description, priority, status,"
                + " service_id, created_by, created_at, updated_at)"
                + " VALUES (:tenant, :id, :number, :subject, :description, 'normal', 'new',"
                + " :service, 'test', :at, :at)")
        .bind("tenant", tenant.value())
        .bind("id", id)
        .bind("number", NUMBERS.incrementAndGet())
        .bind("subject", subject)
        .bind("description", description)
        .bind("service", serviceId)
        .bind("at", at)
        .execute();
    return similar.onTicketCreated(h, tenant, id, subject, description, serviceId, at);
  }
}
