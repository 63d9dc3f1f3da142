package com.switchboard.schedule;

import static com.switchboard.schedule.ScheduleFixtures.ALICE;
import static com.switchboard.schedule.ScheduleFixtures.BERLIN;
import static com.switchboard.schedule.ScheduleFixtures.BOB;
import static com.switchboard.schedule.ScheduleFixtures.CAROL;
import static com.switchboard.schedule.ScheduleFixtures.KOLKATA;
import static com.switchboard.schedule.ScheduleFixtures.LORD_HOWE;
import static com.switchboard.schedule.ScheduleFixtures.NEW_YORK;
import static com.switchboard.schedule.ScheduleFixtures.at;
import static com.switchboard.schedule.ScheduleFixtures.describe;
import static com.switchboard.schedule.ScheduleFixtures.layer;
import static com.switchboard.schedule.ScheduleFixtures.lengths;
import static com.switchboard.schedule.ScheduleFixtures.local;
import static com.switchboard.schedule.ScheduleFixtures.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-offs and restriction windows across daylight-saving changes, in several zones. */
class ShiftCalculatorDstTest {
  private final ShiftCalculator calculator = new ShiftCalculator();

  static Stream<Turn> weeklyMondayNine() {
    return Stream.of(Turn.weeklyAt(DayOfWeek.MONDAY, LocalTime.of(9, 0)), Turn.weeks(1));
  }

  @ParameterizedTest
  @MethodSource("weeklyMondayNine")
  void weeklyRotationHandsOffAtNineLocalAcrossSpringForward(Turn turn) {
    Schedule s = schedule(NEW_YORK, layer(turn, at("2024-02-26T09:00-05:00"), ALICE, BOB));

    List<Shift> shifts =
        calculator
            .compute(s, List.of(), at("2024-03-04T09:00-05:00"), at("2024-03-18T09:00-04:00"))
            .shifts();

    assertThat(describe(shifts, NEW_YORK))
        .containsExactly(
            "bob 2024-03-04T09:00-05:00 → 2024-03-11T09:00-04:00",
            "alice 2024-03-11T09:00-04:00 → 2024-03-18T09:00-04:00");
    assertThat(lengths(shifts)).containsExactly(Duration.ofHours(167), Duration.ofHours(168));
  }

  @ParameterizedTest
  @MethodSource("weeklyMondayNine")
  void weeklyRotationHandsOffAtNineLocalAcrossFallBack(Turn turn) {
    Schedule s = schedule(NEW_YORK, layer(turn, at("2024-10-21T09:00-04:00"), ALICE, BOB));

    List<Shift> shifts =
        calculator
            .compute(s, List.of(), at("2024-10-28T09:00-04:00"), at("2024-11-11T09:00-05:00"))
            .shifts();

    assertThat(describe(shifts, NEW_YORK))
        .containsExactly(
            "bob 2024-10-28T09:00-04:00 → 2024-11-04T09:00-05:00",
            "alice 2024-11-04T09:00-05:00 → 2024-11-11T09:00-05:00");
    assertThat(lengths(shifts)).containsExactly(Duration.ofHours(169), Duration.ofHours(168));
  }

  @Test
  void dailyCalendarRotationGivesA23HourShiftOnSpringForwardDay() {
    Schedule s = schedule(NEW_YORK, layer(Turn.days(1), at("2024-03-08T09:00-05:00"), ALICE, BOB));

    List<Shift> shifts =
        calculator
            .compute(s, List.of(), at("2024-03-08T09:00-05:00"), at("2024-03-12T09:00-04:00"))
            .shifts();

    assertThat(describe(shifts, NEW_YORK))
        .containsExactly(
            "alice 2024-03-08T09:00-05:00 → 2024-03-09T09:00-05:00",
            "bob 2024-03-09T09:00-05:00 → 2024-03-10T09:00-04:00",
            "alice 2024-03-10T09:00-04:00 → 2024-03-11T09:00-04:00",
            "bob 2024-03-11T09:00-04:00 → 2024-03-12T09:00-04:00");
    assertThat(lengths(shifts))
        .containsExactly(
            Duration.ofHours(24), Duration.ofHours(23), Duration.ofHours(24), Duration.ofHours(24));
  }

