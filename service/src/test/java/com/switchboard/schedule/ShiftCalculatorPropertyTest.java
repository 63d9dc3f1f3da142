package com.switchboard.schedule;

import static com.switchboard.schedule.ScheduleFixtures.BERLIN;
import static com.switchboard.schedule.ScheduleFixtures.KOLKATA;
import static com.switchboard.schedule.ScheduleFixtures.LORD_HOWE;
import static com.switchboard.schedule.ScheduleFixtures.NEW_YORK;
import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.user.UserId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Invariants over 300 random schedules (seeded, so a failure reproduces): random zones among New
 * York, Berlin, Kolkata and Lord Howe, 1-4 layers of 1-5 participants, every turn kind, hand-offs
 * and windows often placed in skipped or repeated hours, random restrictions, layer ends and
 * overlapping overrides, windows often spanning a DST change.
 */
class ShiftCalculatorPropertyTest {
  private static final long SEED = 20240310L;
  private static final int SCHEDULES = 300;
  private static final int RANDOM_INSTANTS = 200;
  private static final ZoneId[] ZONES = {NEW_YORK, BERLIN, KOLKATA, LORD_HOWE};
  private static final LocalTime[] AWKWARD_TIMES = {
    LocalTime.MIDNIGHT,
    LocalTime.of(1, 30),
    LocalTime.of(2, 0),
    LocalTime.of(2, 15),
    LocalTime.of(2, 30),
    LocalTime.of(3, 0),
    LocalTime.of(9, 0),
    LocalTime.of(18, 0)
  };
  private static final List<UserId> USERS =
      List.of(
          ScheduleFixtures.ALICE,
          ScheduleFixtures.BOB,
          ScheduleFixtures.CAROL,
          ScheduleFixtures.DAVE,
          ScheduleFixtures.ERIN,
          ScheduleFixtures.ZOE);
  private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

  private final ShiftCalculator calculator = new ShiftCalculator();

  @Test
  void finalShiftsAreSortedDisjointMergedAndCoverTheWindowExactlyWithTheGaps() {
    forEachRandomCase(
        c -> {
          ScheduleTimeline timeline = c.compute();
          assertSortedDisjointAndMerged(timeline.shifts(), c.from, c.to, c::describe);
          List<TimeRange> tiles = new ArrayList<>();
          timeline.shifts().forEach(s -> tiles.add(new TimeRange(s.start(), s.end())));
          tiles.addAll(timeline.gaps());
          tiles.sort(Comparator.comparing(TimeRange::start));
          Instant cursor = c.from;
          for (TimeRange tile : tiles) {
            assertThat(tile.start()).as(c::describe).isEqualTo(cursor);
            cursor = tile.end();
          }
          assertThat(cursor).as(c::describe).isEqualTo(c.to);
        });
  }

  @Test
  void coveredTimeIsExactlyTheUnionOfLayerCoverageAndOverrides() {
    forEachRandomCase(
        c -> {
          ScheduleTimeline timeline = c.compute();
          List<TimeRange> expected = new ArrayList<>();
          for (LayerShifts layer : timeline.layers()) {
            layer.shifts().forEach(s -> expected.add(new TimeRange(s.start(), s.end())));
          }
          for (ScheduleOverride o : c.overrides) {
            Instant start = o.start().isBefore(c.from) ? c.from : o.start();
            Instant end = o.end().isAfter(c.to) ? c.to : o.end();
            if (start.isBefore(end)) {
              expected.add(new TimeRange(start, end));
            }
          }
          List<TimeRange> actual = new ArrayList<>();
          timeline.shifts().forEach(s -> actual.add(new TimeRange(s.start(), s.end())));
          assertThat(union(actual)).as(c::describe).isEqualTo(union(expected));
        });
  }

  @Test
  void eachLayersOwnShiftsAreSortedDisjointAndInsideTheLayersLife() {
    forEachRandomCase(
        c -> {
          ScheduleTimeline timeline = c.compute();
          assertThat(timeline.layers()).hasSameSizeAs(c.schedule.layers());
          for (int i = 0; i < c.schedule.layers().size(); i++) {
            Layer layer = c.schedule.layers().get(i);
            LayerShifts row = timeline.layers().get(i);
            assertThat(row.layerId()).isEqualTo(layer.id());
            assertSortedDisjointAndMerged(row.shifts(), c.from, c.to, c::describe);
            for (Shift s : row.shifts()) {
              assertThat(s.start()).as(c::describe).isAfterOrEqualTo(layer.start());
              layer
                  .end()
                  .ifPresent(end -> assertThat(s.end()).as(c::describe).isBeforeOrEqualTo(end));
            }
          }
        });
  }

