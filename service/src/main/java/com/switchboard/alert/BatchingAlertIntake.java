package com.switchboard.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.tenant.TenantId;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake behind every integration: callers put their events on a bounded queue and get a
 * future; one writer thread takes everything waiting (up to a batch) and stores it in one
 * transaction, one multi-row insert per tenant (each in its tenant's scope), commits, and only then
 * completes every caller's future (on a reply thread, not the writer's). A failed commit fails them
 * all; nothing of it is stored. So the cost of a commit (the fsync) is shared by every event of the
 * batch, and a caller waiting for it holds no request thread.
 */
public class BatchingAlertIntake implements AlertIntake, Managed {
  private static final Logger LOG = LoggerFactory.getLogger(BatchingAlertIntake.class);
  private static final int RETRY_AFTER_SECONDS = 1;
  private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern NUL_ESCAPE = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");
  private static final int WAITING = 0;
  private static final int TAKEN = 1;
  private static final int ABANDONED = 2;

  /** One caller's events, waiting for the writer. */
  static final class Pending {
    final AlertSource source;
    final List<AlertEvent> events;
    final CompletableFuture<Void> stored = new CompletableFuture<>();
    final AtomicInteger state = new AtomicInteger(WAITING);

    Pending(AlertSource source, List<AlertEvent> events) {
      this.source = source;
      this.events = events;
    }
  }

  private final TenantDatabase db;
  private final ObjectMapper json;
  private final Clock clock;
  private final int capacity;
  private final int batchSize;
  private final Duration maxWait;
  private final Semaphore room;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final List<Consumer<Set<TenantId>>> onCommit = new ArrayList<>();
  private volatile Thread writer;
  private volatile boolean running;
  private ScheduledExecutorService timers;
  private ExecutorService replies;

  public BatchingAlertIntake(
      TenantDatabase db, ObjectMapper json, Clock clock, AlertSettings settings) {
    this.db = db;
    this.json = json;
    this.clock = clock;
    this.capacity = settings.queueCapacity;
    this.batchSize = settings.batchSize;
    this.maxWait = settings.maxWait.toJavaDuration();
    this.room = new Semaphore(capacity);
  }

  /**
   * Runs after each commit with the tenants whose events it stored, on the writer thread (the
   * processor's wake-up); call while wiring.
   */
  public void onCommit(Consumer<Set<TenantId>> listener) {
    onCommit.add(listener);
  }

