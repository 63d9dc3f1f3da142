package com.switchboard.ticket.similar;

import com.switchboard.SwitchboardApplication;
import com.switchboard.audit.AuditLog;
import com.switchboard.escalation.PolicyReach;
import com.switchboard.notify.Channel;
import com.switchboard.notify.MessageProvider;
import com.switchboard.notify.Notices;
import com.switchboard.notify.OutboundMessage;
import com.switchboard.notify.ProviderRegistry;
import com.switchboard.notify.SendResult;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.schedule.OnCallService;
import com.switchboard.schedule.ShiftCalculator;
import com.switchboard.tenant.TenantId;
import com.switchboard.testing.TestClock;
import com.switchboard.testing.TestDatabase;
import com.switchboard.ticket.similar.SimilarTickets.Grouped;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

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

  /**
   * Groups the tenant's tickets with a {@link SimilarTickets} of its own on the test database, on
   * the shared test clock. Surge notices are written, never sent from here: the service's sweeper
   * sends them like any other.
   */
  static TicketSeed of(TenantId tenant) {
    TestClock clock = TestClock.shared();
    TenantDatabase db =
        new TenantDatabase(
            SwitchboardApplication.configureJdbi(Jdbi.create(TestDatabase.get().dataSource())));
    Notices notices = new Notices(db, noProviders(), r -> {}, Duration.ofMinutes(2), clock);
    SimilarTickets similar =
        new SimilarTickets(
            db,
            new SurgeAlerts(
                notices,
                new PolicyReach(new OnCallService(db, new ShiftCalculator(), clock)),
                new AuditLog(clock),
                clock),
            clock);
    return new TicketSeed(db, similar, tenant);
  }

  TenantDatabase db() {
    return db;
  }

  /** Notices are only written here; nothing may send them. */
  private static ProviderRegistry noProviders() {
    MessageProvider none =
        new MessageProvider() {
          @Override
          public String name() {
            return "none";
          }

          @Override
          public SendResult send(OutboundMessage message) {
            throw new AssertionError("the test sends no notice");
          }
        };
    Map<Channel, MessageProvider> byChannel = new EnumMap<>(Channel.class);
    for (Channel channel : Channel.values()) {
      byChannel.put(channel, none);
    }
    return new ProviderRegistry(byChannel);
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
