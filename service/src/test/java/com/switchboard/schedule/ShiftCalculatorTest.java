package com.switchboard.schedule;

import static com.switchboard.schedule.ScheduleFixtures.ALICE;
import static com.switchboard.schedule.ScheduleFixtures.BERLIN;
import static com.switchboard.schedule.ScheduleFixtures.BOB;
import static com.switchboard.schedule.ScheduleFixtures.CAROL;
import static com.switchboard.schedule.ScheduleFixtures.DAVE;
import static com.switchboard.schedule.ScheduleFixtures.ERIN;
import static com.switchboard.schedule.ScheduleFixtures.NEW_YORK;
import static com.switchboard.schedule.ScheduleFixtures.ZOE;
import static com.switchboard.schedule.ScheduleFixtures.at;
import static com.switchboard.schedule.ScheduleFixtures.describe;
import static com.switchboard.schedule.ScheduleFixtures.describeGaps;
import static com.switchboard.schedule.ScheduleFixtures.layer;
import static com.switchboard.schedule.ScheduleFixtures.override;
import static com.switchboard.schedule.ScheduleFixtures.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.platform.errors.ValidationException;
import com.switchboard.user.UserId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stacking of layers, restrictions, overrides and layer versions. */
class ShiftCalculatorTest {
  private static final LocalTime NINE = LocalTime.of(9, 0);
  private static final LocalTime SIX_PM = LocalTime.of(18, 0);

  private final ShiftCalculator calculator = new ShiftCalculator();