  @Test
  void dailyCalendarRotationGivesA25HourShiftOnFallBackDay() {
    Schedule s = schedule(NEW_YORK, layer(Turn.days(1), at("2024-11-01T09:00-04:00"), ALICE, BOB));

    List<Shift> shifts =
        calculator
            .compute(s, List.of(), at("2024-11-01T09:00-04:00"), at("2024-11-04T09:00-05:00"))
            .shifts();

    assertThat(describe(shifts, NEW_YORK))
        .containsExactly(
            "alice 2024-11-01T09:00-04:00 → 2024-11-02T09:00-04:00",
            "bob 2024-11-02T09:00-04:00 → 2024-11-03T09:00-05:00",
            "alice 2024-11-03T09:00-05:00 → 2024-11-04T09:00-05:00");
    assertThat(lengths(shifts))
        .containsExactly(Duration.ofHours(24), Duration.ofHours(25), Duration.ofHours(24));
  }

  @Test
  void fixedHoursRotationIsElapsedTimeSoItsLocalHandOffMovesAnHour() {
    Schedule s =
        schedule(NEW_YORK, layer(Turn.hours(24), at("2024-03-08T09:00-05:00"), ALICE, BOB));

    List<Shift> shifts =
        calculator
            .compute(s, List.of(), at("2024-03-08T09:00-05:00"), at("2024-03-12T10:00-04:00"))
            .shifts();

    assertThat(describe(shifts, NEW_YORK))
        .containsExactly(
            "alice 2024-03-08T09:00-05:00 → 2024-03-09T09:00-05:00",
            "bob 2024-03-09T09:00-05:00 → 2024-03-10T10:00-04:00",
            "alice 2024-03-10T10:00-04:00 → 2024-03-11T10:00-04:00",
            "bob 2024-03-11T10:00-04:00 → 2024-03-12T10:00-04:00");
    assertThat(lengths(shifts)).containsOnly(Duration.ofHours(24));
  }

  @Test
  void handOffInTheSkippedHourHappensJustAfterTheGapAndReturnsToLocalTimeNextDay() {
    Schedule s =
        schedule(NEW_YORK, layer(Turn.days(1), at("2024-03-08T02:30-05:00"), ALICE, BOB, CAROL));

    ScheduleTimeline timeline =
        calculator.compute(
            s, List.of(), at("2024-03-08T02:30-05:00"), at("2024-03-12T02:30-04:00"));

    assertThat(describe(timeline.shifts(), NEW_YORK))
        .containsExactly(
            "alice 2024-03-08T02:30-05:00 → 2024-03-09T02:30-05:00",
            "bob 2024-03-09T02:30-05:00 → 2024-03-10T03:30-04:00",
            "carol 2024-03-10T03:30-04:00 → 2024-03-11T02:30-04:00",
            "alice 2024-03-11T02:30-04:00 → 2024-03-12T02:30-04:00");
    assertThat(timeline.shifts().get(2).start())
        .isEqualTo(ZonedDateTime.of(LocalDateTime.parse("2024-03-10T02:30"), NEW_YORK).toInstant());
    assertThat(calculator.onCallAt(s, List.of(), at("2024-03-10T03:29:59.999-04:00")))
        .contains(BOB);
    assertThat(calculator.onCallAt(s, List.of(), at("2024-03-10T03:30-04:00"))).contains(CAROL);
    assertThat(
            calculator.compute(
                s, List.of(), at("2024-03-08T02:30-05:00"), at("2024-03-12T02:30-04:00")))
        .as("the same answer every time")
        .isEqualTo(timeline);
  }

