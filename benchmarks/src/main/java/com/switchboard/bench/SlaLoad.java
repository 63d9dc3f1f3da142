package com.switchboard.bench;

import com.switchboard.SwitchboardApplication;
import com.switchboard.audit.AuditLog;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.sla.SlaClocks;
import com.switchboard.sla.SlaEvent;
import com.switchboard.tenant.TenantId;
import com.switchboard.ticket.Author;
import com.switchboard.ticket.Ticket;
import com.switchboard.ticket.TicketPriority;
import com.switchboard.ticket.TicketRequests;
import com.switchboard.ticket.TicketService;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.quartz.Scheduler;

/**
 * Load harness for SLA clocks: what 100,000 open tickets with live clocks cost.
 *
 * <p>Runs on {@link BenchService} (throwaway embedded PostgreSQL with {@code pg_stat_statements},
 * the SMS sink standing in for Twilio, the service in this JVM). Sets one tenant up over the API: a
 * user with a verified SMS number, an escalation policy paging them, a customer of tier {@code
 * premium} and a 24x7 SLA policy for that tier (normal tickets: first response in 7 days,
 * resolution in 30; urgent tickets: first response in {@code --urgent-minutes}, warning at 50 %).
 * Then:
 *
 * <ol>
 *   <li>{@code setup}: the first {@code --compare-tickets} normal tickets are created in-process,
 *       {@code --batch} per transaction, through the service's own {@code TicketService.create}
 *       (ticket row, event, audit, and the clocks through the application's {@code
 *       QuartzSlaClocks}: {@code sla_clocks} rows and one Quartz trigger per clock, in the same
 *       transaction, as a ticket created over the API gets). The rest up to {@code --tickets}
 *       faster: ticket rows by JDBC batch, then their clocks started by the application's {@code
 *       SlaClocks} on {@code --threads} threads ({@link #seedTickets}).
 *   <li>{@code status}: after the first {@code --compare-tickets} and again after {@code
 *       --tickets}, once per entry of {@code --clients}: {@code PUT /api/v1/tickets/{id}/status}
 *       closed-loop, each client taking a random ticket of its own share (so two never race on
 *       one), moving it to pending (both clocks pause: rows rewritten, triggers deleted) and back
 *       to open (both resume: rows rewritten, new triggers); {@code --warmup-seconds} then {@code
 *       --seconds} measured: latency of each direction, throughput, statements per change.
 *   <li>{@code lateness}: with everything above waiting, creates {@code --due-rate x --due-seconds}
 *       urgent tickets in-process through {@code TicketService.create}, 50 per transaction, each
 *       back-dated (the service's clock set to a planned instant) so that the warnings fall due at
 *       {@code --due-rate} a second from 30 s after creating starts, and the breaches {@code
 *       --urgent-minutes / 2} after the warnings. Each timer fires through the product ({@code
 *       SlaTimerJob}, {@code SlaAlarms}: the warning notice, the breach incident and its page to
 *       the SMS sink). Measured per timer against its due time: when Quartz fired it and when the
 *       job started ({@link FireRecorder}), and when the warned/breached mark was written ({@code
 *       sla_clocks.warned_at}, {@code breached_at}); for breaches also the page's SMS at the sink.
 * </ol>
 *
 * <p>Options: {@code --tickets=100000 --compare-tickets=1000 --batch=250 --threads=4 --clients=1,4
 * --warmup-seconds=10 --seconds=30 --due-rate=20 --due-seconds=45 --urgent-minutes=3}. Every wait
 * is bounded; the harness stops everything it started and exits. Run it with {@code
 * ops/bench-sla.sh}.
 */
public final class SlaLoad {
  private static final String PHONE = "+15550000001";
  private static final long LEAD_MILLIS = 30_000;
  private static final int URGENT_BATCH = 50;