  /** Weeknights Monday to Friday 18:00-09:00 plus the whole weekend. */
  private static List<WeeklyWindow> offHours() {
    List<WeeklyWindow> windows = new ArrayList<>();
    for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY)) {
      windows.add(WeeklyWindow.daily(day, SIX_PM, NINE));
    }
    windows.add(new WeeklyWindow(DayOfWeek.THURSDAY, SIX_PM, DayOfWeek.FRIDAY, NINE));
    windows.add(new WeeklyWindow(DayOfWeek.FRIDAY, SIX_PM, DayOfWeek.MONDAY, NINE));
    return windows;
  }

  private static Layer offHoursSupport() {
    return layer(Turn.weeklyAt(DayOfWeek.MONDAY, NINE), at("2024-03-04T09:00-05:00"), CAROL, DAVE)
        .restrictedTo(offHours());
  }

  @Test
  void offHoursRestrictionsCrossMidnightAndTheWeekendAndLeaveBusinessHoursAsGaps() {
    Schedule s = schedule(NEW_YORK, offHoursSupport());

    ScheduleTimeline timeline =
        calculator.compute(
            s, List.of(), at("2024-03-04T00:00-05:00"), at("2024-03-12T00:00-04:00"));

    assertThat(describe(timeline.shifts(), NEW_YORK))
        .containsExactly(
            "carol 2024-03-04T18:00-05:00 → 2024-03-05T09:00-05:00",
            "carol 2024-03-05T18:00-05:00 → 2024-03-06T09:00-05:00",
            "carol 2024-03-06T18:00-05:00 → 2024-03-07T09:00-05:00",
            "carol 2024-03-07T18:00-05:00 → 2024-03-08T09:00-05:00",
            "carol 2024-03-08T18:00-05:00 → 2024-03-11T09:00-04:00",
            "dave 2024-03-11T18:00-04:00 → 2024-03-12T00:00-04:00");
    assertThat(describeGaps(timeline.gaps(), NEW_YORK))
        .containsExactly(
            "2024-03-04T00:00-05:00 → 2024-03-04T18:00-05:00",
            "2024-03-05T09:00-05:00 → 2024-03-05T18:00-05:00",
            "2024-03-06T09:00-05:00 → 2024-03-06T18:00-05:00",
            "2024-03-07T09:00-05:00 → 2024-03-07T18:00-05:00",
            "2024-03-08T09:00-05:00 → 2024-03-08T18:00-05:00",
            "2024-03-11T09:00-04:00 → 2024-03-11T18:00-04:00");
    assertThat(timeline.layers().get(0).shifts()).isEqualTo(timeline.shifts());
  }

  @Test
  void lowerLayerFillsTheHoursAHigherRestrictedLayerLeavesOpen() {
    Layer engineering = layer(Turn.days(1), at("2024-03-04T09:00-05:00"), ALICE, BOB);
    Schedule s = schedule(NEW_YORK, engineering, offHoursSupport());

    ScheduleTimeline timeline =
        calculator.compute(
            s, List.of(), at("2024-03-04T00:00-05:00"), at("2024-03-12T00:00-04:00"));

    assertThat(describe(timeline.shifts(), NEW_YORK))
        .containsExactly(
            "alice 2024-03-04T09:00-05:00 → 2024-03-04T18:00-05:00",
            "carol 2024-03-04T18:00-05:00 → 2024-03-05T09:00-05:00",
            "bob 2024-03-05T09:00-05:00 → 2024-03-05T18:00-05:00",
            "carol 2024-03-05T18:00-05:00 → 2024-03-06T09:00-05:00",
            "alice 2024-03-06T09:00-05:00 → 2024-03-06T18:00-05:00",
            "carol 2024-03-06T18:00-05:00 → 2024-03-07T09:00-05:00",
            "bob 2024-03-07T09:00-05:00 → 2024-03-07T18:00-05:00",
            "carol 2024-03-07T18:00-05:00 → 2024-03-08T09:00-05:00",
            "alice 2024-03-08T09:00-05:00 → 2024-03-08T18:00-05:00",
            "carol 2024-03-08T18:00-05:00 → 2024-03-11T09:00-04:00",
            "bob 2024-03-11T09:00-04:00 → 2024-03-11T18:00-04:00",
            "dave 2024-03-11T18:00-04:00 → 2024-03-12T00:00-04:00");
    assertThat(describeGaps(timeline.gaps(), NEW_YORK))
        .containsExactly("2024-03-04T00:00-05:00 → 2024-03-04T09:00-05:00");
    assertThat(timeline.layers())
        .extracting(LayerShifts::layerId)
        .containsExactly(engineering.id(), s.layers().get(1).id());
    assertThat(timeline.layers().get(0).shifts())
        .as("the lower layer's own row is not cut by the layer above")
        .hasSize(8);
  }

  @Test
  void windowCrossingTheWeekBoundaryRunsFromSundayNightIntoMonday() {
    Layer lateSunday =
        layer(Turn.hours(1000), at("2024-01-01T00:00+01:00"), ALICE)
            .restrictedTo(
                List.of(
                    new WeeklyWindow(
                        DayOfWeek.SUNDAY,
                        LocalTime.of(22, 0),
                        DayOfWeek.MONDAY,
                        LocalTime.of(2, 0))));
    Schedule s = schedule(BERLIN, lateSunday);

    ScheduleTimeline timeline =
        calculator.compute(
            s, List.of(), at("2024-01-06T00:00+01:00"), at("2024-01-16T00:00+01:00"));

    assertThat(describe(timeline.shifts(), BERLIN))
        .containsExactly(
            "alice 2024-01-07T22:00+01:00 → 2024-01-08T02:00+01:00",
            "alice 2024-01-14T22:00+01:00 → 2024-01-15T02:00+01:00");
    assertThat(calculator.onCallAt(s, List.of(), at("2024-01-15T01:59+01:00"))).contains(ALICE);
    assertThat(calculator.onCallAt(s, List.of(), at("2024-01-15T02:00+01:00"))).isEmpty();
  }

  @Test
  void layerRestrictedAwayEntirelyLeavesTheLowerLayerInCharge() {
    Layer base = layer(Turn.days(1), at("2024-03-04T09:00-05:00"), ALICE, BOB);
    Layer saturdayMorning =
        layer(Turn.days(1), at("2024-03-01T00:00-05:00"), ZOE)
            .restrictedTo(
                List.of(
                    WeeklyWindow.daily(
                        DayOfWeek.SATURDAY, LocalTime.of(10, 0), LocalTime.of(11, 0))));
    Schedule s = schedule(NEW_YORK, base, saturdayMorning);
    Schedule baseOnly = schedule(NEW_YORK, base);
    Instant from = at("2024-03-04T09:00-05:00");
    Instant to = at("2024-03-09T09:00-05:00");

    ScheduleTimeline weekdays = calculator.compute(s, List.of(), from, to);

    assertThat(weekdays.layers().get(1).shifts()).isEmpty();
    assertThat(weekdays.shifts())
        .isEqualTo(calculator.compute(baseOnly, List.of(), from, to).shifts());
    assertThat(weekdays.gaps()).isEmpty();
    assertThat(
            describe(
                calculator
                    .compute(
                        s, List.of(), at("2024-03-09T09:00-05:00"), at("2024-03-09T12:00-05:00"))
                    .shifts(),
                NEW_YORK))
        .as("on Saturday the upper layer takes its hour")
        .containsExactly(
            "bob 2024-03-09T09:00-05:00 → 2024-03-09T10:00-05:00",
            "zoe 2024-03-09T10:00-05:00 → 2024-03-09T11:00-05:00",
            "bob 2024-03-09T11:00-05:00 → 2024-03-09T12:00-05:00");
  }

  @Test
  void overrideSpanningTheEndOfOneShiftAndTheStartOfTheNextCutsBoth() {
    Schedule s = schedule(NEW_YORK, layer(Turn.days(1), at("2024-03-04T09:00-05:00"), ALICE, BOB));
    List<ScheduleOverride> overrides =
        List.of(override(ZOE, at("2024-03-04T18:00-05:00"), at("2024-03-05T12:00-05:00"), 1));

    ScheduleTimeline timeline =
        calculator.compute(
            s, overrides, at("2024-03-04T09:00-05:00"), at("2024-03-06T09:00-05:00"));

    assertThat(describe(timeline.shifts(), NEW_YORK))
        .containsExactly(
            "alice 2024-03-04T09:00-05:00 → 2024-03-04T18:00-05:00",
            "zoe 2024-03-04T18:00-05:00 → 2024-03-05T12:00-05:00",
            "bob 2024-03-05T12:00-05:00 → 2024-03-06T09:00-05:00");
    assertThat(describe(timeline.layers().get(0).shifts(), NEW_YORK))
        .as("the layer's own row still shows its turns")
        .containsExactly(
            "alice 2024-03-04T09:00-05:00 → 2024-03-05T09:00-05:00",
            "bob 2024-03-05T09:00-05:00 → 2024-03-06T09:00-05:00");
    assertThat(calculator.onCallAt(s, overrides, at("2024-03-05T11:59-05:00"))).contains(ZOE);
    assertThat(calculator.onCallAt(s, overrides, at("2024-03-05T12:00-05:00"))).contains(BOB);
  }

  @Test
  void overlappingOverridesAreWonByTheOneCreatedLater() {
    Schedule s = schedule(NEW_YORK, layer(Turn.days(1), at("2024-03-04T09:00-05:00"), ALICE, BOB));
    ScheduleOverride zoe =
        override(ZOE, at("2024-03-04T10:00-05:00"), at("2024-03-04T16:00-05:00"), 1);
    ScheduleOverride erinLater =
        override(ERIN, at("2024-03-04T12:00-05:00"), at("2024-03-04T14:00-05:00"), 2);
    ScheduleOverride erinEarlier =
        override(ERIN, at("2024-03-04T12:00-05:00"), at("2024-03-04T14:00-05:00"), 0);
    Instant from = at("2024-03-04T09:00-05:00");
    Instant to = at("2024-03-04T17:00-05:00");

    assertThat(
            describe(calculator.compute(s, List.of(zoe, erinLater), from, to).shifts(), NEW_YORK))
        .containsExactly(
            "alice 2024-03-04T09:00-05:00 → 2024-03-04T10:00-05:00",
            "zoe 2024-03-04T10:00-05:00 → 2024-03-04T12:00-05:00",
            "erin 2024-03-04T12:00-05:00 → 2024-03-04T14:00-05:00",
            "zoe 2024-03-04T14:00-05:00 → 2024-03-04T16:00-05:00",
            "alice 2024-03-04T16:00-05:00 → 2024-03-04T17:00-05:00");
    assertThat(
            describe(calculator.compute(s, List.of(zoe, erinEarlier), from, to).shifts(), NEW_YORK))
        .as("an older override hidden under a newer one shows nowhere")
        .containsExactly(
            "alice 2024-03-04T09:00-05:00 → 2024-03-04T10:00-05:00",
            "zoe 2024-03-04T10:00-05:00 → 2024-03-04T16:00-05:00",
            "alice 2024-03-04T16:00-05:00 → 2024-03-04T17:00-05:00");
    assertThat(calculator.onCallAt(s, List.of(zoe, erinLater), at("2024-03-04T13:00-05:00")))
        .contains(ERIN);
    assertThat(calculator.onCallAt(s, List.of(zoe, erinEarlier), at("2024-03-04T13:00-05:00")))
        .contains(ZOE);
  }

  @Test
  void overridesWithEqualSequenceAreOrderedByListPositionLaterWinning() {
    Schedule s = schedule(NEW_YORK, layer(Turn.days(1), at("2024-03-04T09:00-05:00"), ALICE));
    ScheduleOverride zoe =
        override(ZOE, at("2024-03-04T10:00-05:00"), at("2024-03-04T12:00-05:00"), 7);
    ScheduleOverride erin =
        override(ERIN, at("2024-03-04T10:00-05:00"), at("2024-03-04T12:00-05:00"), 7);
    Instant from = at("2024-03-04T10:00-05:00");
    Instant to = at("2024-03-04T12:00-05:00");

    assertThat(calculator.compute(s, List.of(zoe, erin), from, to).shifts())
        .extracting(Shift::user)
        .containsExactly(ERIN);
    assertThat(calculator.onCallAt(s, List.of(zoe, erin), from)).contains(ERIN);
    assertThat(calculator.onCallAt(s, List.of(erin, zoe), from)).contains(ZOE);
  }

  @Test
  void overrideByTheUserAlreadyOnCallMergesWithTheirShift() {
    Schedule s = schedule(NEW_YORK, layer(Turn.days(1), at("2024-03-04T09:00-05:00"), ALICE, BOB));
    List<ScheduleOverride> overrides =
        List.of(override(ALICE, at("2024-03-05T09:00-05:00"), at("2024-03-05T12:00-05:00"), 1));

    List<Shift> shifts =
        calculator
            .compute(s, overrides, at("2024-03-04T09:00-05:00"), at("2024-03-06T09:00-05:00"))
            .shifts();

    assertThat(describe(shifts, NEW_YORK))
        .containsExactly(
            "alice 2024-03-04T09:00-05:00 → 2024-03-05T12:00-05:00",
            "bob 2024-03-05T12:00-05:00 → 2024-03-06T09:00-05:00");
  }

  @Test
  void overrideInAGapPutsSomeoneOnCallWhereNoLayerDoes() {
    Schedule s = schedule(NEW_YORK, offHoursSupport());
    List<ScheduleOverride> overrides =
        List.of(override(ZOE, at("2024-03-05T12:00-05:00"), at("2024-03-05T13:00-05:00"), 1));

    ScheduleTimeline timeline =
        calculator.compute(
            s, overrides, at("2024-03-05T09:00-05:00"), at("2024-03-05T18:00-05:00"));

    assertThat(describe(timeline.shifts(), NEW_YORK))
        .containsExactly("zoe 2024-03-05T12:00-05:00 → 2024-03-05T13:00-05:00");
    assertThat(describeGaps(timeline.gaps(), NEW_YORK))
        .containsExactly(
            "2024-03-05T09:00-05:00 → 2024-03-05T12:00-05:00",
            "2024-03-05T13:00-05:00 → 2024-03-05T18:00-05:00");
  }

  @Test
  void userListedTwiceInARowServesBothTurnsAsOneShift() {
    Schedule s =
        schedule(NEW_YORK, layer(Turn.days(1), at("2024-03-04T09:00-05:00"), ALICE, ALICE, BOB));

    ScheduleTimeline timeline =
        calculator.compute(
            s, List.of(), at("2024-03-04T09:00-05:00"), at("2024-03-07T09:00-05:00"));

    assertThat(describe(timeline.shifts(), NEW_YORK))
        .containsExactly(
            "alice 2024-03-04T09:00-05:00 → 2024-03-06T09:00-05:00",
            "bob 2024-03-06T09:00-05:00 → 2024-03-07T09:00-05:00");
    assertThat(timeline.layers().get(0).shifts()).isEqualTo(timeline.shifts());
  }

  @Test
  void windowBeforeALayerStartsOrAfterItEndsIsAGap() {
    Layer layer =
        layer(Turn.days(1), at("2024-03-04T09:00-05:00"), ALICE)
            .endingAt(at("2024-03-05T09:00-05:00"));
    Schedule s = schedule(NEW_YORK, layer);

    ScheduleTimeline timeline =
        calculator.compute(
            s, List.of(), at("2024-03-04T00:00-05:00"), at("2024-03-06T00:00-05:00"));

    assertThat(describe(timeline.shifts(), NEW_YORK))
        .containsExactly("alice 2024-03-04T09:00-05:00 → 2024-03-05T09:00-05:00");
    assertThat(describeGaps(timeline.gaps(), NEW_YORK))
        .containsExactly(
            "2024-03-04T00:00-05:00 → 2024-03-04T09:00-05:00",
            "2024-03-05T09:00-05:00 → 2024-03-06T00:00-05:00");
    assertThat(calculator.onCallAt(s, List.of(), at("2024-03-05T09:00-05:00"))).isEmpty();
  }

  @Test
  void editingALayerFromAFutureInstantKeepsHistoryBeforeTheEditIdentical() {
    Layer original =
        layer(Turn.days(1), at("2024-01-01T09:00-05:00"), ALICE, BOB, CAROL)
            .restrictedTo(offHours());
    Layer top =
        layer(Turn.weeks(1), at("2024-01-01T00:00-05:00"), ZOE)
            .restrictedTo(
                List.of(WeeklyWindow.daily(DayOfWeek.SUNDAY, LocalTime.of(12, 0), SIX_PM)));
    Schedule before = schedule(NEW_YORK, original, top);
    Instant editAt = at("2024-03-15T09:00-04:00");
    Layer replacement =
        new Layer(LayerId.random(), "Layer", List.of(DAVE, ERIN), editAt, Turn.weeks(1));

    Schedule after = before.editLayerFrom(original.id(), replacement);

    assertThat(after.layers())
        .extracting(Layer::id)
        .containsExactly(original.id(), replacement.id(), top.id());
    assertThat(after.layers().get(0).end()).contains(editAt);
    Instant from = at("2024-01-01T00:00-05:00");
    ScheduleTimeline historyBefore = calculator.compute(before, List.of(), from, editAt);
    ScheduleTimeline historyAfter = calculator.compute(after, List.of(), from, editAt);
    assertThat(historyAfter.shifts()).isEqualTo(historyBefore.shifts());
    assertThat(historyAfter.gaps()).isEqualTo(historyBefore.gaps());
    assertThat(historyAfter.layers().get(0)).isEqualTo(historyBefore.layers().get(0));
    assertThat(historyAfter.layers().get(1).shifts()).isEmpty();
    for (Instant t = from; t.isBefore(editAt); t = t.plus(37, ChronoUnit.MINUTES)) {
      assertThat(calculator.onCallAt(after, List.of(), t))
          .isEqualTo(calculator.onCallAt(before, List.of(), t));
    }
    assertThat(calculator.onCallAt(after, List.of(), editAt)).contains(DAVE);
    assertThat(calculator.onCallAt(after, List.of(), at("2024-03-17T13:00-04:00")))
        .as("the edited layer keeps its place under the layer above")
        .contains(ZOE);
  }

  @Test
  void editingALayerThatHasNotStartedReplacesIt() {
    Layer future = layer(Turn.days(1), at("2024-06-01T09:00-04:00"), ALICE);
    Layer replacement =
        new Layer(
            LayerId.random(), "Layer", List.of(BOB), at("2024-05-01T09:00-04:00"), Turn.days(1));

    Schedule edited = schedule(NEW_YORK, future).editLayerFrom(future.id(), replacement);

    assertThat(edited.layers()).containsExactly(replacement);
  }

  @Test
  void editingALayerFromAfterItsEndIsRejected() {
    Layer ended =
        layer(Turn.days(1), at("2024-01-01T09:00-05:00"), ALICE)
            .endingAt(at("2024-02-01T09:00-05:00"));
    Layer replacement =
        new Layer(
            LayerId.random(), "Layer", List.of(BOB), at("2024-02-01T09:00-05:00"), Turn.days(1));
    Schedule s = schedule(NEW_YORK, ended);

    assertThatThrownBy(() -> s.editLayerFrom(ended.id(), replacement))
        .isInstanceOf(ValidationException.class)
        .hasMessage("start must be before the end of the layer it replaces");
    assertThatThrownBy(() -> s.editLayerFrom(LayerId.random(), replacement))
        .isInstanceOf(ValidationException.class)
        .hasMessage("layerId is not a layer of this schedule");
  }

  @Test
  void findsTheTurnOfALayerStartedCenturiesAgoByArithmetic() {
    List<UserId> seven = List.of(ALICE, BOB, CAROL, DAVE, ERIN, ZOE, ScheduleFixtures.user("yan"));
    Layer hourly =
        new Layer(
            LayerId.random(),
            "Hourly",
            seven,
            Instant.parse("1900-01-01T00:00:00Z"),
            Turn.hours(1));
    Layer daily =
        new Layer(LayerId.random(), "Daily", seven, at("1900-01-01T09:00-05:00"), Turn.days(1));
    Instant farAhead = Instant.parse("9999-06-01T12:34:00Z");
    Instant nextCentury = at("2100-07-04T10:00-04:00");

    long hours = ChronoUnit.HOURS.between(hourly.start(), farAhead);
    long days = ChronoUnit.DAYS.between(LocalDate.of(1900, 1, 1), LocalDate.of(2100, 7, 4));

    assertThat(calculator.onCallAt(schedule(ZoneOffset.UTC, hourly), List.of(), farAhead))
        .contains(seven.get((int) (hours % 7)));
    assertThat(calculator.onCallAt(schedule(NEW_YORK, daily), List.of(), nextCentury))
        .contains(seven.get((int) (days % 7)));
    ScheduleTimeline week =
        calculator.compute(
            schedule(NEW_YORK, daily),
            List.of(),
            nextCentury,
            nextCentury.plus(Duration.ofDays(7)));
    assertThat(week.shifts()).hasSize(8);
    assertThat(week.shifts().get(0).user()).isEqualTo(seven.get((int) (days % 7)));
  }
}