  @Test
  void weeklyHandOffOnSundayInTheSkippedHourResolvesTheSameWay() {
    Schedule s =
        schedule(
            NEW_YORK,
            layer(
                Turn.weeklyAt(DayOfWeek.SUNDAY, LocalTime.of(2, 30)),
                at("2024-03-03T02:30-05:00"),
                ALICE,
                BOB));

    List<Shift> shifts =
        calculator
            .compute(s, List.of(), at("2024-03-03T02:30-05:00"), at("2024-03-17T02:30-04:00"))
            .shifts();

    assertThat(describe(shifts, NEW_YORK))
        .containsExactly(
            "alice 2024-03-03T02:30-05:00 → 2024-03-10T03:30-04:00",
            "bob 2024-03-10T03:30-04:00 → 2024-03-17T02:30-04:00");
  }

  @Test
  void handOffInTheRepeatedHourHappensAtTheEarlierOfTheTwoInstants() {
    Schedule s =
        schedule(NEW_YORK, layer(Turn.days(1), at("2024-11-01T01:30-04:00"), ALICE, BOB, CAROL));

    List<Shift> shifts =
        calculator
            .compute(s, List.of(), at("2024-11-01T01:30-04:00"), at("2024-11-05T01:30-05:00"))
            .shifts();

    assertThat(describe(shifts, NEW_YORK))
        .containsExactly(
            "alice 2024-11-01T01:30-04:00 → 2024-11-02T01:30-04:00",
            "bob 2024-11-02T01:30-04:00 → 2024-11-03T01:30-04:00",
            "carol 2024-11-03T01:30-04:00 → 2024-11-04T01:30-05:00",
            "alice 2024-11-04T01:30-05:00 → 2024-11-05T01:30-05:00");
    assertThat(lengths(shifts).get(2)).isEqualTo(Duration.ofHours(25));
    assertThat(calculator.onCallAt(s, List.of(), at("2024-11-03T01:30-05:00")))
        .as("the second 01:30 is inside carol's turn")
        .contains(CAROL);
    assertThat(calculator.onCallAt(s, List.of(), at("2024-11-03T01:10-05:00")))
        .as("so is 01:10 the second time round, although the wall clock reads before 01:30")
        .contains(CAROL);
    assertThat(calculator.onCallAt(s, List.of(), at("2024-11-03T01:29:59-04:00"))).contains(BOB);
  }

  @Test
  void layerStartingInTheSecondPassOfTheRepeatedHourStartsThereAndHandsOffNextDay() {
    Schedule s = schedule(NEW_YORK, layer(Turn.days(1), at("2024-11-03T01:45-05:00"), ALICE, BOB));

    List<Shift> shifts =
        calculator
            .compute(s, List.of(), at("2024-11-03T00:00-04:00"), at("2024-11-05T01:45-05:00"))
            .shifts();

    assertThat(describe(shifts, NEW_YORK))
        .containsExactly(
            "alice 2024-11-03T01:45-05:00 → 2024-11-04T01:45-05:00",
            "bob 2024-11-04T01:45-05:00 → 2024-11-05T01:45-05:00");
  }

