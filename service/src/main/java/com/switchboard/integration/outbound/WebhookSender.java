package com.switchboard.integration.outbound;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.switchboard.integration.outbound.WebhookDao.Claimed;
import com.switchboard.integration.outbound.WebhookDao.Due;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.tenant.TenantId;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends webhook deliveries: claims due rows (one sender wins each, {@code FOR UPDATE SKIP LOCKED}),
 * posts each with its signature outside any transaction, and records the outcome — a 2xx delivers;
 * anything else, a timeout or a refused target schedules the next attempt with backoff, or after
 * the last attempt records the delivery as failed. A receiver that is down costs only those
 * records.
 *
 * <p>First attempts go out right after the publishing transaction commits, on this node's small
 * pool ({@link #sendSoon}); the clustered {@link SendJob} (every {@code
 * integrations.senderInterval}) sends retries and anything a node did not get to (it died, or its
 * queue was full). A claim is a lease: a sender that died mid-call leaves it to run out.
 */
public class WebhookSender {
  public static final String JOB_NAME = "webhook-sender";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
  private static final int BATCH = 100;
  private static final int MAX_BATCHES_PER_RUN = 10;
  static final int SNIPPET_BYTES = 512;
  private static final int MAX_ERROR_LENGTH = 500;

  private final TenantDatabase db;
  private final WebhookTargets targets;
  private final RetrySchedule retries;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Duration lease;
  private final Executor pool;
  private final Clock clock;
  private final Counter failed;

  /** Deliveries that failed for good (the last attempt failed, or the receiver refused it). */
  public static final String DELIVERIES_FAILED = "switchboard.webhooks.deliveries.failed";

  public WebhookSender(
      TenantDatabase db,
      WebhookTargets targets,
      RetrySchedule retries,
      Duration connectTimeout,
      Duration requestTimeout,
      Executor pool,
      Clock clock,
      MetricRegistry metrics) {
    this.db = db;
    this.targets = targets;
    this.retries = retries;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.requestTimeout = requestTimeout;
    // Longer than any attempt can take, so a live attempt is never claimed a second time.
    this.lease = requestTimeout.multipliedBy(3).plus(Duration.ofMinutes(1));
    this.pool = pool;
    this.clock = clock;
    this.failed = metrics.counter(DELIVERIES_FAILED);
  }

  /** After the publishing transaction committed: first attempts now, on this node's pool. */
  void sendSoon(TenantId tenant, List<UUID> deliveries) {
    try {
      pool.execute(() -> attempt(tenant, deliveries));
    } catch (RejectedExecutionException full) {
      // The sender job takes them on its next run.
    }
  }

