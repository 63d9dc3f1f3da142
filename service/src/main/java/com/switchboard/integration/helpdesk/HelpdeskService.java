package com.switchboard.integration.helpdesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.db.UniqueNames;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.platform.errors.UnauthorizedException;
import com.switchboard.tenant.TenantId;
import com.switchboard.ticket.Author;
import com.switchboard.ticket.Customer;
import com.switchboard.ticket.Ticket;
import com.switchboard.ticket.TicketPriority;
import com.switchboard.ticket.TicketRequests;
import com.switchboard.ticket.TicketService;
import com.switchboard.ticket.TicketStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Inbound helpdesk integrations: owners and admins create them (a secret shown once), and the
 * helpdesk posts its tickets' changes, which become Switchboard tickets through {@link
 * TicketService}'s handle-level API. An event is idempotent by the helpdesk's ticket id: the first
 * creates the ticket, later ones update what changed, and a replay changes nothing.
 */
public class HelpdeskService {
  /** An integration and its secret side by side: answered only on create and rotate. */
  public record WithSecret(
      @com.fasterxml.jackson.annotation.JsonUnwrapped HelpdeskIntegration integration,
      String secret) {}

  /** What an inbound event did: {@code created}, {@code updated} or {@code unchanged}. */
  public record Received(UUID ticketId, long ticketNumber, String result) {}

  static final String SECRET_PREFIX = "hdsk_";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String UNAUTHORIZED =
      "send the integration's secret as 'Authorization: Bearer <secret>'";

  /** Serialises the normalised ticket for its content hash: same content, same bytes. */
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final TenantDatabase db;
  private final TicketService tickets;
  private final AuditLog audit;
  private final Clock clock;
  private final String eventsBaseUrl;

  public HelpdeskService(
      TenantDatabase db, TicketService tickets, AuditLog audit, Clock clock, String publicUrl) {
    this.db = db;
    this.tickets = tickets;
    this.audit = audit;
    this.clock = clock;
    String base =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.eventsBaseUrl = base + "/api/v1/helpdesk-integrations/";
  }

  // ---- configuration (owner, admin)

  public WithSecret create(Caller caller, String name, String kind) {
    TenantId tenant = caller.tenantId();
    String secret = newSecret();
    UUID id = UUID.randomUUID();
    return db.inTenant(
        tenant,
        h -> {
          HelpdeskDao dao = Daos.on(h, HelpdeskDao.class);
          dao.insert(tenant, id, name.trim(), kind, sha256(secret), hint(secret), clock.instant());
          audit.record(
              h,
              caller,
              "helpdesk_integration.created",
              "helpdesk_integration",
              id,
              "created " + kind + " helpdesk integration " + name.trim());
          return new WithSecret(view(dao.find(tenant, id).orElseThrow()), secret);
        });
  }

  public List<HelpdeskIntegration> list(Caller caller) {
    return db.inTenant(
        caller.tenantId(),
        h ->
            Daos.on(h, HelpdeskDao.class).list(caller.tenantId()).stream()
                .map(this::view)
                .toList());
  }

  public HelpdeskIntegration get(Caller caller, UUID id) {
    return db.inTenant(caller.tenantId(), h -> view(find(h, caller.tenantId(), id)));
  }