  @Override
  public CompletableFuture<Void> submit(AlertSource source, List<AlertEvent> events) {
    if (events.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    for (AlertEvent event : events) {
      if (event.action() == null || event.dedupKey() == null) {
        // An integration's bug; it must not fail the other callers of a batch.
        throw new IllegalArgumentException("an alert event needs an action and a dedup key");
      }
    }
    if (!running || events.size() > capacity || !room.tryAcquire(events.size())) {
      throw new IntakeOverloadedException(RETRY_AFTER_SECONDS);
    }
    Pending pending = new Pending(source, List.copyOf(events));
    queue.add(pending);
    timers.schedule(() -> giveUpUnlessTaken(pending), maxWait.toMillis(), TimeUnit.MILLISECONDS);
    return pending.stored;
  }

  /**
   * After {@code maxWait}: a call the writer has not taken is dropped (nothing of it is stored) and
   * refused. One it has taken waits for its commit's outcome, however long that takes (at most the
   * writer's statement timeout and a commit): refusing it then could answer 503 for events the
   * commit stores a moment later, and the sender's retry of a trigger without a dedup key would
   * open a second incident.
   */
  private void giveUpUnlessTaken(Pending pending) {
    if (pending.state.compareAndSet(WAITING, ABANDONED)) {
      room.release(pending.events.size());
      pending.stored.completeExceptionally(new IntakeOverloadedException(RETRY_AFTER_SECONDS));
    }
  }

  @Override
  public void start() {
    timers = Executors.newSingleThreadScheduledExecutor(daemon("alert-intake-timer"));
    replies = Executors.newFixedThreadPool(2, daemon("alert-intake-reply"));
    running = true;
    writer = new Thread(this::writeLoop, "alert-intake-writer");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void stop() throws InterruptedException {
    running = false;
    Thread thread = writer;
    if (thread != null) {
      thread.interrupt();
      thread.join(maxWait.toMillis());
    }
    // Whoever is still waiting stored nothing.
    for (Pending pending; (pending = queue.poll()) != null; ) {
      fail(List.of(pending), new IllegalStateException("the intake stopped"));
    }
    replies.shutdown();
    replies.awaitTermination(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    timers.shutdownNow();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private void writeLoop() {
    while (running) {
      List<Pending> batch;
      try {
        batch = nextBatch();
      } catch (InterruptedException e) {
        return;
      }
      if (batch.isEmpty()) {
        continue;
      }
      try {
        write(batch);
      } catch (RuntimeException e) {
        LOG.error("could not store a batch of {} alert intake calls", batch.size(), e);
        fail(batch, e);
        continue;
      }
      for (Pending pending : batch) {
        room.release(pending.events.size());
        // Off the writer thread: whoever waits on the future (an HTTP answer) runs on completion.
        replies.execute(() -> pending.stored.complete(null));
      }
      Set<TenantId> tenants = new HashSet<>();
      for (Pending pending : batch) {
        tenants.add(pending.source.tenant());
      }
      for (Consumer<Set<TenantId>> listener : onCommit) {
        try {
          listener.accept(tenants);
        } catch (RuntimeException e) {
          LOG.warn("an alert intake listener failed", e);
        }
      }
    }
  }

  /** Waits for a first call, then takes what else is waiting up to a batch of events. */
  private List<Pending> nextBatch() throws InterruptedException {
    List<Pending> batch = new ArrayList<>();
    Pending first = queue.poll(1, TimeUnit.SECONDS);
    int events = 0;
    for (Pending next = first; next != null; ) {
      if (next.state.compareAndSet(WAITING, TAKEN)) {
        batch.add(next);
        events += next.events.size();
      }
      Pending peeked = queue.peek();
      if (peeked == null || events + peeked.events.size() > batchSize) {
        break;
      }
      next = queue.poll();
    }
    return batch;
  }

  private void fail(List<Pending> batch, RuntimeException cause) {
    IntakeOverloadedException refusal = new IntakeOverloadedException(RETRY_AFTER_SECONDS);
    refusal.initCause(cause);
    for (Pending pending : batch) {
      room.release(pending.events.size());
      replies.execute(() -> pending.stored.completeExceptionally(refusal));
    }
  }

  /** Stores the batch in one transaction: per tenant, its scope, then one insert of its events. */
  void write(List<Pending> batch) {
    Map<TenantId, List<Pending>> byTenant = new LinkedHashMap<>();
    for (Pending pending : batch) {
      byTenant.computeIfAbsent(pending.source.tenant(), t -> new ArrayList<>()).add(pending);
    }
    Instant now = clock.instant();
    db.unscoped()
        .useTransaction(
            h -> {
              // Its callers wait for this transaction's outcome: a database that hangs fails it.
              h.execute("SET LOCAL statement_timeout = " + STATEMENT_TIMEOUT.toMillis());
              for (Map.Entry<TenantId, List<Pending>> tenant : byTenant.entrySet()) {
                TenantDatabase.enterTenant(h, tenant.getKey());
                Columns columns = new Columns();
                for (Pending pending : tenant.getValue()) {
                  for (AlertEvent event : pending.events) {
                    columns.add(pending.source, event);
                  }
                }
                Daos.on(h, AlertEventDao.class)
                    .insert(
                        tenant.getKey(),
                        now,
                        columns.services.toArray(UUID[]::new),
                        columns.integrations.toArray(UUID[]::new),
                        columns.types.toArray(String[]::new),
                        columns.actions.toArray(String[]::new),
                        columns.keys.toArray(String[]::new),
                        columns.urgencies.toArray(String[]::new),
                        columns.severities.toArray(String[]::new),
                        columns.summaries.toArray(String[]::new),
                        columns.payloads.toArray(String[]::new));
              }
            });
  }

  /** One tenant's events as columns for the insert. */
  private final class Columns {
    final List<UUID> services = new ArrayList<>();
    final List<UUID> integrations = new ArrayList<>();
    final List<String> types = new ArrayList<>();
    final List<String> actions = new ArrayList<>();
    final List<String> keys = new ArrayList<>();
    final List<String> urgencies = new ArrayList<>();
    final List<String> severities = new ArrayList<>();
    final List<String> summaries = new ArrayList<>();
    final List<String> payloads = new ArrayList<>();

    void add(AlertSource source, AlertEvent event) {
      services.add(source.serviceId());
      integrations.add(source.integrationId());
      types.add(source.integrationType());
      actions.add(event.action().name().toLowerCase(Locale.ROOT));
      keys.add(clean(event.dedupKey()));
      urgencies.add(event.urgency() == null ? null : event.urgency().wireName());
      severities.add(
          event.severity() == null ? null : event.severity().name().toLowerCase(Locale.ROOT));
      summaries.add(clean(event.summary()));
      payloads.add(NUL_ESCAPE.matcher(payload(event)).replaceAll("$1"));
    }
  }

  /** What the alert keeps besides its columns: shown on the incident's alerts. */
  private String payload(AlertEvent event) {
    ObjectNode node = json.createObjectNode();
    putIfPresent(node, "source", event.source());
    if (event.timestamp() != null) {
      node.put("timestamp", event.timestamp().toString());
    }
    putIfPresent(node, "component", event.component());
    putIfPresent(node, "group", event.group());
    putIfPresent(node, "class", event.eventClass());
    if (event.customDetails() != null && !event.customDetails().isNull()) {
      node.set("custom_details", event.customDetails());
    }
    if (event.links() != null && !event.links().isEmpty()) {
      node.set("links", json.valueToTree(event.links()));
    }
    if (event.images() != null && !event.images().isEmpty()) {
      node.set("images", json.valueToTree(event.images()));
    }
    putIfPresent(node, "client", event.client());
    putIfPresent(node, "client_url", event.clientUrl());
    return node.toString();
  }

  /** PostgreSQL text cannot hold NUL; one in a field must not fail the batch it is in. */
  private static String clean(String text) {
    return text == null ? null : text.replace("\0", "");
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