  /** Sends every delivery due now, across tenants; returns how many attempts were made. */
  public int sendDue() {
    int attempted = 0;
    for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      Instant now = clock.instant();
      List<Due> due =
          db.unscoped()
              .inTransaction(
                  h -> {
                    h.createQuery("SELECT set_config('switchboard.scope', 'webhook-sender', true)")
                        .mapTo(String.class)
                        .one();
                    return Daos.on(h, WebhookDao.class).due(now, BATCH);
                  });
      Map<TenantId, List<UUID>> byTenant =
          due.stream()
              .collect(
                  Collectors.groupingBy(
                      Due::tenantId, Collectors.mapping(Due::id, Collectors.toList())));
      for (Map.Entry<TenantId, List<UUID>> tenant : byTenant.entrySet()) {
        attempted += attempt(tenant.getKey(), tenant.getValue());
      }
      if (due.size() < BATCH) {
        break;
      }
    }
    return attempted;
  }

  /** Claims those of the deliveries that are due, sends them all at once, records each outcome. */
  int attempt(TenantId tenant, List<UUID> deliveries) {
    try {
      Instant now = clock.instant();
      List<Claimed> claimed =
          db.inTenant(
              tenant,
              h ->
                  Daos.on(h, WebhookDao.class)
                      .claim(tenant, deliveries.toArray(UUID[]::new), now, now.plus(lease)));
      CompletableFuture.allOf(
              claimed.stream()
                  .map(c -> send(c).thenAccept(outcome -> record(tenant, c, outcome)))
                  .toArray(CompletableFuture[]::new))
          .join();
      return claimed.size();
    } catch (RuntimeException e) {
      // Leases run out and the job tries again; the publisher never sees this.
      LOG.warn("webhook attempts for tenant {} did not complete", tenant, e);
      return 0;
    }
  }

  private record Outcome(Integer statusCode, String error, String snippet, boolean retryable) {
    boolean delivered() {
      return statusCode != null && statusCode / 100 == 2;
    }
  }

  private CompletableFuture<Outcome> send(Claimed delivery) {
    if (!delivery.enabled()) {
      return CompletableFuture.completedFuture(
          new Outcome(null, "the endpoint is disabled", null, false));
    }
    URI uri = URI.create(delivery.url());
    Optional<String> refused = targets.refusal(uri);
    if (refused.isPresent()) {
      return CompletableFuture.completedFuture(new Outcome(null, refused.get(), null, true));
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Switchboard-Webhooks/1")
            .header("Switchboard-Event", delivery.eventType())
            .header("Switchboard-Delivery", delivery.id().toString())
            .header(
                WebhookSignatures.HEADER,
                WebhookSignatures.header(
                    delivery.secret(), clock.instant().getEpochSecond(), delivery.payload()))
            .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
            .build();
    CompletableFuture<HttpResponse<String>> response;
    try {
      response = http.sendAsync(request, info -> new Snippet(SNIPPET_BYTES));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(new Outcome(null, describe(e), null, true));
    }
    return response
        // The request timeout covers the answer's headers; this bounds the snippet too.
        .orTimeout(requestTimeout.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS)
        .handle(
            (answer, failure) ->
                failure == null
                    ? new Outcome(
                        answer.statusCode(),
                        answer.statusCode() / 100 == 2 ? null : "HTTP " + answer.statusCode(),
                        answer.body(),
                        true)
                    : new Outcome(null, describe(failure), null, true));
  }

  private void record(TenantId tenant, Claimed delivery, Outcome outcome) {
    Instant now = clock.instant();
    Optional<Instant> next =
        outcome.delivered() || !outcome.retryable()
            ? Optional.empty()
            : retries.next(delivery.attempts(), now);
    String status =
        outcome.delivered()
            ? WebhookDelivery.DELIVERED
            : next.isPresent() ? WebhookDelivery.PENDING : WebhookDelivery.FAILED;
    try {
      db.useTenant(
          tenant,
          h -> {
            if (status.equals(WebhookDelivery.FAILED)) {
              h.afterCommit(failed::inc);
            }
            Daos.on(h, WebhookDao.class)
                .record(
                    tenant,
                    delivery.id(),
                    delivery.attempts(),
                    status,
                    outcome.statusCode(),
                    outcome.error(),
                    outcome.snippet(),
                    next.orElse(null),
                    outcome.delivered() ? now : null,
                    now);
          });
    } catch (RuntimeException e) {
      LOG.warn("could not record webhook delivery {} of tenant {}", delivery.id(), tenant, e);
    }
  }

  private String describe(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String text;
    if (cause instanceof HttpConnectTimeoutException) {
      text = "could not connect within the connect timeout";
    } else if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      text = "no answer within " + requestTimeout.toSeconds() + " s";
    } else if (cause instanceof ConnectException) {
      text = "could not connect" + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    } else {
      text =
          cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
    return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
  }

  /** Keeps the first bytes of a response body as text and lets the rest go. */
  private static final class Snippet implements HttpResponse.BodySubscriber<String> {
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Snippet(int limit) {
      this.limit = limit;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        int take = Math.min(item.remaining(), limit - kept.size());
        byte[] bytes = new byte[take];
        item.get(bytes);
        kept.write(bytes, 0, take);
      }
      if (kept.size() >= limit) {
        subscription.cancel();
        onComplete();
      }
    }

    @Override
    public void onError(Throwable error) {
      body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      body.complete(kept.size() == 0 ? null : kept.toString(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<String> getBody() {
      return body;
    }
  }

  /** Registers the recurring sender with the cluster (once; later nodes find it there). */
  public static void register(JobScheduler jobs, Duration interval) {
    jobs.registerRecurring(JOB_NAME, SendJob.class, interval);
  }

  /**
   * The Quartz job: calls {@link #sendDue()}. Runs every {@code integrations.senderInterval} on one
   * node of the cluster at a time.
   */
  @DisallowConcurrentExecution
  public static class SendJob implements Job {
    private final WebhookSender sender;

    public SendJob(WebhookSender sender) {
      this.sender = sender;
    }

    @Override
    public void execute(JobExecutionContext context) {
      sender.sendDue();
    }
  }
}