  @Test
  void restrictionWindowsResolveSkippedLocalTimesLikeHandOffs() {
    Layer sundayNight =
        layer(Turn.days(1), at("2024-03-01T00:00-05:00"), ALICE)
            .restrictedTo(
                List.of(
                    WeeklyWindow.daily(DayOfWeek.SUNDAY, LocalTime.of(2, 0), LocalTime.of(3, 0))));
    Layer endsInTheGap =
        layer(Turn.days(1), at("2024-03-01T00:00-05:00"), BOB)
            .restrictedTo(
                List.of(
                    new WeeklyWindow(
                        DayOfWeek.SATURDAY,
                        LocalTime.of(22, 0),
                        DayOfWeek.SUNDAY,
                        LocalTime.of(2, 30))));

    List<Shift> inTheGap =
        calculator
            .compute(
                schedule(NEW_YORK, sundayNight),
                List.of(),
                at("2024-03-02T00:00-05:00"),
                at("2024-03-18T00:00-04:00"))
            .shifts();
    List<Shift> endingInTheGap =
        calculator
            .compute(
                schedule(NEW_YORK, endsInTheGap),
                List.of(),
                at("2024-03-09T00:00-05:00"),
                at("2024-03-11T00:00-04:00"))
            .shifts();

    assertThat(describe(inTheGap, NEW_YORK))
        .as("02:00-03:00 does not exist on 10 March, so that week's window is empty")
        .containsExactly(
            "alice 2024-03-03T02:00-05:00 → 2024-03-03T03:00-05:00",
            "alice 2024-03-17T02:00-04:00 → 2024-03-17T03:00-04:00");
    assertThat(describe(endingInTheGap, NEW_YORK))
        .containsExactly("bob 2024-03-09T22:00-05:00 → 2024-03-10T03:30-04:00");
  }

  @Test
  void restrictionWindowAtTheWeekBoundaryFollowsTheRepeatedHourInTehran() {
    ZoneId tehran = ZoneId.of("Asia/Tehran");
    Layer lateSunday =
        layer(Turn.weeks(1), at("2020-09-01T00:00+04:30"), ALICE)
            .restrictedTo(
                List.of(
                    new WeeklyWindow(
                        DayOfWeek.SUNDAY,
                        LocalTime.of(23, 30),
                        DayOfWeek.MONDAY,
                        LocalTime.of(1, 0))));
    Schedule s = schedule(tehran, lateSunday);

    List<Shift> shifts =
        calculator
            .compute(s, List.of(), at("2020-09-20T12:00+04:30"), at("2020-09-21T12:00+03:30"))
            .shifts();

    assertThat(describe(shifts, tehran))
        .as("clocks went back from Monday 00:00 to Sunday 23:00; 23:30 means the first one")
        .containsExactly("alice 2020-09-20T23:30+04:30 → 2020-09-21T01:00+03:30");
    assertThat(calculator.onCallAt(s, List.of(), at("2020-09-20T23:10+03:30"))).contains(ALICE);
    assertThat(calculator.onCallAt(s, List.of(), at("2020-09-20T23:10+04:30"))).isEmpty();
  }

  @Test
  void dayThatNeverHappenedInSamoaGivesItsDailyTurnNoTimeAndTheRotationCarriesOn() {
    ZoneId apia = ZoneId.of("Pacific/Apia");
    Schedule s =
        schedule(apia, layer(Turn.days(1), at("2011-12-28T09:00-10:00"), ALICE, BOB, CAROL));

    List<Shift> shifts =
        calculator
            .compute(s, List.of(), at("2011-12-28T09:00-10:00"), at("2012-01-01T09:00+14:00"))
            .shifts();

    assertThat(describe(shifts, apia))
        .as("30 December 2011 was skipped, so carol's turn that day is empty")
        .containsExactly(
            "alice 2011-12-28T09:00-10:00 → 2011-12-29T09:00-10:00",
            "bob 2011-12-29T09:00-10:00 → 2011-12-31T09:00+14:00",
            "alice 2011-12-31T09:00+14:00 → 2012-01-01T09:00+14:00");
    assertThat(lengths(shifts)).containsOnly(Duration.ofHours(24));
  }

