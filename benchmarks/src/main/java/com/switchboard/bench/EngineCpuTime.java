package com.switchboard.bench;

import com.switchboard.schedule.Schedule;
import com.switchboard.schedule.ScheduleOverride;
import com.switchboard.schedule.ShiftCalculator;
import com.switchboard.user.UserId;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * The JMH benchmark's operations timed in CPU time of the benchmark thread ({@link
 * ThreadMXBean#getCurrentThreadCpuTime()}) beside wall time. The aim in the schedules issue is
 * stated in CPU time, and on a shared machine wall time also counts the time other processes had
 * the core. Not a replacement for JMH (no forks, no blackhole): a cross-check. Bounded: a fixed
 * number of batches.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar com.switchboard.bench.EngineCpuTime}
 */
public final class EngineCpuTime {
  private static volatile Object sink;

  private EngineCpuTime() {}

  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Random random = new Random(20250101L);
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      users.add(new UserId(new UUID(0x5B, i + 1)));
    }
    Schedule schedule = ShiftCalculatorBenchmark.bigSchedule(users, random);
    List<ScheduleOverride> overrides = ShiftCalculatorBenchmark.overrides(users, random, 500);
    Schedule small = ShiftCalculatorBenchmark.smallSchedule(users);
    Instant[] instants = new Instant[1024];
    long span =
        ShiftCalculatorBenchmark.TO.getEpochSecond()
            - ShiftCalculatorBenchmark.FROM.getEpochSecond();
    for (int i = 0; i < instants.length; i++) {
      instants[i] = ShiftCalculatorBenchmark.FROM.plusSeconds((long) (random.nextDouble() * span));
    }
    ShiftCalculator calculator = new ShiftCalculator();
    System.out.printf(
        "%-24s %12s %12s %12s %12s%n",
        "operation", "cpu median", "cpu min", "wall median", "cpu/wall");
    measure(
        threads,
        "compute (1 year)",
        20,
        i ->
            sink =
                calculator.compute(
                    schedule,
                    overrides,
                    ShiftCalculatorBenchmark.FROM,
                    ShiftCalculatorBenchmark.TO));
    measure(
        threads,
        "onCallAt",
        20_000,
        i -> sink = calculator.onCallAt(schedule, overrides, instants[i & 1023]));
    measure(
        threads,
        "onCallAtSmallSchedule",
        20_000,
        i -> sink = calculator.onCallAt(small, List.of(), instants[i & 1023]));
  }

  /** 20 warm-up batches, then 25 measured batches of {@code perBatch} operations. */
  private static void measure(ThreadMXBean threads, String name, int perBatch, IntConsumer op) {
    int batches = 25;
    for (int b = 0; b < 20; b++) {
      for (int i = 0; i < perBatch; i++) {
        op.accept(i);
      }
    }
    double[] cpu = new double[batches];
    double[] wall = new double[batches];
    for (int b = 0; b < batches; b++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      for (int i = 0; i < perBatch; i++) {
        op.accept(i);
      }
      wall[b] = (System.nanoTime() - wall0) / 1e3 / perBatch;
      cpu[b] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / perBatch;
    }
    double cpuSum = Arrays.stream(cpu).sum();
    double wallSum = Arrays.stream(wall).sum();
    Arrays.sort(cpu);
    Arrays.sort(wall);
    System.out.printf(
        "%-24s %9.2f us %9.2f us %9.2f us %11.0f%%%n",
        name, cpu[batches / 2], cpu[0], wall[batches / 2], 100 * cpuSum / wallSum);
  }
}
