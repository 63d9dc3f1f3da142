package com.switchboard.bench;

import com.switchboard.schedule.Layer;
import com.switchboard.schedule.LayerId;
import com.switchboard.schedule.OverrideId;
import com.switchboard.schedule.Schedule;
import com.switchboard.schedule.ScheduleId;
import com.switchboard.schedule.ScheduleOverride;
import com.switchboard.schedule.ScheduleTimeline;
import com.switchboard.schedule.ShiftCalculator;
import com.switchboard.schedule.Turn;
import com.switchboard.schedule.WeeklyWindow;
import com.switchboard.user.UserId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pure shift engine on the schedule the schedules issue names: 10 layers of 10 participants
 * each, with every turn kind and a mix of restriction windows, 500 overrides, over one year in
 * America/New_York (both DST changes inside the window).
 *
 * <ul>
 *   <li>{@code compute}: the final shifts, per-layer shifts and gaps for the whole year.
 *   <li>{@code onCallAt}: who is on call at one of 1,024 random instants of that year, with all 500
 *       overrides passed in (the worst case: the API passes only the overrides in force).
 *   <li>{@code onCallAtSmallSchedule}: the same question for a two-layer schedule with a
 *       restriction and no override, the typical schedule of the tenant-wide on-call answer.
 * </ul>
 *
 * <p>The warm-up is long on purpose: on a busy two-core machine, {@code compute} is still being
 * compiled after three one-second warm-up iterations (measured: 15-29 ms per op, against 0.8-0.9 ms
 * once compiled).
 *
 * <p>Everything is generated from a fixed seed, so every run measures the same schedule. Run with
 * {@code java -jar benchmarks/target/benchmarks.jar ShiftCalculatorBenchmark}; see
 * docs/performance.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ShiftCalculatorBenchmark {
  static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final Instant FROM = LocalDateTime.of(2025, 1, 1, 0, 0).atZone(ZONE).toInstant();
  static final Instant TO = LocalDateTime.of(2026, 1, 1, 0, 0).atZone(ZONE).toInstant();
  private static final int INSTANTS = 1024;

  private final ShiftCalculator calculator = new ShiftCalculator();
  private Schedule schedule;
  private List<ScheduleOverride> overrides;
  private Schedule small;
  private Instant[] instants;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(20250101L);
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      users.add(new UserId(new java.util.UUID(0x5B, i + 1)));
    }
    schedule = bigSchedule(users, random);
    overrides = overrides(users, random, 500);
    small = smallSchedule(users);
    instants = new Instant[INSTANTS];
    long span = TO.getEpochSecond() - FROM.getEpochSecond();
    for (int i = 0; i < INSTANTS; i++) {
      instants[i] = FROM.plusSeconds((long) (random.nextDouble() * span));
    }
    ScheduleTimeline timeline = calculator.compute(schedule, overrides, FROM, TO);
    int layerShifts = timeline.layers().stream().mapToInt(l -> l.shifts().size()).sum();
    System.out.printf(
        "%nschedule: %d layers x %d participants, %d overrides, %s..%s %s:"
            + " %d final shifts, %d layer shifts, %d gaps%n",
        schedule.layers().size(),
        schedule.layers().get(0).participants().size(),
        overrides.size(),
        FROM,
        TO,
        ZONE,
        timeline.shifts().size(),
        layerShifts,
        timeline.gaps().size());
  }

  @Benchmark
  public ScheduleTimeline compute() {
    return calculator.compute(schedule, overrides, FROM, TO);
  }

  @Benchmark
  public Optional<UserId> onCallAt() {
    Instant at = instants[next++ & (INSTANTS - 1)];
    return calculator.onCallAt(schedule, overrides, at);
  }

  @Benchmark
  public Optional<UserId> onCallAtSmallSchedule() {
    Instant at = instants[next++ & (INSTANTS - 1)];
    return calculator.onCallAt(small, List.of(), at);
  }

  /** Ten layers, lowest first: every turn kind, restrictions crossing midnight and weekends. */
  static Schedule bigSchedule(List<UserId> users, Random random) {
    Instant base = LocalDateTime.of(2024, 6, 3, 9, 0).atZone(ZONE).toInstant();
    List<WeeklyWindow> weeknights = new ArrayList<>();
    for (DayOfWeek day : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
      weeknights.add(WeeklyWindow.daily(day, LocalTime.of(18, 0), LocalTime.of(9, 0)));
    }
    List<WeeklyWindow> offHours = new ArrayList<>(weeknights.subList(0, 4));
    offHours.add(
        new WeeklyWindow(
            DayOfWeek.FRIDAY, LocalTime.of(18, 0), DayOfWeek.MONDAY, LocalTime.of(9, 0)));
    List<WeeklyWindow> businessHours = new ArrayList<>();
    for (DayOfWeek day : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
      businessHours.add(WeeklyWindow.daily(day, LocalTime.of(9, 0), LocalTime.of(17, 0)));
    }
    List<WeeklyWindow> weekend =
        List.of(
            new WeeklyWindow(
                DayOfWeek.SATURDAY, LocalTime.MIDNIGHT, DayOfWeek.MONDAY, LocalTime.MIDNIGHT));
    List<WeeklyWindow> earlyHours =
        List.of(
            WeeklyWindow.daily(DayOfWeek.SUNDAY, LocalTime.of(1, 0), LocalTime.of(4, 0)),
            WeeklyWindow.daily(DayOfWeek.TUESDAY, LocalTime.of(2, 0), LocalTime.of(4, 0)),
            WeeklyWindow.daily(DayOfWeek.THURSDAY, LocalTime.of(2, 0), LocalTime.of(4, 0)));
    List<WeeklyWindow> daytime = new ArrayList<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      daytime.add(WeeklyWindow.daily(day, LocalTime.of(8, 0), LocalTime.of(20, 0)));
    }
    Object[][] specs = {
      {Turn.weeklyAt(DayOfWeek.MONDAY, LocalTime.of(9, 0)), List.of()},
      {Turn.days(1), List.of()},
      {Turn.hours(12), weeknights},
      {Turn.weeks(1), offHours},
      {Turn.hours(8), businessHours},
      {Turn.days(2), weekend},
      {Turn.weeklyAt(DayOfWeek.FRIDAY, LocalTime.of(17, 0)), offHours},
      {Turn.weeks(2), List.of()},
      {Turn.hours(24), earlyHours},
      {Turn.weeklyAt(DayOfWeek.SUNDAY, LocalTime.of(2, 30)), daytime},
    };
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < specs.length; i++) {
      List<UserId> participants = new ArrayList<>();
      for (int p = 0; p < 10; p++) {
        participants.add(users.get(random.nextInt(users.size())));
      }
      @SuppressWarnings("unchecked")
      List<WeeklyWindow> windows = (List<WeeklyWindow>) specs[i][1];
      Instant start = base.plus(Duration.ofHours(37L * i));
      // The fortnightly layer ends in the autumn: a layer version that stops inside the window.
      Optional<Instant> end =
          i == 7
              ? Optional.of(LocalDateTime.of(2025, 10, 6, 9, 0).atZone(ZONE).toInstant())
              : Optional.empty();
      layers.add(
          new Layer(
              new LayerId(new java.util.UUID(0x1A, i + 1)),
              "layer " + i,
              participants,
              start,
              end,
              (Turn) specs[i][0],
              windows));
    }
    return new Schedule(new ScheduleId(new java.util.UUID(0x5C, 1)), "Benchmark", ZONE, layers);
  }

  /** Overrides of 1 to 72 hours, starting anywhere in the year; many overlap each other. */
  static List<ScheduleOverride> overrides(List<UserId> users, Random random, int count) {
    long span = TO.getEpochSecond() - FROM.getEpochSecond();
    List<ScheduleOverride> overrides = new ArrayList<>(count);
    for (int j = 0; j < count; j++) {
      Instant start = FROM.plusSeconds((long) (random.nextDouble() * span) / 1800 * 1800);
      Instant end = start.plus(Duration.ofMinutes(30L * (2 + random.nextInt(143))));
      overrides.add(
          new ScheduleOverride(
              new OverrideId(new java.util.UUID(0x0F, j + 1)),
              users.get(random.nextInt(users.size())),
              start,
              end,
              j + 1));
    }
    return overrides;
  }

  /** A weekly rotation with an off-hours layer above it. */
  static Schedule smallSchedule(List<UserId> users) {
    Instant start = LocalDateTime.of(2024, 9, 2, 9, 0).atZone(ZONE).toInstant();
    List<WeeklyWindow> offHours = new ArrayList<>();
    for (DayOfWeek day : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
      offHours.add(WeeklyWindow.daily(day, LocalTime.of(18, 0), LocalTime.of(9, 0)));
    }
    return new Schedule(
        new ScheduleId(new java.util.UUID(0x5C, 2)),
        "Small",
        ZONE,
        List.of(
            new Layer(
                new LayerId(new java.util.UUID(0x1B, 1)),
                "primary",
                users.subList(0, 4),
                start,
                Turn.weeklyAt(DayOfWeek.MONDAY, LocalTime.of(9, 0))),
            new Layer(
                new LayerId(new java.util.UUID(0x1B, 2)),
                "nights",
                users.subList(4, 8),
                start,
                Optional.empty(),
                Turn.days(1),
                offHours)));
  }
}
