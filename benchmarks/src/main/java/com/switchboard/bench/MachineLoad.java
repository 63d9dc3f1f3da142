package com.switchboard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the machine was doing during a phase, from {@code /proc} (Linux): the load average, how many
 * cores were busy in all, how many of them this JVM used (service, harness and stub together) and
 * how many the embedded PostgreSQL's processes used; the rest is everything else on the machine
 * (other people's builds). Readings are best effort: off Linux the phase is reported as unknown.
 */
final class MachineLoad {
  /** Kernel clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux we run on. */
  private static final double TICKS = 100.0;

  private final long postmasterPid;

  record Snapshot(
      long wallNanos,
      long totalTicks,
      long idleTicks,
      long jvmCpuNanos,
      long postgresTicks,
      String loadAverage) {}

  /**
   * @param postgresDataDirectory where {@code postmaster.pid} names the server's process
   */
  MachineLoad(Path postgresDataDirectory) {
    long pid = -1;
    try {
      pid =
          Long.parseLong(
              Files.readAllLines(postgresDataDirectory.resolve("postmaster.pid")).get(0).trim());
    } catch (IOException | RuntimeException e) {
      // unknown: PostgreSQL's share is then not reported
    }
    this.postmasterPid = pid;
  }

  Snapshot snapshot() {
    long total = 0;
    long idle = 0;
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      for (int i = 1; i < cpu.length && i <= 8; i++) {
        long v = Long.parseLong(cpu[i]);
        total += v;
        if (i == 4 || i == 5) {
          idle += v;
        }
      }
    } catch (IOException | RuntimeException e) {
      total = -1;
    }
    String load;
    try {
      load =
          String.join(
              " ",
              List.of(Files.readString(Path.of("/proc/loadavg")).trim().split(" ")).subList(0, 3));
    } catch (IOException | RuntimeException e) {
      load = "?";
    }
    long jvm =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    return new Snapshot(System.nanoTime(), total, idle, jvm, postgresTicks(), load);
  }

  /** One line: cores busy in all, by this JVM, by PostgreSQL, by the rest; load averages. */
  String describe(Snapshot from, Snapshot to) {
    double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
    if (seconds <= 0 || from.totalTicks() < 0 || to.totalTicks() < 0) {
      return "machine load: unknown";
    }
    double busy =
        ((to.totalTicks() - from.totalTicks()) - (to.idleTicks() - from.idleTicks()))
            / TICKS
            / seconds;
    double jvm = (to.jvmCpuNanos() - from.jvmCpuNanos()) / 1e9 / seconds;
    double pg =
        from.postgresTicks() < 0 || to.postgresTicks() < 0
            ? Double.NaN
            : (to.postgresTicks() - from.postgresTicks()) / TICKS / seconds;
    double rest = busy - jvm - (Double.isNaN(pg) ? 0 : pg);
    return String.format(
        Locale.ROOT,
        "cores busy %.2f of %d (this JVM %.2f, PostgreSQL %s, everything else %.2f) over %.0f s;"
            + " load average %s -> %s",
        busy,
        Runtime.getRuntime().availableProcessors(),
        jvm,
        Double.isNaN(pg) ? "?" : String.format(Locale.ROOT, "%.2f", pg),
        Math.max(0, rest),
        seconds,
        from.loadAverage(),
        to.loadAverage());
  }

  /**
   * CPU ticks of the postmaster, its live children, and its children that have exited (the
   * postmaster's cutime and cstime).
   */
  private long postgresTicks() {
    if (postmasterPid < 0) {
      return -1;
    }
    long sum = 0;
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : processes) {
        String[] stat = stat(process);
        if (stat == null) {
          continue;
        }
        long pid = Long.parseLong(process.getFileName().toString());
        long parent = Long.parseLong(stat[1]);
        if (pid == postmasterPid) {
          sum +=
              Long.parseLong(stat[11])
                  + Long.parseLong(stat[12])
                  + Long.parseLong(stat[13])
                  + Long.parseLong(stat[14]);
        } else if (parent == postmasterPid) {
          sum += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return sum;
  }

  /** The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, ... [11] utime. */
  private static String[] stat(Path process) {
    try {
      String text = Files.readString(process.resolve("stat"));
      int close = text.lastIndexOf(')');
      return close < 0 ? null : text.substring(close + 2).trim().split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