  public void delete(Caller caller, UUID id) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          HelpdeskIntegration.Row row = find(h, caller.tenantId(), id);
          Daos.on(h, HelpdeskDao.class).delete(caller.tenantId(), id);
          audit.record(
              h,
              caller,
              "helpdesk_integration.deleted",
              "helpdesk_integration",
              id,
              "deleted helpdesk integration " + row.name());
        });
  }

  /** The new secret replaces the old one at once. */
  public WithSecret rotateSecret(Caller caller, UUID id) {
    String secret = newSecret();
    return db.inTenant(
        caller.tenantId(),
        h -> {
          HelpdeskIntegration.Row row = find(h, caller.tenantId(), id);
          HelpdeskDao dao = Daos.on(h, HelpdeskDao.class);
          dao.rotateSecret(caller.tenantId(), id, sha256(secret), hint(secret), clock.instant());
          audit.record(
              h,
              caller,
              "helpdesk_integration.secret_rotated",
              "helpdesk_integration",
              id,
              "rotated the secret of helpdesk integration " + row.name());
          return new WithSecret(view(dao.find(caller.tenantId(), id).orElseThrow()), secret);
        });
  }

  // ---- inbound events

  /**
   * The integration a request is for, if {@code authorization} carries its secret; otherwise 401,
   * the same for an unknown id, a malformed one and a wrong secret. Reads nothing but the one row.
   */
  public HelpdeskDao.Caller authenticate(String rawId, String authorization) {
    UUID id;
    try {
      id = UUID.fromString(rawId);
    } catch (IllegalArgumentException e) {
      throw new UnauthorizedException(UNAUTHORIZED);
    }
    String secret =
        authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            ? authorization.substring(7).trim()
            : null;
    if (secret == null || secret.isEmpty() || secret.length() > 200) {
      throw new UnauthorizedException(UNAUTHORIZED);
    }
    Optional<HelpdeskDao.Caller> found =
        db.unscoped()
            .inTransaction(
                h -> {
                  h.createQuery("SELECT set_config('switchboard.scope', 'helpdesk-inbound', true)")
                      .mapTo(String.class)
                      .one();
                  return Daos.on(h, HelpdeskDao.class).caller(id);
                });
    byte[] presented = sha256(secret);
    // Compare against a hash even for an unknown id, so both take the same time.
    byte[] expected = found.map(HelpdeskDao.Caller::secretHash).orElse(new byte[presented.length]);
    if (!MessageDigest.isEqual(presented, expected) || found.isEmpty()) {
      throw new UnauthorizedException(UNAUTHORIZED);
    }
    return found.get();
  }

  /** Applies one event from an authenticated integration, in one transaction of its tenant. */
  public Received receive(HelpdeskDao.Caller integration, InboundTicket event) {
    Author author = Author.system(integration.name(), "api");
    String contentHash = sha256Hex(canonical(event));
    String commentHash = event.comment() == null ? null : sha256Hex(canonical(event.comment()));
    // The lock below orders this integration's events; a ticket created with the same externalId
    // through the API at the same instant still collides, and answers 409 (the helpdesk retries).
    return UniqueNames.orConflict(
        "a ticket with this externalId already exists",
        () -> apply(integration, event, author, contentHash, commentHash));
  }

  private Received apply(
      HelpdeskDao.Caller integration,
      InboundTicket event,
      Author author,
      String contentHash,
      String commentHash) {
    TenantId tenant = integration.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          HelpdeskDao dao = Daos.on(h, HelpdeskDao.class);
          dao.lockExternalTicket(tenant + "/helpdesk/" + event.externalId());
          Optional<HelpdeskDao.Seen> seen = dao.seen(tenant, integration.id(), event.externalId());
          if (seen.isPresent() && seen.get().contentSha256().equals(contentHash)) {
            Ticket ticket = tickets.find(h, tenant, seen.get().ticketId());
            return new Received(ticket.id(), ticket.number(), "unchanged");
          }
          Optional<UUID> existing =
              seen.map(HelpdeskDao.Seen::ticketId)
                  .or(() -> tickets.lockByExternalId(h, tenant, event.externalId()));
          UUID customerId = customer(h, tenant, author, event);
          String result;
          UUID ticketId;
          if (existing.isEmpty()) {
            ticketId = create(h, tenant, author, event, customerId);
            result = "created";
          } else {
            ticketId = existing.get();
            update(h, tenant, author, ticketId, event, customerId);
            result = "updated";
          }
          String lastComment = seen.map(HelpdeskDao.Seen::commentSha256).orElse(null);
          if (commentHash != null && !commentHash.equals(lastComment)) {
            comment(h, tenant, integration, ticketId, event.comment());
          }
          dao.remember(
              tenant,
              integration.id(),
              event.externalId(),
              ticketId,
              contentHash,
              commentHash == null ? lastComment : commentHash,
              clock.instant());
          Ticket ticket = tickets.find(h, tenant, ticketId);
          return new Received(ticketId, ticket.number(), result);
        });
  }

  private UUID customer(Handle h, TenantId tenant, Author author, InboundTicket event) {
    String externalId = blankToNull(event.customerExternalId());
    String name = blankToNull(event.customerName());
    if (externalId == null && name == null) {
      return null;
    }
    Customer customer =
        tickets.findOrCreateCustomer(h, tenant, author, externalId, name, event.customerTier());
    return customer.id();
  }

  private UUID create(
      Handle h, TenantId tenant, Author author, InboundTicket event, UUID customerId) {
    Ticket ticket =
        tickets.create(
            h,
            tenant,
            author,
            new TicketRequests.Create(
                event.subject(),
                event.description(),
                event.requester(),
                customerId,
                event.priority() == null ? TicketPriority.NORMAL : event.priority(),
                null,
                null,
                event.externalId(),
                event.externalUrl()));
    if (event.status() != null && event.status() != TicketStatus.NEW) {
      tickets.changeStatus(h, tenant, author, ticket.id(), event.status());
    }
    return ticket.id();
  }

  /** Changes only what differs, so the ticket's history shows real changes only. */
  private void update(
      Handle h,
      TenantId tenant,
      Author author,
      UUID ticketId,
      InboundTicket event,
      UUID customerId) {
    Ticket current = tickets.lock(h, tenant, ticketId);
    String subject = differs(event.subject(), current.subject());
    String description = differs(event.description(), current.description());
    String requester = differs(event.requester(), current.requester());
    UUID customer = Objects.equals(customerId, current.customerId()) ? null : customerId;
    TicketPriority priority = event.priority() == current.priority() ? null : event.priority();
    String externalUrl = differs(event.externalUrl(), current.externalUrl());
    if (subject != null
        || description != null
        || requester != null
        || customer != null
        || priority != null
        || externalUrl != null) {
      tickets.update(
          h,
          tenant,
          author,
          ticketId,
          new TicketRequests.Update(
              subject, description, requester, customer, priority, null, externalUrl));
    }
    // A helpdesk's "new" only means nobody answered there yet; Switchboard never moves back to new.
    if (event.status() != null
        && event.status() != TicketStatus.NEW
        && event.status() != current.status()) {
      tickets.changeStatus(h, tenant, author, ticketId, event.status());
    }
  }

  private void comment(
      Handle h,
      TenantId tenant,
      HelpdeskDao.Caller integration,
      UUID ticketId,
      InboundTicket.Comment comment) {
    String name =
        comment.authorName() == null || comment.authorName().isBlank()
            ? integration.name()
            : comment.authorName().trim() + " via " + integration.name();
    Author author = Author.system(name.length() > 200 ? name.substring(0, 200) : name, "api");
    if (!comment.isPublic()) {
      tickets.event(
          h,
          tenant,
          ticketId,
          clock.instant(),
          "internal_note",
          author,
          comment.body().trim(),
          Map.of());
    } else if (comment.fromCustomer()) {
      tickets.customerReply(h, tenant, author, ticketId, comment.body());
    } else {
      tickets.reply(h, tenant, author, ticketId, comment.body());
    }
  }

  private HelpdeskIntegration.Row find(Handle h, TenantId tenant, UUID id) {
    return Daos.on(h, HelpdeskDao.class)
        .find(tenant, id)
        .orElseThrow(() -> new NotFoundException("helpdesk integration"));
  }

  private HelpdeskIntegration view(HelpdeskIntegration.Row row) {
    return new HelpdeskIntegration(
        row.id(),
        row.name(),
        row.kind(),
        eventsBaseUrl + row.id() + "/events",
        row.secretHint(),
        row.createdAt(),
        row.updatedAt());
  }

  /** The new value where it is given and differs from the current one, else null (unchanged). */
  private static String differs(String given, String current) {
    if (given == null) {
      return null;
    }
    String value = given.trim();
    return value.equals(current == null ? "" : current.trim()) ? null : given;
  }

  static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hint(String secret) {
    return "…" + secret.substring(secret.length() - 4);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text));
  }

  private static String canonical(Object value) {
    try {
      return CANONICAL.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
