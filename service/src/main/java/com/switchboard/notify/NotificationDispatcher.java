package com.switchboard.notify;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.switchboard.contact.ContactDao;
import com.switchboard.contact.ContactDao.PlannedRule;
import com.switchboard.notify.Notification.Status;
import com.switchboard.notify.sms.SmsNumberDao;
import com.switchboard.notify.sms.SmsRateLimit;
import com.switchboard.notify.sms.SmsReplyCodes;
import com.switchboard.paging.PageSubject;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.faults.FaultSwitch;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.tenant.TenantDao;
import com.switchboard.tenant.TenantId;
import com.switchboard.timeline.Timeline;
import com.switchboard.user.User;
import com.switchboard.user.UserDao;
import com.switchboard.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands notifications to providers, at least once and, in normal operation, exactly once.
 *
 * <p>For each message: a short transaction claims it (only one node can), builds its text, and
 * checks it is still wanted (incident still triggered; the number has not replied STOP). Then the
 * provider call, outside any transaction, retried with backoff when the error is retryable. Then a
 * second transaction records the outcome on the message and the timeline; a failure falls back to
 * the person's next contact method at once. A node that dies between claim and record leaves the
 * message "sending"; the {@link DeliverySweeper} hands it to another node once the cluster sees
 * that node dead, or the claim is stale. A message claimed {@code maxClaims} times without an
 * outcome is settled as failed; a page whose every contact method failed is said on the timeline. A
 * message whose person was deactivated since it was written is not sent.
 */
