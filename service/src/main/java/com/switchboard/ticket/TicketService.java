package com.switchboard.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.incident.Incident;
import com.switchboard.incident.IncidentService;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.db.UniqueNames;
import com.switchboard.platform.errors.ConflictException;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.sla.SlaClock;
import com.switchboard.sla.SlaClocks;
import com.switchboard.sla.SlaEvent;
import com.switchboard.sla.SlaSubject;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;

/**
 * Customers and tickets: creation, details, status, assignment, replies and notes. Each change, its
 * event, its audit record and the SLA clocks' recompute commit together. The handle-level methods
 * run in the caller's transaction (inbound helpdesk webhooks, incident fan-out); the {@link Caller}
 * ones open their own.
 */
public class TicketService {
  /** Hears of new tickets inside their creation transaction (similar-ticket grouping). */
  public interface CreationListener {
    void created(Handle h, TenantId tenant, Ticket ticket);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TenantDatabase db;
  private final SlaClocks clocks;
  private final IncidentService incidents;
  private final AuditLog audit;
  private final Clock clock;
  private final List<CreationListener> creationListeners = new CopyOnWriteArrayList<>();
  private final List<TicketEvents> eventListeners = new CopyOnWriteArrayList<>();

  public TicketService(
      TenantDatabase db, SlaClocks clocks, IncidentService incidents, AuditLog audit, Clock clock) {
    this.db = db;
    this.clocks = clocks;
    this.incidents = incidents;
    this.audit = audit;
    this.clock = clock;
  }

  public void onCreation(CreationListener listener) {
    creationListeners.add(listener);
  }

  /** Tells {@code listener} of every change outside capabilities hear of, in its transaction. */
  public void onEvent(TicketEvents listener) {
    eventListeners.add(listener);
  }

  // ---- customers

  public Customer createCustomer(Caller caller, TicketRequests.CreateCustomer request) {
    TenantId tenant = caller.tenantId();
    UUID id = UUID.randomUUID();
    String name = request.name().trim();
    return UniqueNames.orConflict(
        "a customer with this name or external id already exists",
        () ->
            db.inTenant(
                tenant,
                h -> {
                  CustomerDao customers = Daos.on(h, CustomerDao.class);
                  customers.insert(
                      tenant, id, name, request.tier(), request.externalId(), clock.instant());
                  audit.record(
                      h,
                      caller,
                      "customer.created",
                      "customer",
                      id,
                      "created customer " + name + " (" + request.tier() + ")");
                  return customers.find(tenant, id).orElseThrow();
                }));
  }

  public Customer updateCustomer(Caller caller, UUID id, TicketRequests.UpdateCustomer request) {
    TenantId tenant = caller.tenantId();
    return UniqueNames.orConflict(
        "a customer with this name or external id already exists",
        () ->
            db.inTenant(
                tenant,
                h -> {
                  CustomerDao customers = Daos.on(h, CustomerDao.class);
                  Customer current = customer(h, tenant, id);
                  String name = request.name() == null ? current.name() : request.name().trim();
                  String tier = request.tier() == null ? current.tier() : request.tier();
                  String externalId =
                      request.externalId() == null ? current.externalId() : request.externalId();
                  Instant now = clock.instant();
                  customers.update(tenant, id, name, tier, externalId, now);
                  audit.record(
                      h, caller, "customer.updated", "customer", id, "updated customer " + name);
                  if (!tier.equals(current.tier())) {
                    retargetCustomerTickets(h, tenant, id, now);
                  }
                  return customers.find(tenant, id).orElseThrow();
                }));
  }

  public Customer getCustomer(Caller caller, UUID id) {
    return db.inTenant(caller.tenantId(), h -> customer(h, caller.tenantId(), id));
  }

  public List<Customer> listCustomers(Caller caller, String tier, String query, int limit) {
    String pattern = query == null ? null : escapeLike(query);
    return db.inTenant(
        caller.tenantId(),
        h -> Daos.on(h, CustomerDao.class).list(caller.tenantId(), tier, pattern, limit));
  }