  @Test
  void berlinDailyHandOffAtHalfPastTwoMovesPastTheGapOnlyOnTheChangeDay() {
    Schedule s =
        schedule(BERLIN, layer(Turn.days(1), at("2024-03-29T02:30+01:00"), ALICE, BOB, CAROL));

    List<Shift> shifts =
        calculator
            .compute(s, List.of(), at("2024-03-29T02:30+01:00"), at("2024-04-01T02:30+02:00"))
            .shifts();

    assertThat(describe(shifts, BERLIN))
        .containsExactly(
            "alice 2024-03-29T02:30+01:00 → 2024-03-30T02:30+01:00",
            "bob 2024-03-30T02:30+01:00 → 2024-03-31T03:30+02:00",
            "carol 2024-03-31T03:30+02:00 → 2024-04-01T02:30+02:00");
    assertThat(lengths(shifts))
        .containsExactly(Duration.ofHours(24), Duration.ofHours(24), Duration.ofHours(23));
  }

  @Test
  void berlinWeeklyHandOffInTheRepeatedHourTakesSummerTime() {
    Schedule s =
        schedule(
            BERLIN,
            layer(
                Turn.weeklyAt(DayOfWeek.SUNDAY, LocalTime.of(2, 30)),
                at("2024-10-20T02:30+02:00"),
                ALICE,
                BOB));

    List<Shift> shifts =
        calculator
            .compute(s, List.of(), at("2024-10-20T02:30+02:00"), at("2024-11-03T02:30+01:00"))
            .shifts();

    assertThat(describe(shifts, BERLIN))
        .containsExactly(
            "alice 2024-10-20T02:30+02:00 → 2024-10-27T02:30+02:00",
            "bob 2024-10-27T02:30+02:00 → 2024-11-03T02:30+01:00");
    assertThat(lengths(shifts)).containsExactly(Duration.ofHours(168), Duration.ofHours(169));
  }

  @Test
  void kolkataHasNoDaylightSavingSoWeeklyHandOffsAreAlwaysAtHalfPastThreeUtc() {
    Schedule s =
        schedule(
            KOLKATA,
            layer(
                Turn.weeklyAt(DayOfWeek.MONDAY, LocalTime.of(9, 0)),
                at("2024-03-04T09:00+05:30"),
                ALICE,
                BOB));

    List<Shift> shifts =
        calculator
            .compute(s, List.of(), at("2024-03-04T09:00+05:30"), at("2024-04-01T09:00+05:30"))
            .shifts();

    assertThat(shifts).hasSize(4);
    assertThat(shifts)
        .extracting(shift -> shift.start().toString())
        .containsExactly(
            "2024-03-04T03:30:00Z",
            "2024-03-11T03:30:00Z",
            "2024-03-18T03:30:00Z",
            "2024-03-25T03:30:00Z");
    assertThat(lengths(shifts)).containsOnly(Duration.ofHours(168));
  }

  @Test
  void kolkataOffHoursWindowIsReadInIndianLocalTime() {
    Layer nights =
        layer(Turn.weeks(1), at("2024-03-04T09:00+05:30"), ALICE)
            .restrictedTo(
                List.of(
                    WeeklyWindow.daily(DayOfWeek.MONDAY, LocalTime.of(18, 0), LocalTime.of(9, 0))));

    List<Shift> shifts =
        calculator
            .compute(
                schedule(KOLKATA, nights),
                List.of(),
                at("2024-03-04T00:00+05:30"),
                at("2024-03-12T00:00+05:30"))
            .shifts();

    assertThat(shifts)
        .extracting(shift -> shift.start() + " " + shift.end())
        .as("Monday 18:00 to Tuesday 09:00 IST, then the next Monday's window clipped at midnight")
        .containsExactly(
            "2024-03-04T12:30:00Z 2024-03-05T03:30:00Z",
            "2024-03-11T12:30:00Z 2024-03-11T18:30:00Z");
  }

