package com.switchboard.notify;

import com.switchboard.notify.sms.SmsNumberDao;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jdbi.v3.core.Handle;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices: a message to one person that is not a page (no acknowledgement, no escalation), such as
 * an SLA warning. {@link #send} writes the notice in the caller's transaction; after the commit it
 * goes out by email when the person has a verified email address, else by SMS, through the
 * configured providers (the outbox in a local run). A notice whose send failed, or whose node died
 * mid-send, is sent again by {@link #sweep} (a recurring job every {@code jobs.sweepInterval}),
 * {@link #ATTEMPTS} times at most.
 */
public class Notices {
  static final int ATTEMPTS = 5;
  private static final int BATCH = 200;
  private static final int SMS_LENGTH = 300;
  private static final Logger LOG = LoggerFactory.getLogger(Notices.class);

  private final TenantDatabase db;
  private final ProviderRegistry providers;
  private final Executor sender;
  private final Clock clock;

  /** How long a claimed notice waits before another sender may try it again. */
  private final Duration claim;

  public Notices(
      TenantDatabase db, ProviderRegistry providers, Executor sender, Duration claim, Clock clock) {
    this.db = db;
    this.providers = providers;
    this.sender = sender;
    this.claim = claim;
    this.clock = clock;
  }

  /**
   * Writes a notice to {@code userId} on {@code h}, the caller's transaction; it is sent once that
   * commits. Returns its id.
   */
  public UUID send(Handle h, TenantId tenant, UUID userId, String subject, String text) {
    return send(h, tenant, userId, null, subject, text);
  }

  /**
   * As {@link #send(Handle, TenantId, UUID, String, String)}, to one of the person's contact
   * methods (an email address or SMS number) instead of the default choice; the notice fails when
   * that method is no longer verified and enabled by the time it is sent.
   */
  public UUID send(
      Handle h, TenantId tenant, UUID userId, UUID contactMethodId, String subject, String text) {
    UUID id = UUID.randomUUID();
    h.createUpdate(
            "INSERT INTO notices (tenant_id, id, user_id, contact_method_id, subject, body, status,"
                + " next_attempt_at, created_at)"
                + " VALUES (:tenant, :id, :user, :method, :subject, :body, 'pending', :now, :now)")
        .bind("tenant", tenant.value())
        .bind("id", id)
        .bind("user", userId)
        .bind("method", contactMethodId)
        .bind("subject", subject)
        .bind("body", text)
        .bind("now", clock.instant())
        .execute();
    h.afterCommit(
        () -> {
          try {
            sender.execute(() -> deliver(tenant, id));
          } catch (RejectedExecutionException e) {
            // The sweeper sends it.
          }
        });
    return id;
  }

  /** Sends the notice if it is still pending and nobody else holds it; never throws. */
  public void deliver(TenantId tenant, UUID id) {
    try {
      Optional<Claimed> claimed = db.inTenant(tenant, h -> claim(h, tenant, id));
      if (claimed.isEmpty()) {
        return;
      }
      Claimed notice = claimed.get();
      SendResult result =
          notice.channel() == null
              ? SendResult.permanent("no verified email address or SMS number")
              : notice.stopped()
                  ? SendResult.permanent("the number replied STOP")
                  : providers
                      .forChannel(notice.channel())
                      .send(
                          new OutboundMessage(
                              id,
                              notice.tenantSlug(),
                              notice.channel(),
                              notice.address(),
                              notice.channel() == Channel.EMAIL ? notice.subject() : null,
                              notice.channel() == Channel.EMAIL
                                  ? notice.body()
                                  : shorten(notice.subject() + ": " + notice.body()),
                              null,
                              null,
                              null));
      db.useTenant(tenant, h -> record(h, tenant, notice, result));
    } catch (RuntimeException e) {
      LOG.warn("could not send notice {}; the sweeper tries again", id, e);
    }
  }

  /** Sends what is due and was not sent; returns how many it tried. */
  public int sweep() {
    Instant now = clock.instant();
    List<Due> due =
        db.unscoped()
            .inTransaction(
                h -> {
                  h.createQuery("SELECT set_config('switchboard.scope', 'notice-sweeper', true)")
                      .mapTo(String.class)
                      .one();
                  return h.createQuery(
                          "SELECT tenant_id, id FROM notices WHERE status = 'pending'"
                              + " AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT :limit")
                      .bind("now", now)
                      .bind("limit", BATCH)
                      .map(
                          (rs, ctx) ->
                              new Due(
                                  new TenantId(rs.getObject("tenant_id", UUID.class)),
                                  rs.getObject("id", UUID.class)))
                      .list();
                });
    due.forEach(d -> deliver(d.tenant(), d.id()));
    return due.size();
  }

  private record Due(TenantId tenant, UUID id) {}

  private record Claimed(
      UUID id,
      int attempts,
      String subject,
      String body,
      String tenantSlug,
      Channel channel,
      String address,
      boolean stopped) {}

  /**
   * Takes the notice for one attempt: moves its next attempt past the claim window, so a sender
   * that dies leaves it to the sweeper, and picks the address.
   */
  private Optional<Claimed> claim(Handle h, TenantId tenant, UUID id) {
    Instant now = clock.instant();
    Optional<Taken> taken =
        h.createQuery(
                "UPDATE notices n SET attempts = attempts + 1, next_attempt_at = :until"
                    + " WHERE tenant_id = :tenant AND id = :id AND status = 'pending'"
                    + " AND next_attempt_at <= :now"
                    + " RETURNING n.attempts, n.subject, n.body, n.user_id, n.contact_method_id,"
                    + " (SELECT slug FROM tenants t WHERE t.id = n.tenant_id) AS slug")
            .bind("until", now.plus(claim))
            .bind("tenant", tenant.value())
            .bind("id", id)
            .bind("now", now)
            .map(
                (rs, ctx) ->
                    new Taken(
                        rs.getInt("attempts"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getObject("user_id", UUID.class),
                        rs.getObject("contact_method_id", UUID.class),
                        rs.getString("slug")))
            .findOne();
    if (taken.isEmpty()) {
      return Optional.empty();
    }
    Taken t = taken.get();
    Optional<Address> address = address(h, tenant, t.userId(), t.contactMethodId());
    boolean stopped =
        address.isPresent()
            && address.get().channel() == Channel.SMS
            && Daos.on(h, SmsNumberDao.class).stopped(address.get().address()).orElse(false);
    return Optional.of(
        new Claimed(
            id,
            t.attempts(),
            t.subject(),
            t.body(),
            t.slug(),
            address.map(Address::channel).orElse(null),
            address.map(Address::address).orElse(null),
            stopped));
  }

  private record Taken(
      int attempts, String subject, String body, UUID userId, UUID contactMethodId, String slug) {}

  private record Address(Channel channel, String address) {}

  /**
   * The method the notice names, if still verified and enabled; without one, a verified, enabled
   * email address, else SMS number.
   */
  private static Optional<Address> address(Handle h, TenantId tenant, UUID userId, UUID method) {
    return h.createQuery(
            "SELECT channel, address FROM contact_methods"
                + " WHERE tenant_id = :tenant AND user_id = :user AND channel IN ('email', 'sms')"
                + " AND verified_at IS NOT NULL AND disabled_at IS NULL"
                + " AND (CAST(:method AS uuid) IS NULL OR id = :method)"
                + " ORDER BY channel = 'email' DESC, created_at, id LIMIT 1")
        .bind("tenant", tenant.value())
        .bind("user", userId)
        .bind("method", method)
        .map(
            (rs, ctx) ->
                new Address(
                    Channel.valueOf(rs.getString("channel").toUpperCase(java.util.Locale.ROOT)),
                    rs.getString("address")))
        .findOne();
  }

  private void record(Handle h, TenantId tenant, Claimed notice, SendResult result) {
    Instant now = clock.instant();
    boolean giveUp =
        !result.accepted()
            && (result.outcome() == SendResult.Outcome.PERMANENT_FAILURE
                || notice.attempts() >= ATTEMPTS);
    String provider =
        notice.channel() == null ? null : providers.forChannel(notice.channel()).name();
    h.createUpdate(
            "UPDATE notices SET status = :status, channel = :channel, provider = :provider,"
                + " provider_message_id = :messageId, last_error = :error, sent_at = :sentAt,"
                + " next_attempt_at = :next WHERE tenant_id = :tenant AND id = :id")
        .bind("status", result.accepted() ? "sent" : giveUp ? "failed" : "pending")
        .bind("channel", notice.channel() == null ? null : notice.channel().wireName())
        .bind("provider", provider)
        .bind("messageId", result.providerMessageId())
        .bind("error", result.error())
        .bind("sentAt", result.accepted() ? now : null)
        // Backoff: 30 s, 1, 2, 4 minutes.
        .bind("next", now.plusSeconds(30L << Math.min(notice.attempts() - 1, 4)))
        .bind("tenant", tenant.value())
        .bind("id", notice.id())
        .execute();
    if (giveUp) {
      LOG.warn("notice {} not sent: {}", notice.id(), result.error());
    }
  }

  private static String shorten(String text) {
    return text.length() <= SMS_LENGTH ? text : text.substring(0, SMS_LENGTH - 1) + "…";
  }

  /** Registers the recurring sweep with the cluster (once; later nodes find it there). */
  public static void register(JobScheduler jobs, Duration interval) {
    jobs.registerRecurring("notice-sweeper", SweepJob.class, interval);
  }

  /** The Quartz job: calls {@link #sweep()}. */
  @DisallowConcurrentExecution
  public static class SweepJob implements Job {
    private final Notices notices;

    public SweepJob(Notices notices) {
      this.notices = notices;
    }

    @Override
    public void execute(JobExecutionContext context) {
      notices.sweep();
    }
  }
}