  /**
   * The customer with this external id, else with this name, else a new one (tier {@code tier}, or
   * "standard"). For inbound helpdesk events.
   */
  public Customer findOrCreateCustomer(
      Handle h, TenantId tenant, Author author, String externalId, String name, String tier) {
    CustomerDao customers = Daos.on(h, CustomerDao.class);
    Optional<Customer> found =
        externalId == null ? Optional.empty() : customers.findByExternalId(tenant, externalId);
    if (found.isEmpty() && name != null) {
      found = customers.findByName(tenant, name.trim());
    }
    if (found.isPresent()) {
      return found.get();
    }
    UUID id = UUID.randomUUID();
    String customerName = name == null ? externalId : name.trim();
    String customerTier = tier == null ? "standard" : tier;
    customers.insert(tenant, id, customerName, customerTier, externalId, clock.instant());
    auditAs(
        h, tenant, author, "customer.created", "customer", id, "created customer " + customerName);
    return customers.find(tenant, id).orElseThrow();
  }

  // ---- tickets

  public Ticket create(Caller caller, TicketRequests.Create request) {
    TenantId tenant = caller.tenantId();
    return UniqueNames.orConflict(
        "a ticket with this externalId already exists",
        () -> db.inTenant(tenant, h -> create(h, tenant, Author.of(caller), request)));
  }

  public Ticket create(Handle h, TenantId tenant, Author author, TicketRequests.Create request) {
    TicketDao tickets = Daos.on(h, TicketDao.class);
    if (request.customerId() != null) {
      customer(h, tenant, request.customerId());
    }
    if (request.serviceId() != null) {
      requireService(h, tenant, request.serviceId());
    }
    if (request.assigneeId() != null) {
      requireActiveUser(h, tenant, request.assigneeId());
    }
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    long number = tickets.nextNumber(tenant);
    tickets.insert(
        tenant,
        id,
        number,
        request.subject().trim(),
        request.description() == null ? "" : request.description(),
        blankToNull(request.requester()),
        request.customerId(),
        request.priority(),
        request.assigneeId(),
        request.serviceId(),
        request.externalId(),
        request.externalUrl(),
        author.name(),
        now);
    event(
        h,
        tenant,
        id,
        now,
        "created",
        author,
        "",
        Map.of("priority", request.priority().wireName()));
    Ticket ticket = find(h, tenant, id);
    clocks.onTicketEvent(h, tenant, subject(ticket), SlaEvent.CREATED, now);
    auditAs(
        h,
        tenant,
        author,
        "ticket.created",
        "ticket",
        id,
        "created T-" + number + ": " + ticket.subject());
    for (CreationListener listener : creationListeners) {
      listener.created(h, tenant, ticket);
    }
    return ticket;
  }

  public TicketViews.Detail get(Caller caller, UUID id) {
    return db.inTenant(caller.tenantId(), h -> detail(h, caller.tenantId(), id));
  }

  public List<TicketViews.Item> list(
      Caller caller,
      List<TicketStatus> statuses,
      UUID assigneeId,
      UUID customerId,
      UUID serviceId,
      Long before,
      int limit) {
    TenantId tenant = caller.tenantId();
    String[] wire =
        statuses == null || statuses.isEmpty()
            ? null
            : statuses.stream().map(TicketStatus::wireName).toArray(String[]::new);
    return db.inTenant(
        tenant,
        h -> {
          List<Ticket> found =
              Daos.on(h, TicketDao.class)
                  .list(tenant, wire, assigneeId, customerId, serviceId, before, limit);
          Map<UUID, List<SlaClock>> byTicket =
              clocks.clocks(h, tenant, found.stream().map(Ticket::id).toList(), clock.instant());
          return found.stream()
              .map(t -> new TicketViews.Item(t, byTicket.getOrDefault(t.id(), List.of())))
              .toList();
        });
  }

