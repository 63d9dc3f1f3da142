package com.switchboard.schedule;

import static com.switchboard.schedule.ScheduleFixtures.ALICE;
import static com.switchboard.schedule.ScheduleFixtures.NEW_YORK;
import static com.switchboard.schedule.ScheduleFixtures.at;
import static com.switchboard.schedule.ScheduleFixtures.layer;
import static com.switchboard.schedule.ScheduleFixtures.override;
import static com.switchboard.schedule.ScheduleFixtures.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.platform.errors.FieldError;
import com.switchboard.platform.errors.ValidationException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The model rejects what the API must answer with a 422, naming the field. */
class ScheduleValidationTest {
  private static final Instant START = at("2024-03-04T09:00-05:00");
  private static final LocalTime NINE = LocalTime.of(9, 0);

  private static void assertRejected(ThrowingCallable build, String field, String message) {
    assertThatThrownBy(build)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.fields()).containsExactly(new FieldError(field, message));
            });
  }

  @Test
  void layerWithoutParticipantsIsRejected() {
    assertRejected(
        () -> new Layer(LayerId.random(), "Primary", List.of(), START, Turn.days(1)),
        "participants",
        "must name at least one user");
    assertRejected(
        () ->
            new Layer(LayerId.random(), "Primary", Arrays.asList(ALICE, null), START, Turn.days(1)),
        "participants[1]",
        "is required");
  }

  @Test
  void turnLengthOfZeroOrLessIsRejected() {
    assertRejected(() -> Turn.hours(0), "turn", "length must be positive");
    assertRejected(() -> Turn.hours(-3), "turn", "length must be positive");
    assertRejected(() -> new Turn.Elapsed(Duration.ZERO), "turn", "length must be positive");
    assertRejected(() -> Turn.days(0), "turn", "length must be at least one day");
    assertRejected(() -> Turn.weeks(-1), "turn", "length must be at least one week");
  }

  @Test
  void elapsedTurnMustBeWholeMinutes() {
    assertRejected(
        () -> new Turn.Elapsed(Duration.ofSeconds(90)),
        "turn",
        "length must be a whole number of minutes");
    assertThatCode(() -> new Turn.Elapsed(Duration.ofMinutes(90))).doesNotThrowAnyException();
  }

  @Test
  void restrictionWindowEndingWhereItStartsIsRejected() {
    assertRejected(
        () -> new WeeklyWindow(DayOfWeek.MONDAY, NINE, DayOfWeek.MONDAY, NINE),
        "end",
        "must differ from the start (a window is shorter than a week)");
    assertRejected(
        () -> WeeklyWindow.daily(DayOfWeek.MONDAY, NINE, NINE),
        "end",
        "must differ from the start (a window is shorter than a week)");
    assertThatCode(() -> new WeeklyWindow(DayOfWeek.MONDAY, NINE, DayOfWeek.TUESDAY, NINE))
        .as("a window of exactly one day is fine")
        .doesNotThrowAnyException();
  }

  @Test
  void overrideEndingBeforeOrAtItsStartIsRejected() {
    assertRejected(
        () -> override(ALICE, START, START.minusSeconds(60), 1), "end", "must be after the start");
    assertRejected(() -> override(ALICE, START, START, 1), "end", "must be after the start");
  }

  @Test
  void layerEndingBeforeOrAtItsStartIsRejected() {
    assertRejected(
        () ->
            new Layer(
                LayerId.random(),
                "Primary",
                List.of(ALICE),
                START,
                Optional.of(START),
                Turn.days(1),
                List.of()),
        "end",
        "must be after the start");
  }

  @Test
  void scheduleNeedsANameAZoneAndUniquelyIdentifiedLayers() {
    Layer layer = layer(Turn.days(1), START, ALICE);
    assertRejected(
        () -> new Schedule(ScheduleId.random(), " ", NEW_YORK, List.of(layer)),
        "name",
        "must not be blank");
    assertRejected(
        () -> new Schedule(ScheduleId.random(), "x".repeat(101), NEW_YORK, List.of(layer)),
        "name",
        "must be at most 100 characters");
    assertRejected(
        () -> new Schedule(ScheduleId.random(), "Primary", null, List.of(layer)),
        "zone",
        "is required");
    assertRejected(
        () -> new Schedule(ScheduleId.random(), "Primary", NEW_YORK, List.of()),
        "layers",
        "must have at least one layer");
    assertRejected(
        () -> new Schedule(ScheduleId.random(), "Primary", NEW_YORK, List.of(layer, layer)),
        "layers[1].id",
        "is used by another layer of this schedule");
  }

  @Test
  void nestedValidationErrorsCanBeReportedWithTheirFullPath() {
    assertRejected(
        () ->
            ScheduleValidation.within(
                "layers[2]",
                () -> new Layer(LayerId.random(), "Primary", List.of(), START, Turn.days(1))),
        "layers[2].participants",
        "must name at least one user");
  }

  @Test
  void windowWhoseEndIsNotAfterItsStartIsRejected() {
    Schedule s = schedule(NEW_YORK, layer(Turn.days(1), START, ALICE));
    ShiftCalculator calculator = new ShiftCalculator();

    assertRejected(
        () -> calculator.compute(s, List.of(), START, START), "to", "must be after from");
    assertRejected(
        () -> calculator.compute(s, List.of(), START, START.minusSeconds(1)),
        "to",
        "must be after from");
  }

  @Test
  void nullLayerEndAndRestrictionsMeanNone() {
    Layer layer =
        new Layer(LayerId.random(), "Primary", List.of(ALICE), START, null, Turn.days(1), null);

    assertThat(layer.end()).isEmpty();
    assertThat(layer.restrictions()).isEmpty();
  }
}