  @Test
  void onCallAtAgreesWithComputeAtRandomInstantsAndAtEveryBoundary() {
    forEachRandomCase(
        c -> {
          ScheduleTimeline timeline = c.compute();
          for (Instant t : c.probes(timeline, RANDOM_INSTANTS)) {
            assertThat(calculator.onCallAt(c.schedule, c.overrides, t))
                .as(() -> c.describe() + " at " + t)
                .isEqualTo(userAt(timeline.shifts(), t));
          }
        });
  }

  @Test
  void computeAgreesWithANaiveReferenceWalkingEveryTurnFromTheLayerStart() {
    forEachRandomCase(
        c -> {
          ScheduleTimeline timeline = c.compute();
          ReferenceOnCall reference = new ReferenceOnCall(c.schedule, c.overrides, c.to);
          List<Instant> probes = c.probes(timeline, RANDOM_INSTANTS);
          probes.addAll(c.transitionProbes());
          for (Instant t : probes) {
            assertThat(userAt(timeline.shifts(), t))
                .as(() -> c.describe() + " at " + t)
                .isEqualTo(reference.onCallAt(t));
            for (int i = 0; i < c.schedule.layers().size(); i++) {
              int layerIndex = i;
              assertThat(userAt(timeline.layers().get(i).shifts(), t))
                  .as(() -> "layer " + layerIndex + " of " + c.describe() + " at " + t)
                  .isEqualTo(reference.layerAt(c.schedule.layers().get(i), t));
            }
          }
        });
  }

  @Test
  void randomCasesReallyExerciseDstChangesGapsRestrictionsAndOverlappingOverrides() {
    int[] dst = {0};
    int[] gaps = {0};
    int[] restricted = {0};
    int[] ended = {0};
    int[] overlappingOverrides = {0};
    int[] stackedShifts = {0};
    forEachRandomCase(
        c -> {
          ZoneOffsetTransition change = c.schedule.zone().getRules().nextTransition(c.from);
          dst[0] += change != null && change.getInstant().isBefore(c.to) ? 1 : 0;
          ScheduleTimeline timeline = c.compute();
          gaps[0] += timeline.gaps().isEmpty() ? 0 : 1;
          restricted[0] +=
              c.schedule.layers().stream().anyMatch(l -> !l.restrictions().isEmpty()) ? 1 : 0;
          ended[0] += c.schedule.layers().stream().anyMatch(l -> l.end().isPresent()) ? 1 : 0;
          boolean overlap = false;
          for (ScheduleOverride a : c.overrides) {
            for (ScheduleOverride b : c.overrides) {
              overlap |= a != b && a.start().isBefore(b.end()) && b.start().isBefore(a.end());
            }
          }
          overlappingOverrides[0] += overlap ? 1 : 0;
          long layersWithShifts =
              timeline.layers().stream().filter(l -> !l.shifts().isEmpty()).count();
          stackedShifts[0] += layersWithShifts >= 2 ? 1 : 0;
        });

    assertThat(dst[0]).as("windows spanning a DST change").isGreaterThan(80);
    assertThat(gaps[0]).as("timelines with gaps").isGreaterThan(40);
    assertThat(restricted[0]).as("schedules with a restricted layer").isGreaterThan(150);
    assertThat(ended[0]).as("schedules with an ended layer").isGreaterThan(80);
    assertThat(overlappingOverrides[0]).as("cases with overlapping overrides").isGreaterThan(80);
    assertThat(stackedShifts[0]).as("cases where two layers both have shifts").isGreaterThan(120);
  }

  // --- the random cases ---

  private interface CaseCheck {
    void check(Case c);
  }

  private void forEachRandomCase(CaseCheck check) {
    Random random = new Random(SEED);
    for (int n = 0; n < SCHEDULES; n++) {
      check.check(randomCase(random, n));
    }
  }

  private final class Case {
    final int number;
    final Schedule schedule;
    final List<ScheduleOverride> overrides;
    final Instant from;
    final Instant to;
    final long probeSeed;

    Case(
        int number,
        Schedule schedule,
        List<ScheduleOverride> overrides,
        Instant from,
        Instant to,
        long probeSeed) {
      this.number = number;
      this.schedule = schedule;
      this.overrides = overrides;
      this.from = from;
      this.to = to;
      this.probeSeed = probeSeed;
    }

