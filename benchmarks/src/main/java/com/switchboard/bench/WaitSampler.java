package com.switchboard.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Samples {@code pg_stat_activity} every few hundred milliseconds while a phase runs: how many of
 * the database's sessions were running, waiting (on what: a lock, I/O, the WAL) or sitting idle
 * inside an open transaction (the application holding its locks while it works in Java), and which
 * statements the lock waiters were stuck on. Averages over the samples are what it reports.
 */
final class WaitSampler implements AutoCloseable {
  private static final String QUERY =
      "/* bench */ SELECT state, coalesce(wait_event_type, '-'), coalesce(wait_event, '-'),"
          + " left(regexp_replace(query, '\\s+', ' ', 'g'), 90)"
          + " FROM pg_stat_activity"
          + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
          + " AND state IN ('active', 'idle in transaction')";

  private final DataSource source;
  private final long intervalMillis;
  private final Map<String, Integer> byWait = new HashMap<>();
  private final Map<String, Integer> lockedStatements = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private int samples;

  WaitSampler(DataSource source, long intervalMillis) {
    this.source = source;
    this.intervalMillis = intervalMillis;
    this.thread = new Thread(this::loop, "pg-wait-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try (Connection c = source.getConnection();
        PreparedStatement q = c.prepareStatement(QUERY)) {
      while (running) {
        Map<String, Integer> wait = new HashMap<>();
        Map<String, Integer> locked = new HashMap<>();
        try (ResultSet rows = q.executeQuery()) {
          while (rows.next()) {
            String state = rows.getString(1);
            String key =
                state.equals("active")
                    ? (rows.getString(2).equals("-")
                        ? "running (CPU)"
                        : rows.getString(2) + ":" + rows.getString(3))
                    : "idle in transaction (app working or waiting)";
            wait.merge(key, 1, Integer::sum);
            if (state.equals("active") && rows.getString(2).equals("Lock")) {
              locked.merge(rows.getString(4), 1, Integer::sum);
            }
          }
        }
        synchronized (this) {
          samples++;
          wait.forEach((k, v) -> byWait.merge(k, v, Integer::sum));
          locked.forEach((k, v) -> lockedStatements.merge(k, v, Integer::sum));
        }
        Thread.sleep(intervalMillis);
      }
    } catch (SQLException e) {
      System.out.println("wait sampler stopped: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Average sessions per state or wait, most first; then the statements lock waiters were in. */
  synchronized List<String> report() {
    List<String> lines = new ArrayList<>();
    if (samples == 0) {
      lines.add("  (no samples)");
      return lines;
    }
    lines.add(
        String.format(Locale.ROOT, "  %d samples of pg_stat_activity; average sessions:", samples));
    byWait.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(10)
        .forEach(
            e ->
                lines.add(
                    String.format(
                        Locale.ROOT,
                        "    %6.2f  %s",
                        e.getValue() / (double) samples,
                        e.getKey())));
    if (!lockedStatements.isEmpty()) {
      lines.add("  statements waiting on a lock (average sessions):");
      lockedStatements.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .limit(6)
          .forEach(
              e ->
                  lines.add(
                      String.format(
                          Locale.ROOT,
                          "    %6.2f  %s",
                          e.getValue() / (double) samples,
                          e.getKey())));
    }
    return lines;
  }
}