  public TicketViews.Detail update(Caller caller, UUID id, TicketRequests.Update request) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          update(h, tenant, Author.of(caller), id, request);
          return detail(h, tenant, id);
        });
  }

  /** Changes the fields given; records an event per meaningful change. */
  public void update(
      Handle h, TenantId tenant, Author author, UUID id, TicketRequests.Update request) {
    Ticket current = lock(h, tenant, id);
    if (current.status() == TicketStatus.CLOSED) {
      throw new ConflictException("ticket is closed");
    }
    if (request.customerId() != null) {
      customer(h, tenant, request.customerId());
    }
    if (request.serviceId() != null) {
      requireService(h, tenant, request.serviceId());
    }
    TicketPriority priority = orElse(request.priority(), current.priority());
    UUID customerId = orElse(request.customerId(), current.customerId());
    UUID serviceId = orElse(request.serviceId(), current.serviceId());
    Instant now = clock.instant();
    Daos.on(h, TicketDao.class)
        .updateDetails(
            tenant,
            id,
            request.subject() == null ? current.subject() : request.subject().trim(),
            orElse(request.description(), current.description()),
            request.requester() == null ? current.requester() : blankToNull(request.requester()),
            priority,
            customerId,
            serviceId,
            orElse(request.externalUrl(), current.externalUrl()),
            now);
    if (priority != current.priority()) {
      event(
          h,
          tenant,
          id,
          now,
          "priority_changed",
          author,
          "",
          Map.of("from", current.priority().wireName(), "to", priority.wireName()));
    }
    if (!Objects.equals(customerId, current.customerId())) {
      event(
          h,
          tenant,
          id,
          now,
          "customer_changed",
          author,
          "",
          Map.of("customerId", customerId.toString()));
    }
    if (!Objects.equals(serviceId, current.serviceId())) {
      event(
          h,
          tenant,
          id,
          now,
          "service_changed",
          author,
          "",
          Map.of("serviceId", serviceId.toString()));
    }
    Ticket updated = find(h, tenant, id);
    if (priority != current.priority() || !Objects.equals(customerId, current.customerId())) {
      clocks.onTicketEvent(h, tenant, subject(updated), SlaEvent.DETAILS_CHANGED, now);
    }
    auditAs(h, tenant, author, "ticket.updated", "ticket", id, "updated T-" + current.number());
  }

  public TicketViews.Detail changeStatus(Caller caller, UUID id, TicketStatus status) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          changeStatus(h, tenant, Author.of(caller), id, status);
          return detail(h, tenant, id);
        });
  }

  /** Moves the ticket to {@code status}; closed is final, and nothing moves back to new. */
  public void changeStatus(Handle h, TenantId tenant, Author author, UUID id, TicketStatus status) {
    Ticket current = lock(h, tenant, id);
    if (current.status() == status) {
      return;
    }
    if (current.status() == TicketStatus.CLOSED) {
      throw new ConflictException("ticket is closed");
    }
    if (status == TicketStatus.NEW) {
      throw new ConflictException("a ticket cannot go back to new");
    }
    setStatus(h, tenant, author, current, status, clock.instant());
    auditAs(
        h,
        tenant,
        author,
        "ticket.status_changed",
        "ticket",
        id,
        "T-" + current.number() + " " + current.status().wireName() + " → " + status.wireName());
  }

  public TicketViews.Detail assign(Caller caller, UUID id, UUID assigneeId) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          assign(h, tenant, Author.of(caller), id, assigneeId);
          return detail(h, tenant, id);
        });
  }

  public void assign(Handle h, TenantId tenant, Author author, UUID id, UUID assigneeId) {
    Ticket current = lock(h, tenant, id);
    if (Objects.equals(current.assigneeId(), assigneeId)) {
      return;
    }
    if (current.status() == TicketStatus.CLOSED) {
      throw new ConflictException("ticket is closed");
    }
    String assigneeName = assigneeId == null ? null : requireActiveUser(h, tenant, assigneeId);
    Instant now = clock.instant();
    Daos.on(h, TicketDao.class).setAssignee(tenant, id, assigneeId, now);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("assigneeId", assigneeId == null ? null : assigneeId.toString());
    event(
        h,
        tenant,
        id,
        now,
        "assigned",
        author,
        assigneeName == null ? "Unassigned" : "Assigned to " + assigneeName,
        data);
    clocks.onTicketEvent(h, tenant, subject(find(h, tenant, id)), SlaEvent.DETAILS_CHANGED, now);
    auditAs(
        h,
        tenant,
        author,
        "ticket.assigned",
        "ticket",
        id,
        "T-"
            + current.number()
            + (assigneeName == null ? " unassigned" : " assigned to " + assigneeName));
  }

  public TicketViews.Detail reply(Caller caller, UUID id, String body) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          reply(h, tenant, Author.of(caller), id, body);
          return detail(h, tenant, id);
        });
  }

  /**
   * An agent's public reply: meets the response clocks, opens a new ticket, and settles a follow-up
   * the customer was owed.
   */
  public void reply(Handle h, TenantId tenant, Author author, UUID id, String body) {
    Ticket current = lock(h, tenant, id);
    requireNotClosed(current);
    Instant now = clock.instant();
    event(h, tenant, id, now, "public_reply", author, body.trim(), Map.of());
    if (current.followUpDue()) {
      Daos.on(h, TicketDao.class).setFollowUpDue(tenant, id, false, now);
    }
    clocks.onTicketEvent(h, tenant, subject(find(h, tenant, id)), SlaEvent.AGENT_PUBLIC_REPLY, now);
    if (current.status() == TicketStatus.NEW) {
      setStatus(h, tenant, author, current, TicketStatus.OPEN, now);
    }
    auditAs(h, tenant, author, "ticket.replied", "ticket", id, "replied on T-" + current.number());
  }

  public TicketViews.Detail customerReply(Caller caller, UUID id, String body) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          customerReply(h, tenant, Author.of(caller), id, body);
          return detail(h, tenant, id);
        });
  }

  /**
   * The customer wrote (relayed by an agent or a helpdesk): a pending or solved ticket opens again,
   * and a next-response clock starts.
   */
  public void customerReply(Handle h, TenantId tenant, Author author, UUID id, String body) {
    Ticket current = lock(h, tenant, id);
    requireNotClosed(current);
    Instant now = clock.instant();
    event(h, tenant, id, now, "customer_reply", author, body.trim(), Map.of());
    if (current.status() == TicketStatus.PENDING || current.status() == TicketStatus.SOLVED) {
      setStatus(h, tenant, author, current, TicketStatus.OPEN, now);
    }
    clocks.onTicketEvent(h, tenant, subject(find(h, tenant, id)), SlaEvent.CUSTOMER_REPLY, now);
    auditAs(
        h,
        tenant,
        author,
        "ticket.customer_replied",
        "ticket",
        id,
        "customer wrote on T-" + current.number());
  }

  public TicketViews.Detail note(Caller caller, UUID id, String body) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          Ticket current = lock(h, tenant, id);
          event(
              h,
              tenant,
              id,
              clock.instant(),
              "internal_note",
              Author.of(caller),
              body.trim(),
              Map.of());
          audit.record(
              h,
              caller,
              "ticket.note_added",
              "ticket",
              id,
              "added a note to T-" + current.number());
          return detail(h, tenant, id);
        });
  }

  /** The ticket with this external id, locked for the caller's transaction. */
  public Optional<UUID> lockByExternalId(Handle h, TenantId tenant, String externalId) {
    return Daos.on(h, TicketDao.class).lockByExternalId(tenant, externalId);
  }

  /** Writes an event on a ticket, in the caller's transaction. */
  public void event(
      Handle h,
      TenantId tenant,
      UUID ticketId,
      Instant at,
      String kind,
      Author author,
      String body,
      Map<String, ?> data) {
    String json;
    try {
      json = JSON.writeValueAsString(data == null ? Map.of() : data);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("ticket event data is not serialisable", e);
    }
    Daos.on(h, TicketDao.class)
        .insertEvent(tenant, ticketId, UUID.randomUUID(), at, kind, author.name(), body, json);
    String type = TicketEvents.typeOf(kind);
    if (type != null && !eventListeners.isEmpty()) {
      Ticket ticket = find(h, tenant, ticketId);
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("kind", kind);
      change.put("at", at);
      change.put("by", author.name());
      change.put("body", body);
      change.put("data", data == null ? Map.of() : data);
      for (TicketEvents listener : eventListeners) {
        listener.published(h, tenant, type, ticket, change);
      }
    }
  }

  public Ticket find(Handle h, TenantId tenant, UUID id) {
    return Daos.on(h, TicketDao.class)
        .find(tenant, id)
        .orElseThrow(() -> new NotFoundException("ticket"));
  }

  public Ticket lock(Handle h, TenantId tenant, UUID id) {
    Daos.on(h, TicketDao.class).lock(tenant, id).orElseThrow(() -> new NotFoundException("ticket"));
    return find(h, tenant, id);
  }

  TicketViews.Detail detail(Handle h, TenantId tenant, UUID id) {
    Ticket ticket = find(h, tenant, id);
    return new TicketViews.Detail(
        ticket,
        clocks.clocks(h, tenant, id, clock.instant()),
        linkedIncident(h, tenant, ticket),
        Daos.on(h, TicketDao.class).events(tenant, id));
  }

  private TicketViews.LinkedIncident linkedIncident(Handle h, TenantId tenant, Ticket ticket) {
    if (ticket.incidentId() == null) {
      return null;
    }
    TicketDao.Link link = Daos.on(h, TicketDao.class).link(tenant, ticket.id()).orElseThrow();
    Incident incident = incidents.find(h, tenant, link.incidentId()).orElseThrow();
    return new TicketViews.LinkedIncident(
        incident.id(),
        incident.number(),
        incident.title(),
        incident.serviceName(),
        incident.status(),
        incident.urgency(),
        incident.acknowledgedBy(),
        incident.acknowledgedAt(),
        incident.resolvedBy(),
        incident.resolvedAt(),
        link.how(),
        link.linkedAt(),
        incidents.timeline(h, tenant, incident.id()));
  }

  public static SlaSubject subject(Ticket ticket) {
    return new SlaSubject(
        ticket.id(),
        ticket.number(),
        ticket.subject(),
        ticket.priority().wireName(),
        ticket.tier(),
        ticket.customerName(),
        ticket.assigneeId(),
        ticket.status().wireName(),
        ticket.createdAt());
  }

  private void setStatus(
      Handle h, TenantId tenant, Author author, Ticket current, TicketStatus status, Instant now) {
    Daos.on(h, TicketDao.class).setStatus(tenant, current.id(), status, now);
    event(
        h,
        tenant,
        current.id(),
        now,
        "status_changed",
        author,
        "",
        Map.of("from", current.status().wireName(), "to", status.wireName()));
    clocks.onTicketEvent(
        h, tenant, subject(find(h, tenant, current.id())), SlaEvent.STATUS_CHANGED, now);
  }

  /** A customer's new tier changes the SLA targets of its open tickets. */
  private void retargetCustomerTickets(Handle h, TenantId tenant, UUID customerId, Instant now) {
    String[] open = {"new", "open", "pending", "on_hold"};
    TicketDao tickets = Daos.on(h, TicketDao.class);
    Long before = null;
    while (true) {
      List<Ticket> page = tickets.list(tenant, open, null, customerId, null, before, 500);
      for (Ticket ticket : page) {
        clocks.onTicketEvent(h, tenant, subject(ticket), SlaEvent.DETAILS_CHANGED, now);
      }
      if (page.size() < 500) {
        return;
      }
      before = page.get(page.size() - 1).number();
    }
  }

  private static void requireNotClosed(Ticket ticket) {
    if (ticket.status() == TicketStatus.CLOSED) {
      throw new ConflictException("ticket is closed");
    }
  }

  private static Customer customer(Handle h, TenantId tenant, UUID id) {
    return Daos.on(h, CustomerDao.class)
        .find(tenant, id)
        .orElseThrow(() -> new NotFoundException("customer"));
  }

  private static void requireService(Handle h, TenantId tenant, UUID id) {
    h.createQuery("SELECT id FROM services WHERE tenant_id = :tenant AND id = :id")
        .bind("tenant", tenant.value())
        .bind("id", id)
        .mapTo(UUID.class)
        .findOne()
        .orElseThrow(() -> new NotFoundException("service"));
  }

  private static String requireActiveUser(Handle h, TenantId tenant, UUID id) {
    return h.createQuery("SELECT name FROM users WHERE tenant_id = :tenant AND id = :id AND active")
        .bind("tenant", tenant.value())
        .bind("id", id)
        .mapTo(String.class)
        .findOne()
        .orElseThrow(() -> new NotFoundException("user"));
  }

  private void auditAs(
      Handle h,
      TenantId tenant,
      Author author,
      String action,
      String type,
      UUID id,
      String summary) {
    if (author.caller() != null) {
      audit.record(h, author.caller(), action, type, id, summary);
    } else {
      audit.recordSystem(h, tenant, action, type, id, author.name() + " " + summary);
    }
  }

  private static <T> T orElse(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  private static String escapeLike(String query) {
    return query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