    ScheduleTimeline compute() {
      return calculator.compute(schedule, overrides, from, to);
    }

    /** Every boundary in the timeline, plus the instant just before each, plus random instants. */
    List<Instant> probes(ScheduleTimeline timeline, int randomCount) {
      Random random = new Random(probeSeed);
      List<Instant> probes = new ArrayList<>();
      long span = Duration.between(from, to).toNanos();
      for (int i = 0; i < randomCount; i++) {
        probes.add(from.plusNanos((long) (random.nextDouble() * span)));
      }
      List<Instant> edges = new ArrayList<>();
      timeline.shifts().forEach(s -> edges.add(s.start()));
      timeline.gaps().forEach(g -> edges.add(g.start()));
      timeline.layers().forEach(l -> l.shifts().forEach(s -> edges.add(s.end())));
      overrides.forEach(o -> edges.add(o.end()));
      for (Instant edge : edges) {
        if (!edge.isBefore(from) && edge.isBefore(to)) {
          probes.add(edge);
        }
        Instant before = edge.minusNanos(1);
        if (!before.isBefore(from) && before.isBefore(to)) {
          probes.add(before);
        }
      }
      probes.addAll(transitionProbes());
      Collections.shuffle(probes, random);
      return probes;
    }

    /** Every quarter hour from 90 minutes before to 90 after each DST change, and 1 ns before. */
    List<Instant> transitionProbes() {
      List<Instant> probes = new ArrayList<>();
      ZoneRules rules = schedule.zone().getRules();
      for (ZoneOffsetTransition change = rules.nextTransition(from.minusSeconds(7200));
          change != null && change.getInstant().isBefore(to.plusSeconds(7200));
          change = rules.nextTransition(change.getInstant())) {
        for (long minutes = -90; minutes <= 90; minutes += 15) {
          for (long nanos : new long[] {-1, 0}) {
            Instant t = change.getInstant().plusSeconds(60 * minutes).plusNanos(nanos);
            if (!t.isBefore(from) && t.isBefore(to)) {
              probes.add(t);
            }
          }
        }
      }
      return probes;
    }

    String describe() {
      return "case "
          + number
          + " (seed "
          + SEED
          + "): "
          + schedule
          + " overrides "
          + overrides
          + " window ["
          + from
          + ", "
          + to
          + ")";
    }
  }