  /** A clock that says what it is told: the creation instant of the next back-dated ticket. */
  private static final class PlannedClock extends Clock {
    volatile Instant at = Instant.now();

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return at;
    }
  }

  private final int ticketCount;
  private final int compareTickets;
  private final int batch;
  private final int threads;
  private final List<Integer> clients;
  private final double warmupSeconds;
  private final double seconds;
  private final double dueRate;
  private final double dueSeconds;
  private final int urgentMinutes;

  private BenchService bench;
  private BenchService.Tenant tenant;
  private TenantId tenantId;
  private String customerId;
  private TicketService tickets;
  private TenantDatabase db;
  private final List<UUID> ticketIds = new ArrayList<>();

  private SlaLoad(Map<String, String> options) {
    this.ticketCount = Integer.parseInt(options.getOrDefault("tickets", "100000"));
    this.compareTickets = Integer.parseInt(options.getOrDefault("compare-tickets", "1000"));
    this.batch = Integer.parseInt(options.getOrDefault("batch", "250"));
    this.threads = Integer.parseInt(options.getOrDefault("threads", "4"));
    this.clients =
        java.util.stream.Stream.of(options.getOrDefault("clients", "1,4").split(","))
            .map(Integer::parseInt)
            .toList();
    this.warmupSeconds = Double.parseDouble(options.getOrDefault("warmup-seconds", "10"));
    this.seconds = Double.parseDouble(options.getOrDefault("seconds", "30"));
    this.dueRate = Double.parseDouble(options.getOrDefault("due-rate", "20"));
    this.dueSeconds = Double.parseDouble(options.getOrDefault("due-seconds", "45"));
    this.urgentMinutes = Integer.parseInt(options.getOrDefault("urgent-minutes", "3"));
    if (ticketCount < 1
        || ticketCount > 2_000_000
        || compareTickets < 1
        || compareTickets > ticketCount
        || batch < 1
        || batch > 10_000
        || threads < 1
        || threads > 16
        || clients.stream().anyMatch(n -> n < 1 || n > 64)
        || warmupSeconds < 0
        || seconds <= 0
        || seconds > 600
        || dueRate <= 0
        || dueSeconds <= 0
        || dueSeconds > 600
        || urgentMinutes < 1
        || urgentMinutes > 60
        || (dueSeconds + LEAD_MILLIS / 1000.0) * 1000 > urgentMinutes * 30_000L) {
      throw new IllegalArgumentException(
          "tickets in [1, 2000000], compare-tickets in [1, tickets], seconds and due-seconds in"
              + " (0, 600], urgent-minutes in [1, 60] and at least (due-seconds + 30) / 30"
              + " (the urgent tickets are created back-dated, none in the future)");
    }
  }

  public static void main(String[] args) {
    BenchService.main(args, options -> new SlaLoad(options).run());
  }

  private void run() throws Exception {
    bench = BenchService.start("/paging-bench-config.yml", "sla", 0);
    try {
      setUpTenant();
      long started = System.nanoTime();
      createTickets(compareTickets);
      double compareSetup = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "created %d tickets in %.1f s; %s%n", compareTickets, compareSetup, counts());
      statusPhases(compareTickets);
      started = System.nanoTime();
      MachineLoad.Snapshot before = bench.machine.snapshot();
      seedTickets(ticketCount - compareTickets);
      MachineLoad.Snapshot after = bench.machine.snapshot();
      double setupSeconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "%n== setup: %d more tickets in %.0f s (%.0f tickets/s; clocks %d tickets per"
              + " transaction, %d threads); %.0f s for all %d; %s%n  %s%n",
          ticketCount - compareTickets,
          setupSeconds,
          (ticketCount - compareTickets) / setupSeconds,
          batch,
          threads,
          compareSetup + setupSeconds,
          ticketCount,
          counts(),
          bench.machine.describe(before, after));
      statusPhases(ticketCount);
      latenessPhase();
    } finally {
      bench.close();
    }
  }

  // --- the tenant ---

  private void setUpTenant() throws Exception {
    long started = System.nanoTime();
    tenant = bench.signUp("sla", "SLA Bench");
    tenantId = new TenantId(UUID.fromString(tenant.tenantId()));
    Map<String, String> bearer = tenant.bearer();
    bench.verifiedSms(bearer, tenant.ownerId(), PHONE);
    String policy =
        bench.id(
            bench.send(
                "POST",
                "/api/v1/escalation-policies",
                Map.of(
                    "name",
                    "Support leads",
                    "repeatCount",
                    0,
                    "steps",
                    List.of(
                        Map.of(
                            "delayMinutes",
                            30,
                            "targets",
                            List.of(Map.of("type", "user", "id", tenant.ownerId()))))),
                bearer),
            "creating the escalation policy");
    bench.id(
        bench.send(
            "POST",
            "/api/v1/sla-policies",
            Map.of(
                "name",
                "Premium 24x7",
                "tier",
                "premium",
                "warningPercent",
                50,
                "escalationPolicyId",
                policy,
                "targets",
                List.of(
                    Map.of(
                        "priority",
                        "normal",
                        "firstResponseMinutes",
                        7 * 24 * 60,
                        "resolutionMinutes",
                        30 * 24 * 60),
                    Map.of("priority", "urgent", "firstResponseMinutes", urgentMinutes))),
            bearer),
        "creating the SLA policy");
    customerId =
        bench.id(
            bench.send(
                "POST",
                "/api/v1/customers",
                Map.of("name", "Acme Premium", "tier", "premium"),
                bearer),
            "creating the customer");
    SwitchboardApplication app = bench.application();
    Clock clock = Clock.systemUTC();
    db = new TenantDatabase(SwitchboardApplication.configureJdbi(Jdbi.create(bench.direct)));
    // The service's own ticket code over the application's SLA clocks (and so its Quartz); only
    // the creation listeners (similar tickets) are the application's instance's alone.
    tickets = new TicketService(db, app.slaClocks(), null, new AuditLog(clock), clock);
    System.out.printf(
        "set up tenant %s (owner with a verified SMS number, an escalation policy paging them, a"
            + " premium customer, a 24x7 SLA policy) in %.1f s%n",
        tenant.slug(), (System.nanoTime() - started) / 1e9);
  }

  private static final Author AUTHOR = Author.system("SLA bench", "api");

  private TicketRequests.Create request(String subject, TicketPriority priority) {
    return new TicketRequests.Create(
        subject,
        "",
        "someone@acme.test",
        UUID.fromString(customerId),
        priority,
        null,
        null,
        null,
        null);
  }

  /** Normal tickets, {@link #batch} per transaction, progress every ten batches' worth of time. */
  private void createTickets(int count) {
    long started = System.nanoTime();
    long lastReport = started;
    int done = 0;
    while (done < count) {
      int n = Math.min(batch, count - done);
      int first = ticketIds.size();
      List<UUID> made =
          db.inTenant(
              tenantId,
              h -> {
                List<UUID> ids = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                  ids.add(
                      tickets
                          .create(
                              h,
                              tenantId,
                              AUTHOR,
                              request("Waiting ticket " + (first + i), TicketPriority.NORMAL))
                          .id());
                }
                return ids;
              });
      ticketIds.addAll(made);
      done += n;
      long now = System.nanoTime();
      if (now - lastReport > TimeUnit.SECONDS.toNanos(30)) {
        System.out.printf("  ... %d of %d tickets in %.0f s%n", done, count, (now - started) / 1e9);
        lastReport = now;
      }
    }
  }

  /**
   * The waiting tickets, faster than {@link #createTickets}: the ticket rows are written with JDBC
   * batches (numbers taken from the tenant's counter, as {@code TicketDao.nextNumber} does, but
   * {@code count} at once; no "created" event or audit row), then each ticket's clocks are started
   * by the application's own {@code SlaClocks.onTicketEvent(CREATED)} on {@link #threads} threads,
   * {@link #batch} tickets per transaction: the same {@code sla_clocks} rows and Quartz triggers a
   * ticket created over the API gets.
   */
  private void seedTickets(int count) throws Exception {
    long started = System.nanoTime();
    Instant now = Instant.now();
    List<UUID> seeded = new ArrayList<>(count);
    try (Connection c = bench.direct.getConnection()) {
      c.setAutoCommit(false);
      BenchService.enterTenant(c, tenant.tenantId());
      long last;
      try (PreparedStatement take =
          c.prepareStatement(
              "/* bench */ INSERT INTO ticket_counters (tenant_id, last_number) VALUES (?, ?)"
                  + " ON CONFLICT (tenant_id) DO UPDATE"
                  + " SET last_number = ticket_counters.last_number + EXCLUDED.last_number"
                  + " RETURNING last_number")) {
        take.setObject(1, tenantId.value());
        take.setLong(2, count);
        try (ResultSet r = take.executeQuery()) {
          r.next();
          last = r.getLong(1);
        }
      }
      try (PreparedStatement insert =
          c.prepareStatement(
              "/* bench */ INSERT INTO tickets (tenant_id, id, number, subject, description,"
                  + " requester, customer_id, priority, status, created_by, created_at,"
                  + " updated_at) VALUES (?, ?, ?, ?, '', 'someone@acme.test', ?, 'normal', 'new',"
                  + " 'SLA bench', ?, ?)")) {
        Timestamp at = Timestamp.from(now);
        for (int i = 0; i < count; i++) {
          UUID id = UUID.randomUUID();
          seeded.add(id);
          insert.setObject(1, tenantId.value());
          insert.setObject(2, id);
          insert.setLong(3, last - count + 1 + i);
          insert.setString(4, "Waiting ticket " + (ticketIds.size() + i));
          insert.setObject(5, UUID.fromString(customerId));
          insert.setTimestamp(6, at);
          insert.setTimestamp(7, at);
          insert.addBatch();
          if (i % 1000 == 999) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
      c.commit();
    }
    System.out.printf(
        "  %d ticket rows written in %.0f s; starting their clocks%n",
        count, (System.nanoTime() - started) / 1e9);
    SlaClocks clocks = bench.application().slaClocks();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(threads, BenchService.daemon("seed"));
    try {
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        all.add(
            CompletableFuture.runAsync(
                () -> {
                  int from;
                  while ((from = next.getAndAdd(batch)) < count) {
                    List<UUID> chunk = seeded.subList(from, Math.min(count, from + batch));
                    db.useTenant(
                        tenantId,
                        h -> {
                          for (UUID id : chunk) {
                            Ticket ticket = tickets.find(h, tenantId, id);
                            clocks.onTicketEvent(
                                h,
                                tenantId,
                                TicketService.subject(ticket),
                                SlaEvent.CREATED,
                                Instant.now());
                          }
                        });
                    done.addAndGet(chunk.size());
                  }
                },
                workers));
      }
      CompletableFuture<Void> finished =
          CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
      while (true) {
        try {
          finished.get(30, TimeUnit.SECONDS);
          break;
        } catch (java.util.concurrent.TimeoutException e) {
          System.out.printf(
              "  ... clocks of %d of %d tickets in %.0f s%n",
              done.get(), count, (System.nanoTime() - started) / 1e9);
        }
      }
    } finally {
      workers.shutdownNow();
    }
    ticketIds.addAll(seeded);
  }

  /** Triggers of the service's Quartz and SLA clocks of the tenant, counted. */
  private String counts() throws SQLException {
    try (Connection c = bench.direct.getConnection()) {
      c.setAutoCommit(false);
      BenchService.enterTenant(c, tenant.tenantId());
      try (Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "/* bench */ SELECT (SELECT count(*) FROM qrtz_triggers),"
                      + " (SELECT count(*) FROM qrtz_triggers WHERE job_group LIKE 'sla:%'),"
                      + " (SELECT count(*) FROM sla_clocks),"
                      + " (SELECT count(*) FROM sla_clocks WHERE status = 'active'),"
                      + " (SELECT count(*) FROM tickets)")) {
        r.next();
        String line =
            String.format(
                Locale.ROOT,
                "qrtz_triggers %d (SLA timers %d), sla_clocks %d (active %d), tickets %d",
                r.getLong(1),
                r.getLong(2),
                r.getLong(3),
                r.getLong(4),
                r.getLong(5));
        c.commit();
        return line;
      }
    }
  }

  // --- status changes ---

  /** The status phase once per entry of {@link #clients}. */
  private void statusPhases(int among) throws Exception {
    for (int n : clients) {
      statusPhase(among, n);
    }
  }

  private void statusPhase(int among, int clientCount) throws Exception {
    System.out.printf(
        "%n== status changes among %d tickets: PUT /api/v1/tickets/{id}/status, a random ticket to"
            + " pending then back to open, %d clients closed-loop ==%n",
        among, clientCount);
    if (warmupSeconds > 0) {
      closedLoop(among, clientCount, warmupSeconds);
    }
    MachineLoad.Snapshot before = bench.machine.snapshot();
    bench.statements.reset();
    Loop loop;
    try (WaitSampler waits = new WaitSampler(bench.direct, 250)) {
      long t0 = System.nanoTime();
      loop = closedLoop(among, clientCount, seconds);
      long wallNanos = System.nanoTime() - t0;
      MachineLoad.Snapshot after = bench.machine.snapshot();
      System.out.println("  latency (ms)                     " + Samples.header());
      System.out.println("    to pending (clocks pause)      " + loop.pause().row());
      System.out.println("    back to open (clocks resume)   " + loop.resume().row());
      System.out.println("    either                         " + loop.all().row());
      System.out.printf(
          Locale.ROOT,
          "  throughput %.1f changes/s (%d in %.1f s), %d errors%n",
          loop.all().size() / (wallNanos / 1e9),
          loop.all().size(),
          wallNanos / 1e9,
          loop.errors());
      System.out.println("  " + bench.machine.describe(before, after));
      waits.close();
      waits.report().forEach(System.out::println);
    }
    bench.statements.report(loop.all().size(), "change").forEach(System.out::println);
  }

  private record Loop(Samples pause, Samples resume, Samples all, int errors) {}

  /**
   * {@code clientCount} clients, each on its own share of the first {@code among} tickets: each
   * takes a random ticket of its share, moves it to pending and then back to open.
   */
  private Loop closedLoop(int among, int clientCount, double forSeconds) throws Exception {
    Loop loop = new Loop(new Samples(), new Samples(), new Samples(), 0);
    AtomicInteger errors = new AtomicInteger();
    long end = System.nanoTime() + (long) (forSeconds * 1e9);
    ExecutorService workers =
        Executors.newFixedThreadPool(clientCount, BenchService.daemon("status"));
    try {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int w = 0; w < clientCount; w++) {
        int client = w;
        done.add(
            CompletableFuture.runAsync(
                () -> {
                  int slots = (among - client + clientCount - 1) / clientCount;
                  while (System.nanoTime() < end) {
                    UUID id =
                        ticketIds.get(
                            client + clientCount * ThreadLocalRandom.current().nextInt(slots));
                    if (!change(id, "pending", loop.pause(), loop.all(), errors)) {
                      continue;
                    }
                    change(id, "open", loop.resume(), loop.all(), errors);
                  }
                },
                workers));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
          .get((long) forSeconds + 180, TimeUnit.SECONDS);
    } finally {
      workers.shutdownNow();
    }
    return new Loop(loop.pause(), loop.resume(), loop.all(), errors.get());
  }

  /** One timed PUT of the ticket's status; false (the error counted) unless it answered 200. */
  private boolean change(UUID id, String to, Samples kind, Samples all, AtomicInteger errors) {
    long t0 = System.nanoTime();
    try {
      HttpResponse<String> r =
          bench.send(
              "PUT", "/api/v1/tickets/" + id + "/status", Map.of("status", to), tenant.bearer());
      double ms = (System.nanoTime() - t0) / 1e6;
      if (r.statusCode() == 200) {
        synchronized (all) {
          kind.add(ms);
          all.add(ms);
        }
        return true;
      }
      if (errors.incrementAndGet() <= 3) {
        System.out.println("  HTTP " + r.statusCode() + " " + BenchService.abbreviate(r.body()));
      }
    } catch (Exception e) {
      if (errors.incrementAndGet() <= 3) {
        System.out.println("  failed: " + e);
      }
    }
    return false;
  }

  // --- timer lateness ---

  private void latenessPhase() throws Exception {
    int count = (int) Math.round(dueRate * dueSeconds);
    long half = urgentMinutes * 30_000L;
    System.out.printf(
        "%n== timer lateness: %d urgent tickets whose warnings fall due at %.0f/s, each warning"
            + " %d s and breach %d s after the ticket's creation ==%n",
        count, dueRate, half / 1000, 2 * half / 1000);
    Scheduler quartz = bench.application().scheduler().quartz();
    FireRecorder recorder = new FireRecorder();
    quartz.getListenerManager().addJobListener(recorder);
    // Each ticket is created back-dated to the instant that makes its warning fall due at its
    // place in the steady sequence, LEAD_MILLIS after creating starts; all of them are in the past
    // by then (the options require it), so only the due times are planned, not how fast the
    // service creates tickets.
    long startMillis = System.currentTimeMillis();
    long firstWarning = startMillis + LEAD_MILLIS;
    PlannedClock planned = new PlannedClock();
    TicketService backDated =
        new TicketService(
            db, bench.application().slaClocks(), null, new AuditLog(Clock.systemUTC()), planned);
    List<UUID> urgent = new ArrayList<>(count);
    for (int from = 0; from < count; from += URGENT_BATCH) {
      int first = from;
      urgent.addAll(
          db.inTenant(
              tenantId,
              h -> {
                List<UUID> ids = new ArrayList<>();
                for (int i = first; i < Math.min(count, first + URGENT_BATCH); i++) {
                  planned.at =
                      Instant.ofEpochMilli(firstWarning + Math.round(i * 1000 / dueRate) - half);
                  ids.add(
                      backDated
                          .create(
                              h, tenantId, AUTHOR, request("Urgent " + i, TicketPriority.URGENT))
                          .id());
                }
                return ids;
              }));
    }
    long lastCreated = System.currentTimeMillis();
    System.out.printf(
        "  created %d in %.1f s (%d per transaction), the first warning due %.1f s after the"
            + " last was created; %s%n",
        count,
        (lastCreated - startMillis) / 1000.0,
        URGENT_BATCH,
        (firstWarning - lastCreated) / 1000.0,
        counts());
    BenchService.sleepUntilMicros((firstWarning - 3_000) * 1000);
    MachineLoad.Snapshot before = bench.machine.snapshot();
    bench.statements.reset();
    int waitingAtFirstDue = waitingTriggers();
    try (WaitSampler waits = new WaitSampler(bench.direct, 250)) {
      BenchService.sleepUntilMicros(
          (firstWarning + Math.round(count * 1000 / dueRate) + half + 5_000) * 1000);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (System.nanoTime() < deadline && breached(urgent) < count) {
        Thread.sleep(500);
      }
      MachineLoad.Snapshot after = bench.machine.snapshot();
      quartz.getListenerManager().removeJobListener(recorder.getName());
      report(urgent, recorder.fires(), waitingAtFirstDue);
      System.out.println("  " + bench.machine.describe(before, after));
      waits.close();
      waits.report().forEach(System.out::println);
    }
    bench.statements.report(2 * count, "timer").forEach(System.out::println);
  }

  private record Clock1(
      UUID id, Instant warnDue, Instant warnedAt, Instant dueAt, Instant breachedAt, Long number) {}

  private Map<String, Clock1> clocksOf(List<UUID> ticketIds) throws SQLException {
    Map<String, Clock1> found = new HashMap<>();
    try (Connection c = bench.direct.getConnection()) {
      c.setAutoCommit(false);
      BenchService.enterTenant(c, tenant.tenantId());
      try (PreparedStatement q =
          c.prepareStatement(
              "/* bench */ SELECT c.id, c.running_since + make_interval(secs => c.warn_seconds),"
                  + " c.warned_at, c.due_at, c.breached_at, i.number FROM sla_clocks c"
                  + " LEFT JOIN incidents i ON i.tenant_id = c.tenant_id AND i.id = c.incident_id"
                  + " WHERE c.tenant_id = ? AND c.ticket_id = ANY (?)")) {
        q.setObject(1, tenantId.value());
        q.setArray(2, c.createArrayOf("uuid", ticketIds.toArray()));
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            long number = r.getLong(6);
            found.put(
                r.getString(1),
                new Clock1(
                    UUID.fromString(r.getString(1)),
                    instant(r.getTimestamp(2)),
                    instant(r.getTimestamp(3)),
                    instant(r.getTimestamp(4)),
                    instant(r.getTimestamp(5)),
                    r.wasNull() ? null : number));
          }
        }
      }
      c.commit();
    }
    return found;
  }

  private int breached(List<UUID> ticketIds) throws SQLException {
    return (int) clocksOf(ticketIds).values().stream().filter(c -> c.breachedAt() != null).count();
  }

  private int waitingTriggers() throws SQLException {
    try (Connection c = bench.direct.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "/* bench */ SELECT count(*) FROM qrtz_triggers WHERE trigger_state = 'WAITING'")) {
      r.next();
      return r.getInt(1);
    }
  }

  private void report(List<UUID> urgent, List<FireRecorder.Fire> fires, int waitingAtFirstDue)
      throws SQLException {
    Map<String, Clock1> clocks = clocksOf(urgent);
    Samples warnFired = new Samples();
    Samples warnStarted = new Samples();
    Samples breachFired = new Samples();
    Samples breachStarted = new Samples();
    Samples jobRun = new Samples();
    int stale = 0;
    for (FireRecorder.Fire f : fires) {
      if (!f.jobGroup().startsWith("sla:")) {
        continue;
      }
      Clock1 clock = clocks.get(f.jobGroup().substring("sla:".length()));
      if (clock == null) {
        continue;
      }
      boolean warning = clock.warnDue() != null && clock.warnDue().toEpochMilli() == f.dueMillis();
      boolean breach = clock.dueAt() != null && clock.dueAt().toEpochMilli() == f.dueMillis();
      if (warning) {
        warnFired.add(f.firedMillis() - f.dueMillis());
        warnStarted.add(f.latenessMillis());
      } else if (breach) {
        breachFired.add(f.firedMillis() - f.dueMillis());
        breachStarted.add(f.latenessMillis());
      } else {
        stale++;
      }
      if (f.endMicros() > 0) {
        jobRun.add((f.endMicros() - f.startMicros()) / 1000.0);
      }
    }
    Samples warned = new Samples();
    Samples breached = new Samples();
    Samples paged = new Samples();
    for (Clock1 c : clocks.values()) {
      if (c.warnedAt() != null) {
        warned.add((Clocks.micros(c.warnedAt()) - Clocks.micros(c.warnDue())) / 1000.0);
      }
      if (c.breachedAt() != null) {
        breached.add((Clocks.micros(c.breachedAt()) - Clocks.micros(c.dueAt())) / 1000.0);
      }
      if (c.number() != null) {
        Long sms = bench.sink.firstPageMicros(PHONE, tenant.slug(), c.number());
        if (sms != null) {
          paged.add((sms - Clocks.micros(c.dueAt())) / 1000.0);
        }
      }
    }
    System.out.printf(
        "  clocks %d; warned %d, breached %d, breach pages at the sink %d; %d triggers waiting"
            + " when the first warning fell due; %d timer runs matched neither due time%n",
        clocks.size(), warned.size(), breached.size(), paged.size(), waitingAtFirstDue, stale);
    System.out.println("  lateness, milliseconds after due     " + Samples.header());
    System.out.println("    warning: Quartz fired the trigger " + warnFired.row());
    System.out.println("    warning: job started              " + warnStarted.row());
    System.out.println("    warning: warned_at written        " + warned.row());
    System.out.println("    breach:  Quartz fired the trigger " + breachFired.row());
    System.out.println("    breach:  job started              " + breachStarted.row());
    System.out.println("    breach:  breached_at written      " + breached.row());
    System.out.println("    breach:  page SMS at the sink     " + paged.row());
    System.out.println("  timer job duration (start -> end)   " + jobRun.row());
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
