package com.switchboard.ticket.similar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.auth.Caller;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.tenant.TenantId;
import com.switchboard.ticket.SimilarServices;
import com.switchboard.ticket.Ticket;
import com.switchboard.ticket.similar.TextSimilarity.Candidate;
import com.switchboard.ticket.similar.TextSimilarity.Corpus;
import com.switchboard.ticket.similar.TextSimilarity.Match;
import com.switchboard.ticket.similar.TicketGroupDao.GroupRow;
import com.switchboard.ticket.similar.TicketGroupDao.MemberTerms;
import com.switchboard.ticket.similar.TicketGroupDao.ServiceGroup;
import com.switchboard.ticket.similar.TicketGroupDao.SurgeState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Groups each new ticket with similar recent ones (TF-IDF cosine, {@link TextSimilarity}) and
 * alerts a surge. A ticket is compared with the groups of its own service (or, naming none, with
 * the groups of tickets naming none) that got a ticket in the last {@link #RECENT}; it joins the
 * one whose centroid is most similar, at least {@link TextSimilarity#THRESHOLD}, or starts one. IDF
 * comes from the tenant's tickets of the same {@link #RECENT} period.
 */
public class SimilarTickets implements SimilarServices {
  static final Duration RECENT = Duration.ofHours(24);
  private static final int CORPUS_LIMIT = 2000;
  private static final int CANDIDATE_LIMIT = 50;
  private static final int MEMBERS_PER_GROUP = 50;
  private static final int TOP_TERMS = 8;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Integer>> TERMS = new TypeReference<>() {};

  /** What {@link #onTicketCreated} did. */
  public record Grouped(UUID groupId, boolean started, Double score, boolean surgeAlerted) {}

  private final TenantDatabase db;
  private final SurgeAlerts surges;
  private final Clock clock;

  public SimilarTickets(TenantDatabase db, SurgeAlerts surges, Clock clock) {
    this.db = db;
    this.surges = surges;
    this.clock = clock;
  }

  /**
   * Groups a ticket just inserted on {@code h}, inside its creation transaction; a surge this
   * ticket starts writes its alert notices on the same transaction.
   */
  public Grouped onTicketCreated(
      Handle h,
      TenantId tenant,
      UUID ticketId,
      String subject,
      String description,
      UUID serviceId,
      Instant createdAt) {
    TicketGroupDao groups = Daos.on(h, TicketGroupDao.class);
    groups.lockBucket(tenant, serviceId);
    Map<String, Integer> terms = TextSimilarity.terms(subject, description);
    Instant since = createdAt.minus(RECENT);
    List<Map<String, Integer>> documents = new ArrayList<>(recentTerms(groups, tenant, since));
    documents.add(terms);
    Corpus corpus = Corpus.of(documents);
    List<UUID> candidateIds = groups.candidates(tenant, serviceId, since, CANDIDATE_LIMIT);
    Optional<Match<UUID>> match =
        TextSimilarity.bestGroup(terms, candidates(groups, tenant, candidateIds), corpus);

    UUID groupId;
    SurgeState state;
    if (match.isPresent()) {
      groupId = match.get().group();
      state = groups.join(tenant, groupId, createdAt);
    } else {
      groupId = UUID.randomUUID();
      groups.insertGroup(tenant, groupId, serviceId, createdAt);
      state = new SurgeState(null, null);
    }
    Double score = match.map(Match::score).orElse(null);
    groups.insertMember(tenant, ticketId, groupId, createdAt, score, json(terms));
    boolean alerted =
        surges.onGroupGrew(h, tenant, groupId, serviceId, state, subject, createdAt, corpus);
    return new Grouped(groupId, match.isEmpty(), score, alerted);
  }

  /**
   * The services whose recent groups are like the ticket (cosine with the group's centroid at least
   * {@link TextSimilarity#THRESHOLD}), the best group of each, best first; the ticket's own group
   * counts without the ticket.
   */
  @Override
  public List<SimilarService> like(Handle h, TenantId tenant, Ticket ticket, Instant now) {
    TicketGroupDao groups = Daos.on(h, TicketGroupDao.class);
    Instant since = now.minus(RECENT);
    Optional<UUID> own = groups.groupOf(tenant, ticket.id());
    List<ServiceGroup> recent = groups.recentOnServices(tenant, since, CANDIDATE_LIMIT);
    if (recent.isEmpty()) {
      return List.of();
    }
    Corpus corpus = Corpus.of(recentTerms(groups, tenant, since));
    Map<String, Double> vector =
        TextSimilarity.vector(TextSimilarity.terms(ticket.subject(), ticket.description()), corpus);
    Map<UUID, List<Map<String, Integer>>> members =
        members(groups, tenant, recent.stream().map(ServiceGroup::id).toList());
    Map<UUID, SimilarService> best = new LinkedHashMap<>();
    for (ServiceGroup group : recent) {
      int others = group.ticketCount() - (own.isPresent() && own.get().equals(group.id()) ? 1 : 0);
      double score =
          TextSimilarity.cosine(
              vector,
              TextSimilarity.centroidOf(members.getOrDefault(group.id(), List.of()), corpus));
      SimilarService found = best.get(group.serviceId());
      if (others > 0
          && score >= TextSimilarity.THRESHOLD
          && (found == null || score > found.score())) {
        best.put(
            group.serviceId(),
            new SimilarService(
                group.serviceId(),
                group.serviceName(),
                group.id(),
                others,
                Math.round(score * 1000) / 1000.0));
      }
    }
    return best.values().stream()
        .sorted(Comparator.comparingDouble(SimilarService::score).reversed())
        .toList();
  }

  public List<TicketGroup> list(Caller caller, boolean surgingOnly, int limit) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          Instant now = clock.instant();
          SupportSettings settings = SupportSettingsService.of(h, tenant);
          Instant windowStart = now.minus(Duration.ofMinutes(settings.surgeWindowMinutes()));
          List<GroupRow> rows =
              Daos.on(h, TicketGroupDao.class)
                  .list(tenant, windowStart, surgingOnly ? settings.surgeThreshold() : null, limit);
          return views(h, tenant, rows, settings, now);
        });
  }

  public TicketGroup.Detail get(Caller caller, UUID id, int limit) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          TicketGroupDao groups = Daos.on(h, TicketGroupDao.class);
          TicketGroup group =
              group(h, tenant, id).orElseThrow(() -> new NotFoundException("ticket group"));
          TicketGroup.Counts counts = groups.counts(tenant, id);
          return new TicketGroup.Detail(
              group, counts.open(), counts.customers(), groups.tickets(tenant, id, limit));
        });
  }

  public TicketGroup.Similar similar(Caller caller, UUID ticketId, int limit) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          if (!Daos.on(h, TicketGroupDao.class).ticketExists(tenant, ticketId)) {
            throw new NotFoundException("ticket");
          }
          return similarTo(h, tenant, ticketId, limit);
        });
  }

  /**
   * The ticket's group and its other tickets, newest first, on the caller's transaction: what "does
   * engineering know?" shows (their services, and the incidents they are linked to).
   */
  public TicketGroup.Similar similarTo(Handle h, TenantId tenant, UUID ticketId, int limit) {
    TicketGroupDao groups = Daos.on(h, TicketGroupDao.class);
    Optional<UUID> groupId = groups.groupOf(tenant, ticketId);
    if (groupId.isEmpty()) {
      return new TicketGroup.Similar(ticketId, null, List.of());
    }
    TicketGroup group = group(h, tenant, groupId.get()).orElseThrow();
    List<TicketGroup.Ticket> others =
        groups.tickets(tenant, groupId.get(), limit + 1).stream()
            .filter(t -> !t.id().equals(ticketId))
            .limit(limit)
            .toList();
    return new TicketGroup.Similar(ticketId, group, others);
  }

  /** The group as the API shows it, on the caller's transaction. */
  public Optional<TicketGroup> group(Handle h, TenantId tenant, UUID id) {
    Instant now = clock.instant();
    SupportSettings settings = SupportSettingsService.of(h, tenant);
    Instant windowStart = now.minus(Duration.ofMinutes(settings.surgeWindowMinutes()));
    return Daos.on(h, TicketGroupDao.class)
        .find(tenant, id, windowStart)
        .map(row -> views(h, tenant, List.of(row), settings, now).get(0));
  }

  /** The group's ticket ids, newest first, for escalating all of them to one incident. */
  public List<TicketGroup.Ticket> tickets(Handle h, TenantId tenant, UUID groupId, int limit) {
    return Daos.on(h, TicketGroupDao.class).tickets(tenant, groupId, limit);
  }

  private List<TicketGroup> views(
      Handle h, TenantId tenant, List<GroupRow> rows, SupportSettings settings, Instant now) {
    if (rows.isEmpty()) {
      return List.of();
    }
    TicketGroupDao groups = Daos.on(h, TicketGroupDao.class);
    Corpus corpus = Corpus.of(recentTerms(groups, tenant, now.minus(RECENT)));
    Map<UUID, List<Map<String, Integer>>> members =
        members(groups, tenant, rows.stream().map(GroupRow::id).toList());
    List<TicketGroup> views = new ArrayList<>();
    for (GroupRow row : rows) {
      List<String> top =
          TextSimilarity.topTerms(
              TextSimilarity.centroidOf(members.getOrDefault(row.id(), List.of()), corpus),
              TOP_TERMS);
      views.add(
          new TicketGroup(
              row.id(),
              row.serviceId(),
              row.serviceName(),
              row.ticketCount(),
              row.recentCount(),
              row.recentCount() >= settings.surgeThreshold(),
              row.firstSeenAt(),
              row.lastSeenAt(),
              row.alertedAt(),
              top));
    }
    return views;
  }

  static List<String> topTerms(
      TicketGroupDao groups, TenantId tenant, UUID groupId, Corpus corpus) {
    return TextSimilarity.topTerms(
        TextSimilarity.centroidOf(
            members(groups, tenant, List.of(groupId)).getOrDefault(groupId, List.of()), corpus),
        TOP_TERMS);
  }

  private static List<Candidate<UUID>> candidates(
      TicketGroupDao groups, TenantId tenant, List<UUID> ids) {
    Map<UUID, List<Map<String, Integer>>> members = members(groups, tenant, ids);
    List<Candidate<UUID>> candidates = new ArrayList<>();
    for (UUID id : ids) {
      candidates.add(new Candidate<>(id, members.getOrDefault(id, List.of())));
    }
    return candidates;
  }

  private static Map<UUID, List<Map<String, Integer>>> members(
      TicketGroupDao groups, TenantId tenant, List<UUID> ids) {
    Map<UUID, List<Map<String, Integer>>> members = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return members;
    }
    for (MemberTerms member : groups.memberTerms(tenant, ids, MEMBERS_PER_GROUP)) {
      members.computeIfAbsent(member.groupId(), g -> new ArrayList<>()).add(parse(member.terms()));
    }
    return members;
  }

  private static List<Map<String, Integer>> recentTerms(
      TicketGroupDao groups, TenantId tenant, Instant since) {
    return groups.recentTerms(tenant, since, CORPUS_LIMIT).stream()
        .map(SimilarTickets::parse)
        .toList();
  }

  private static Map<String, Integer> parse(String terms) {
    try {
      return JSON.readValue(terms, TERMS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable term counts", e);
    }
  }

  private static String json(Map<String, Integer> terms) {
    try {
      return JSON.writeValueAsString(terms);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