  private Case randomCase(Random r, int number) {
    ZoneId zone = ZONES[r.nextInt(ZONES.length)];
    Instant from = randomWindowStart(r, zone);
    Instant to = from.plus(Duration.ofMinutes(60 + r.nextInt(45 * 24 * 60)));
    int layerCount = 1 + r.nextInt(4);
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < layerCount; i++) {
      layers.add(randomLayer(r, zone, from, to));
    }
    List<ScheduleOverride> overrides = new ArrayList<>();
    int overrideCount = r.nextInt(7);
    long windowMinutes = Duration.between(from, to).toMinutes();
    for (int i = 0; i < overrideCount; i++) {
      Instant start = from.plus(Duration.ofMinutes(r.nextInt((int) windowMinutes + 2880) - 2880));
      Instant end = start.plus(Duration.ofMinutes(10 + r.nextInt(4 * 24 * 60)));
      overrides.add(
          new ScheduleOverride(OverrideId.random(), pick(r, USERS), start, end, r.nextInt(4)));
    }
    Schedule schedule = new Schedule(ScheduleId.random(), "Random " + number, zone, layers);
    return new Case(number, schedule, overrides, from, to, r.nextLong());
  }

  /** Half the time within ten days before one of the zone's DST changes. */
  private static Instant randomWindowStart(Random r, ZoneId zone) {
    Instant somewhere = BASE.plus(Duration.ofMinutes(r.nextInt(500 * 24 * 60)));
    ZoneOffsetTransition next = zone.getRules().nextTransition(somewhere);
    if (r.nextBoolean() && next != null) {
      somewhere = next.getInstant().minus(Duration.ofMinutes(r.nextInt(10 * 24 * 60)));
    }
    if (r.nextInt(10) == 0) {
      somewhere = somewhere.plusNanos(r.nextInt(1_000_000_000));
    }
    return somewhere;
  }

  private static Layer randomLayer(Random r, ZoneId zone, Instant from, Instant to) {
    int participantCount = 1 + r.nextInt(5);
    List<UserId> participants = new ArrayList<>();
    for (int i = 0; i < participantCount; i++) {
      participants.add(pick(r, USERS));
    }
    Instant roughStart =
        r.nextInt(7) == 0
            ? from.plus(Duration.between(from, to).multipliedBy(r.nextInt(100)).dividedBy(100))
            : from.minus(Duration.ofMinutes(r.nextInt(200 * 24 * 60)));
    LocalDate startDay = roughStart.atZone(zone).toLocalDate();
    ZonedDateTime zonedStart = ZonedDateTime.of(startDay.atTime(randomTime(r)), zone);
    if (r.nextBoolean()) {
      zonedStart = zonedStart.withLaterOffsetAtOverlap();
    }
    Instant start = zonedStart.toInstant();
    if (r.nextInt(10) == 0) {
      start = start.plusNanos(1 + r.nextInt(999_999_999));
    }
    Optional<Instant> end =
        r.nextInt(4) == 0
            ? Optional.of(start.plus(Duration.ofMinutes(60 + r.nextInt(60 * 24 * 60))))
            : Optional.empty();
    return new Layer(
        LayerId.random(),
        "Layer",
        participants,
        start,
        end,
        randomTurn(r),
        r.nextBoolean() ? List.of() : randomWindows(r));
  }

  private static Turn randomTurn(Random r) {
    switch (r.nextInt(5)) {
      case 0:
        return Turn.hours(1 + r.nextInt(72));
      case 1:
        return new Turn.Elapsed(Duration.ofMinutes(30 + r.nextInt(3000)));
      case 2:
        return Turn.days(1 + r.nextInt(3));
      case 3:
        return Turn.weeks(1 + r.nextInt(2));
      default:
        return Turn.weeklyAt(pick(r, List.of(DayOfWeek.values())), randomTime(r));
    }
  }

  private static List<WeeklyWindow> randomWindows(Random r) {
    int count = 1 + r.nextInt(4);
    List<WeeklyWindow> windows = new ArrayList<>();
    while (windows.size() < count) {
      DayOfWeek startDay = pick(r, List.of(DayOfWeek.values()));
      DayOfWeek endDay = r.nextBoolean() ? startDay : pick(r, List.of(DayOfWeek.values()));
      LocalTime startTime = randomTime(r);
      LocalTime endTime = randomTime(r);
      if (startDay != endDay || !startTime.equals(endTime)) {
        windows.add(new WeeklyWindow(startDay, startTime, endDay, endTime));
      }
    }
    return windows;
  }

  private static LocalTime randomTime(Random r) {
    return r.nextInt(3) == 0
        ? LocalTime.ofSecondOfDay(60L * r.nextInt(24 * 60))
        : AWKWARD_TIMES[r.nextInt(AWKWARD_TIMES.length)];
  }

  private static <T> T pick(Random r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  // --- assertions ---

  private static void assertSortedDisjointAndMerged(
      List<Shift> shifts, Instant from, Instant to, Supplier<String> description) {
    for (int i = 0; i < shifts.size(); i++) {
      Shift s = shifts.get(i);
      assertThat(s.start()).as(description).isAfterOrEqualTo(from);
      assertThat(s.end()).as(description).isBeforeOrEqualTo(to);
      if (i > 0) {
        Shift previous = shifts.get(i - 1);
        assertThat(previous.end()).as(description).isBeforeOrEqualTo(s.start());
        assertThat(previous.end().equals(s.start()) && previous.user().equals(s.user()))
            .as(() -> "adjacent shifts of one user are merged: " + description.get())
            .isFalse();
      }
    }
  }

  private static Optional<UserId> userAt(List<Shift> shifts, Instant t) {
    int low = 0;
    int high = shifts.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      Shift s = shifts.get(mid);
      if (t.isBefore(s.start())) {
        high = mid - 1;
      } else if (!t.isBefore(s.end())) {
        low = mid + 1;
      } else {
        return Optional.of(s.user());
      }
    }
    return Optional.empty();
  }

  private static List<TimeRange> union(List<TimeRange> ranges) {
    List<TimeRange> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparing(TimeRange::start));
    List<TimeRange> merged = new ArrayList<>();
    for (TimeRange r : sorted) {
      int last = merged.size() - 1;
      if (last >= 0 && !r.start().isAfter(merged.get(last).end())) {
        if (r.end().isAfter(merged.get(last).end())) {
          merged.set(last, new TimeRange(merged.get(last).start(), r.end()));
        }
      } else {
        merged.add(r);
      }
    }
    return merged;
  }
}