public class NotificationDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

  /** Pages that failed on every contact method of their person. */
  public static final String PAGES_FAILED = "switchboard.notify.page.failed";

  /** Messages this node has queued for its send pool and not yet finished. */
  public static final String DISPATCH_QUEUED = "switchboard.notify.dispatch.queued";

  /** How hard to try one provider before falling back. */
  public record RetryPolicy(int attempts, Duration firstBackoff) {}

  /**
   * A message claimed for sending; {@code bundled} are further pages to the same number sent in the
   * same SMS, {@code bundle} the incident numbers of all of them (null when single), and {@code
   * names} the paged people's names as the claim read them, for the timeline once sent.
   */
  private record Claimed(
      Notification notification,
      OutboundMessage message,
      long incidentNumber,
      List<Notification> bundled,
      Long[] bundle,
      Map<UUID, String> names) {}

  private final TenantDatabase db;
  private final ProviderRegistry providers;
  private final MessageComposer composer;
  private final RetryPolicy retry;
  private final Duration staleClaim;
  private final int maxClaims;
  private final ExecutorService executor;

  /** Messages in this node's queue or being sent by it. */
  private final Set<UUID> queued = ConcurrentHashMap.newKeySet();

  private final SmsRateLimit smsLimit;
  private final JobScheduler jobs;
  private final Clock clock;
  private final Counter pagesFailed;
  private final PageMetrics pages;

  public NotificationDispatcher(
      TenantDatabase db,
      ProviderRegistry providers,
      MessageComposer composer,
      RetryPolicy retry,
      Duration staleClaim,
      int maxClaims,
      ExecutorService executor,
      SmsRateLimit smsLimit,
      JobScheduler jobs,
      Clock clock,
      MetricRegistry metrics) {
    this.db = db;
    this.providers = providers;
    this.composer = composer;
    this.retry = retry;
    this.staleClaim = staleClaim;
    this.maxClaims = maxClaims;
    this.executor = executor;
    this.smsLimit = smsLimit;
    this.jobs = jobs;
    this.clock = clock;
    this.pagesFailed = metrics.counter(PAGES_FAILED);
    this.pages = new PageMetrics(metrics);
    metrics.gauge(DISPATCH_QUEUED, () -> queued::size);
  }

  /**
   * Delivers messages in the background; call after the transaction that wrote them commits. A
   * message already waiting in (or being sent from) this node's queue is not queued again: under a
   * backlog the sweeper finds those too, and each duplicate would cost a claim transaction.
   */
  public void dispatch(TenantId tenant, Collection<UUID> ids) {
    for (UUID id : ids) {
      if (!queued.add(id)) {
        continue;
      }
      try {
        executor.execute(() -> deliverLogged(tenant, id));
      } catch (RejectedExecutionException e) {
        queued.remove(id);
        // Shutting down: the sweeper on a surviving node sends it.
        LOG.warn("dispatcher is shut down; notification {} left for the sweeper", id);
      }
    }
  }

  private void deliverLogged(TenantId tenant, UUID id) {
    try {
      deliver(tenant, id);
    } catch (RuntimeException e) {
      LOG.error("delivering notification {} failed; the sweeper will retry it", id, e);
    } finally {
      queued.remove(id);
    }
  }

  /** Delivers one message on this thread, then any fallbacks its failure calls for. */
  public void deliver(TenantId tenant, UUID id) {
    List<UUID> queue = new ArrayList<>(List.of(id));
    while (!queue.isEmpty()) {
      UUID next = queue.remove(0);
      queue.addAll(deliverOne(tenant, next));
    }
  }

  private List<UUID> deliverOne(TenantId tenant, UUID id) {
    List<UUID> fallbacks = new ArrayList<>();
    Claimed claimed = db.inTenant(tenant, h -> claim(h, tenant, id, fallbacks));
    if (claimed == null) {
      return fallbacks;
    }
    FaultSwitch.point("halt-after-claim");
    MessageProvider provider = providers.forChannel(claimed.notification().channel());
    SendResult result = sendWithRetry(provider, claimed.message());
    FaultSwitch.point("halt-after-send");
    return db.inTenant(tenant, h -> record(h, tenant, claimed, provider.name(), result));
  }

  private Claimed claim(Handle h, TenantId tenant, UUID id, List<UUID> fallbacks) {
    Instant now = clock.instant();
    NotificationDao notifications = Daos.on(h, NotificationDao.class);
    // An SMS page takes its number's lock before it claims itself: the pages to one number then
    // claim one after another, and the first bundles those it finds waiting (claimBundle skips any
    // another claim holds, so the lock order is always number, then pages).
    Optional<SmsNumberDao.Locked> number =
        notifications
            .find(tenant, id)
            .filter(n -> n.channel() == Channel.SMS)
            .flatMap(n -> Daos.on(h, SmsNumberDao.class).lock(n.address()));
    Optional<Notification> claimedRow =
        notifications.claim(tenant, id, jobs.instanceId(), staleClaim.toMillis(), maxClaims, now);
    if (claimedRow.isEmpty()) {
      giveUpIfClaimedTooOften(h, tenant, id, now).ifPresent(fallbacks::add);
      return null;
    }
    Notification notification = claimedRow.get();
    PageSubject incident = PageSubject.find(h, tenant, notification.incidentId()).orElse(null);
    Map<UUID, String> names = new HashMap<>();
    if (!stillWanted(h, tenant, notification, incident, now, names)) {
      return null;
    }
    if (notification.channel() == Channel.SMS
        && number.map(SmsNumberDao.Locked::stopped).orElse(false)) {
      notifications.finish(
          tenant, id, Status.SUPPRESSED, null, null, "the number replied STOP", now);
      pages.count(h, Channel.SMS, PageMetrics.Outcome.SUPPRESSED);
      Timeline.record(
          h,
          tenant,
          incident.id(),
          now,
          "notification_suppressed",
          "Switchboard",
          "sms",
          "SMS to " + Timeline.mask(notification.address()) + " not sent: the number replied STOP",
          detail(notification, null, null));
      nextMethodOrPageFailed(h, tenant, notification, now).ifPresent(fallbacks::add);
      return null;
    }
    String slug = Daos.on(h, TenantDao.class).findById(tenant).orElseThrow().slug();
    if (notification.channel() != Channel.SMS) {
      return new Claimed(
          notification,
          composer.compose(slug, tenant, incident, notification, now),
          incident.number(),
          List.of(),
          null,
          names);
    }
    return claimSms(h, tenant, slug, notification, incident, number, names, now);
  }

  /**
   * An SMS goes out only when its number's rate limit allows; until then it waits, and the pages
   * that gather for the number meanwhile go out together in one message.
   */
  private Claimed claimSms(
      Handle h,
      TenantId tenant,
      String slug,
      Notification notification,
      PageSubject incident,
      Optional<SmsNumberDao.Locked> number,
      Map<UUID, String> names,
      Instant claimedAt) {
    NotificationDao notifications = Daos.on(h, NotificationDao.class);
    SmsNumberDao numbers = Daos.on(h, SmsNumberDao.class);
    String address = notification.address();
    Optional<Long[]> sends = number.map(SmsNumberDao.Locked::recentSends);
    // Read the clock again once the number is ours (claim locked it): a page that held the lock
    // before us recorded a send time later than the moment we started waiting.
    Instant now = clock.instant();
    List<Instant> recent =
        java.util.Arrays.stream(sends.orElse(new Long[0])).map(Instant::ofEpochMilli).toList();
    Instant allowed = smsLimit.allowedAt(recent, now);
    if (allowed.isAfter(now)) {
      notifications.defer(tenant, notification.id(), allowed, now);
      SmsFlushJob.schedule(jobs, tenant, address, allowed);
      Timeline.record(
          h,
          tenant,
          incident.id(),
          now,
          "notification_deferred",
          "Switchboard",
          "sms",
          "SMS to "
              + Timeline.mask(address)
              + " held until "
              + allowed
              + ": the number was texted moments ago; pending pages go out together",
          detail(notification, null, null));
      return null;
    }
    List<Notification> bundled = new ArrayList<>();
    List<PageSubject> bundledIncidents = new ArrayList<>(List.of(incident));
    Map<UUID, Long> replyCodes = new HashMap<>();
    replyCodes.put(incident.id(), replyCode(h, tenant, notification, incident, now));
    for (Notification other :
        notifications.claimBundle(tenant, address, notification.id(), jobs.instanceId(), now)) {
      PageSubject otherIncident = PageSubject.find(h, tenant, other.incidentId()).orElse(null);
      if (!stillWanted(h, tenant, other, otherIncident, now, names)) {
        continue;
      }
      bundled.add(other);
      if (!replyCodes.containsKey(otherIncident.id())) {
        replyCodes.put(otherIncident.id(), replyCode(h, tenant, other, otherIncident, now));
      }
      if (bundledIncidents.stream().noneMatch(i -> i.id().equals(otherIncident.id()))) {
        bundledIncidents.add(otherIncident);
      }
    }
    if (sends.isPresent()) {
      numbers.setRecentSends(
          address,
          smsLimit.afterSend(recent, now).stream().map(Instant::toEpochMilli).toArray(Long[]::new),
          now);
    }
    bundledIncidents.sort(java.util.Comparator.comparingLong(PageSubject::number));
    if (bundledIncidents.size() == 1) {
      return new Claimed(
          notification,
          composer.composeSms(slug, tenant, incident, notification, replyCodes.get(incident.id())),
          incident.number(),
          bundled,
          null,
          names);
    }
    OutboundMessage message =
        new OutboundMessage(
            notification.id(),
            slug,
            Channel.SMS,
            address,
            null,
            MessageComposer.bundle(slug, bundledIncidents, replyCodes),
            null,
            null,
            null);
    return new Claimed(
        notification,
        message,
        incident.number(),
        bundled,
        bundledIncidents.stream().map(PageSubject::number).toArray(Long[]::new),
        names);
  }

  /** The code a reply to this SMS page uses, taken for the phone now (see SmsReplyCodes). */
  private static long replyCode(
      Handle h, TenantId tenant, Notification notification, PageSubject incident, Instant now) {
    return SmsReplyCodes.assign(
        h,
        notification.address(),
        tenant,
        incident.id(),
        incident.number(),
        notification.userId(),
        notification.contactMethodId(),
        now);
  }

  /**
   * Whether a claimed message should still go out; if not, settles it: cancelled when its incident
   * is no longer triggered, suppressed when its person was deactivated since it was written. Puts
   * the name of a person still paged in {@code names}, for the timeline once it is sent.
   */
  private boolean stillWanted(
      Handle h,
      TenantId tenant,
      Notification n,
      PageSubject incident,
      Instant now,
      Map<UUID, String> names) {
    NotificationDao notifications = Daos.on(h, NotificationDao.class);
    if (incident == null || !incident.triggered()) {
      notifications.finish(tenant, n.id(), Status.CANCELLED, null, null, null, now);
      return false;
    }
    Optional<User> user = Daos.on(h, UserDao.class).findById(tenant, new UserId(n.userId()));
    if (user.isPresent() && user.get().active()) {
      names.put(n.userId(), user.get().name());
      return true;
    }
    String name = user.map(User::name).orElse("a former user");
    notifications.finish(
        tenant, n.id(), Status.SUPPRESSED, null, null, "the user was deactivated", now);
    pages.count(h, n.channel(), PageMetrics.Outcome.SUPPRESSED);
    recordAbout(
        h,
        tenant,
        n,
        "notification_suppressed",
        name,
        " not sent: " + name + " was deactivated",
        null,
        now);
    return false;
  }

  /**
   * A message that could not be claimed because it was claimed {@code maxClaims} times already
   * without an outcome is settled as failed, and the person's next contact method is tried.
   */
  private Optional<UUID> giveUpIfClaimedTooOften(Handle h, TenantId tenant, UUID id, Instant now) {
    String reason = "no outcome after " + maxClaims + " claims; not tried again";
    Optional<Notification> failed =
        Daos.on(h, NotificationDao.class)
            .giveUp(tenant, id, staleClaim.toMillis(), maxClaims, reason, now);
    if (failed.isEmpty()) {
      return Optional.empty();
    }
    Notification n = failed.get();
    recordAbout(
        h,
        tenant,
        n,
        "notification_failed",
        userName(h, tenant, n.userId()),
        " failed: " + reason,
        null,
        now);
    return nextMethodOrPageFailed(h, tenant, n, now);
  }

  /** Sends what a number's rate limit held back, bundled, now that it may be texted again. */
  public void flushSms(TenantId tenant, String address) {
    Optional<UUID> oldest =
        db.inTenant(
            tenant,
            h -> Daos.on(h, NotificationDao.class).oldestDueSms(tenant, address, clock.instant()));
    oldest.ifPresent(id -> deliver(tenant, id));
  }

  private SendResult sendWithRetry(MessageProvider provider, OutboundMessage message) {
    SendResult result = null;
    Duration backoff = retry.firstBackoff();
    for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
      result = provider.send(message);
      if (result.outcome() != SendResult.Outcome.RETRYABLE_FAILURE || attempt == retry.attempts()) {
        break;
      }
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      backoff = backoff.multipliedBy(4);
    }
    return result;
  }

  private List<UUID> record(
      Handle h, TenantId tenant, Claimed claimed, String providerName, SendResult result) {
    List<UUID> fallbacks =
        new ArrayList<>(
            recordOne(h, tenant, claimed, claimed.notification(), providerName, result));
    for (Notification other : claimed.bundled()) {
      fallbacks.addAll(recordOne(h, tenant, claimed, other, providerName, result));
    }
    return fallbacks;
  }

  private List<UUID> recordOne(
      Handle h,
      TenantId tenant,
      Claimed claimed,
      Notification n,
      String providerName,
      SendResult result) {
    Instant now = clock.instant();
    NotificationDao notifications = Daos.on(h, NotificationDao.class);
    String name = claimed.names().get(n.userId());
    if (name == null) {
      name = userName(h, tenant, n.userId());
    }
    if (result.accepted()) {
      int changed =
          notifications.finish(
              tenant, n.id(), Status.SENT, providerName, result.providerMessageId(), null, now);
      if (changed == 0) {
        // The provider's delivery report arrived before its answer and already settled it.
        h.createUpdate(
                "UPDATE notifications SET provider = :provider, provider_message_id = :pid,"
                    + " sent_at = COALESCE(sent_at, :now) WHERE tenant_id = :tenant AND id = :id")
            .bind("provider", providerName)
            .bind("pid", result.providerMessageId())
            .bind("now", now)
            .bind("tenant", tenant.value())
            .bind("id", n.id())
            .execute();
        return List.of();
      }
      pages.count(h, n.channel(), PageMetrics.Outcome.SENT);
      Timeline.record(
          h,
          tenant,
          n.incidentId(),
          now,
          "notified",
          "Switchboard",
          n.channel().wireName(),
          "Notified "
              + name
              + " by "
              + label(n.channel())
              + " at "
              + Timeline.mask(n.address())
              + (claimed.bundle() == null
                  ? ""
                  : " (one SMS for " + claimed.bundle().length + " open incidents)"),
          detail(n, providerName, result.providerMessageId()));
      if (n.channel() == Channel.SMS) {
        Daos.on(h, SmsNumberDao.class)
            .recordPage(
                n.address(), tenant, n.userId(), claimed.incidentNumber(), claimed.bundle(), now);
      }
      return List.of();
    }
    if (notifications.finish(tenant, n.id(), Status.FAILED, providerName, null, result.error(), now)
        == 0) {
      return List.of();
    }
    pages.count(h, n.channel(), PageMetrics.Outcome.FAILED);
    recordAbout(
        h, tenant, n, "notification_failed", name, " failed: " + result.error(), providerName, now);
    return nextMethodOrPageFailed(h, tenant, n, now).map(List::of).orElse(List.of());
  }

  /** A timeline entry about one message: "SMS to {name} at +1•••••0123{what}". */
  private static void recordAbout(
      Handle h,
      TenantId tenant,
      Notification n,
      String kind,
      String name,
      String what,
      String providerName,
      Instant now) {
    Timeline.record(
        h,
        tenant,
        n.incidentId(),
        now,
        kind,
        "Switchboard",
        n.channel().wireName(),
        label(n.channel()) + " to " + name + " at " + Timeline.mask(n.address()) + what,
        detail(n, providerName, null));
  }

  /**
   * A provider reported a message undelivered (Twilio status callback): mark it failed and fall
   * back to the person's next contact method now. Returns the fallback to dispatch, if any.
   */
  public List<UUID> reportFailure(Handle h, TenantId tenant, UUID id, String status) {
    Instant now = clock.instant();
    NotificationDao notifications = Daos.on(h, NotificationDao.class);
    Optional<Notification> found = notifications.find(tenant, id);
    if (found.isEmpty()
        || notifications.report(tenant, id, Status.FAILED, "provider reported " + status, now)
            == 0) {
      return List.of();
    }
    Notification n = found.get();
    pages.count(h, n.channel(), PageMetrics.Outcome.FAILED);
    Timeline.record(
        h,
        tenant,
        n.incidentId(),
        now,
        "notification_failed",
        "Twilio",
        n.channel().wireName(),
        label(n.channel()) + " to " + Timeline.mask(n.address()) + " was " + status,
        detail(n, n.provider(), n.providerMessageId()));
    PageSubject incident = PageSubject.find(h, tenant, n.incidentId()).orElse(null);
    if (incident == null || !incident.triggered()) {
      return List.of();
    }
    return nextMethodOrPageFailed(h, tenant, n, now).map(List::of).orElse(List.of());
  }

  /** The provider reported the message delivered. */
  public void reportDelivered(Handle h, TenantId tenant, UUID id) {
    Instant now = clock.instant();
    NotificationDao notifications = Daos.on(h, NotificationDao.class);
    Optional<Notification> found = notifications.find(tenant, id);
    if (found.isPresent() && notifications.report(tenant, id, Status.DELIVERED, null, now) > 0) {
      Notification n = found.get();
      pages.count(h, n.channel(), PageMetrics.Outcome.DELIVERED);
      Timeline.record(
          h,
          tenant,
          n.incidentId(),
          now,
          "delivered",
          "Twilio",
          n.channel().wireName(),
          label(n.channel()) + " to " + Timeline.mask(n.address()) + " delivered",
          detail(n, n.provider(), n.providerMessageId()));
    }
  }

  /**
   * After a failed message: a fallback to the person's next contact method, or, when every method
   * was tried, the page failed — said on the timeline and counted in {@link #PAGES_FAILED}.
   */
  private Optional<UUID> nextMethodOrPageFailed(
      Handle h, TenantId tenant, Notification n, Instant now) {
    Optional<UUID> fallback = fallbackFor(h, tenant, n, now);
    if (fallback.isEmpty()) {
      String name = userName(h, tenant, n.userId());
      Timeline.record(
          h,
          tenant,
          n.incidentId(),
          now,
          Timeline.PAGE_FAILED,
          "Switchboard",
          null,
          "Could not reach " + name + " by any method",
          Map.of("userId", n.userId().toString(), "notificationId", n.id().toString()));
      pagesFailed.inc();
    }
    return fallback;
  }

  /**
   * Writes a fallback message to the person's next usable contact method not yet tried for this
   * page; empty when every method was tried.
   */
  private Optional<UUID> fallbackFor(Handle h, TenantId tenant, Notification n, Instant now) {
    String baseKey = n.idempotencyKey().replaceFirst(":fallback:.*$", "");
    NotificationDao notifications = Daos.on(h, NotificationDao.class);
    Set<UUID> tried = new HashSet<>(notifications.contactMethodsTried(tenant, baseKey));
    for (PlannedRule method : Daos.on(h, ContactDao.class).usableMethods(tenant, n.userId())) {
      if (tried.contains(method.contactMethodId())) {
        continue;
      }
      if (method.channel() == Channel.SMS
          && Daos.on(h, SmsNumberDao.class).stopped(method.address()).orElse(false)) {
        continue;
      }
      UUID id = UUID.randomUUID();
      Optional<UUID> inserted =
          notifications.insert(
              tenant,
              id,
              baseKey + ":fallback:" + method.contactMethodId(),
              n.incidentId(),
              n.escalationId(),
              n.userId(),
              method.contactMethodId(),
              method.channel(),
              method.address(),
              Status.PENDING,
              now,
              now);
      if (inserted.isPresent()) {
        Timeline.record(
            h,
            tenant,
            n.incidentId(),
            now,
            "fallback",
            "Switchboard",
            method.channel().wireName(),
            "Falling back to " + label(method.channel()) + " at " + Timeline.mask(method.address()),
            Map.of("userId", n.userId().toString(), "notificationId", id.toString()));
        return inserted;
      }
    }
    return Optional.empty();
  }

  private static Map<String, Object> detail(Notification n, String provider, String providerId) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("notificationId", n.id().toString());
    detail.put("userId", n.userId().toString());
    detail.put("channel", n.channel().wireName());
    detail.put("address", Timeline.mask(n.address()));
    if (provider != null) {
      detail.put("provider", provider);
    }
    if (providerId != null) {
      detail.put("providerMessageId", providerId);
    }
    return detail;
  }

  private static String label(Channel channel) {
    switch (channel) {
      case SMS:
        return "SMS";
      case VOICE:
        return "voice call";
      default:
        return "email";
    }
  }

  private static String userName(Handle h, TenantId tenant, UUID user) {
    return Daos.on(h, UserDao.class)
        .findById(tenant, new UserId(user))
        .map(User::name)
        .orElse("a former user");
  }
}