  @Test
  void lordHoweDailyTurnIs24AndAHalfHoursWhenClocksGoBackHalfAnHour() {
    Schedule s = schedule(LORD_HOWE, layer(Turn.days(1), at("2024-04-05T09:00+11:00"), ALICE, BOB));

    List<Shift> shifts =
        calculator
            .compute(s, List.of(), at("2024-04-05T09:00+11:00"), at("2024-04-08T09:00+10:30"))
            .shifts();

    assertThat(describe(shifts, LORD_HOWE))
        .containsExactly(
            "alice 2024-04-05T09:00+11:00 → 2024-04-06T09:00+11:00",
            "bob 2024-04-06T09:00+11:00 → 2024-04-07T09:00+10:30",
            "alice 2024-04-07T09:00+10:30 → 2024-04-08T09:00+10:30");
    assertThat(lengths(shifts).get(1)).isEqualTo(Duration.ofMinutes(24 * 60 + 30));
  }

  @Test
  void lordHoweDailyTurnIs23AndAHalfHoursWhenClocksGoForwardHalfAnHour() {
    Schedule s = schedule(LORD_HOWE, layer(Turn.days(1), at("2024-10-04T09:00+10:30"), ALICE, BOB));

    List<Shift> shifts =
        calculator
            .compute(s, List.of(), at("2024-10-04T09:00+10:30"), at("2024-10-07T09:00+11:00"))
            .shifts();

    assertThat(describe(shifts, LORD_HOWE))
        .containsExactly(
            "alice 2024-10-04T09:00+10:30 → 2024-10-05T09:00+10:30",
            "bob 2024-10-05T09:00+10:30 → 2024-10-06T09:00+11:00",
            "alice 2024-10-06T09:00+11:00 → 2024-10-07T09:00+11:00");
    assertThat(lengths(shifts).get(1)).isEqualTo(Duration.ofMinutes(23 * 60 + 30));
  }

  @Test
  void lordHoweHandOffsInTheSkippedAndRepeatedHalfHoursFollowTheSameRules() {
    Schedule skipped =
        schedule(LORD_HOWE, layer(Turn.days(1), at("2024-10-05T02:15+10:30"), ALICE, BOB));
    Schedule repeated =
        schedule(LORD_HOWE, layer(Turn.days(1), at("2024-04-06T01:45+11:00"), ALICE, BOB));

    List<Shift> acrossGap =
        calculator
            .compute(skipped, List.of(), at("2024-10-05T02:15+10:30"), at("2024-10-07T02:15+11:00"))
            .shifts();
    List<Shift> acrossOverlap =
        calculator
            .compute(
                repeated, List.of(), at("2024-04-06T01:45+11:00"), at("2024-04-08T01:45+10:30"))
            .shifts();

    assertThat(describe(acrossGap, LORD_HOWE))
        .containsExactly(
            "alice 2024-10-05T02:15+10:30 → 2024-10-06T02:45+11:00",
            "bob 2024-10-06T02:45+11:00 → 2024-10-07T02:15+11:00");
    assertThat(describe(acrossOverlap, LORD_HOWE))
        .containsExactly(
            "alice 2024-04-06T01:45+11:00 → 2024-04-07T01:45+11:00",
            "bob 2024-04-07T01:45+11:00 → 2024-04-08T01:45+10:30");
  }

  @Test
  void shiftsAreInstantsSoAParticipantInAnotherZoneSeesThemInTheirOwnLocalTime() {
    Schedule berlin =
        schedule(
            BERLIN,
            layer(
                Turn.weeklyAt(DayOfWeek.MONDAY, LocalTime.of(9, 0)),
                at("2024-01-08T09:00+01:00"),
                ALICE,
                BOB));

    List<Shift> shifts =
        calculator
            .compute(berlin, List.of(), at("2024-03-25T09:00+01:00"), at("2024-04-08T09:00+02:00"))
            .shifts();

    assertThat(shifts)
        .extracting(shift -> local(shift.start(), KOLKATA))
        .as("09:00 in Berlin is 13:30 in Kolkata in winter and 12:30 in summer")
        .containsExactly("2024-03-25T13:30+05:30", "2024-04-01T12:30+05:30");
  }
}
