package com.switchboard.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.escalation.PagingHold.Hold;
import com.switchboard.escalation.PagingHold.Maintenance;
import com.switchboard.paging.Urgency;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PagingHoldTest {
  private static final SupportHours WEEKDAYS_NEW_YORK =
      new SupportHours(
          "America/New_York",
          List.of(
              new SupportHours.Window(
                  DayOfWeek.MONDAY, LocalTime.of(9, 0), DayOfWeek.MONDAY, LocalTime.of(18, 0)),
              new SupportHours.Window(
                  DayOfWeek.TUESDAY, LocalTime.of(9, 0), DayOfWeek.TUESDAY, LocalTime.of(18, 0)),
              new SupportHours.Window(
                  DayOfWeek.FRIDAY, LocalTime.of(22, 0), DayOfWeek.SATURDAY, LocalTime.of(2, 0))));

  @Test
  void nothingHoldsAHighUrgencyIncidentOutsideSupportHours() {
    Instant sundayNight = Instant.parse("2026-11-30T03:00:00Z");
    assertThat(PagingHold.of(List.of(), WEEKDAYS_NEW_YORK, Urgency.HIGH, sundayNight)).isEmpty();
  }

  @Test
  void lowUrgencyOutsideSupportHoursWaitsForTheNextWindowInTheServicesZone() {
    // Sunday 22:00 New York: Monday 09:00 New York is 14:00 UTC.
    Instant sundayNight = Instant.parse("2026-11-30T03:00:00Z");
    Optional<Hold> hold = PagingHold.of(List.of(), WEEKDAYS_NEW_YORK, Urgency.LOW, sundayNight);
    assertThat(hold).map(Hold::until).contains(Instant.parse("2026-11-30T14:00:00Z"));
    assertThat(hold.get().reason()).contains("support hours");
  }

  @Test
  void lowUrgencyInsideAWindowThatCrossesMidnightPagesAtOnce() {
    // Saturday 01:00 New York is inside Friday 22:00 - Saturday 02:00.
    Instant saturdayOne = Instant.parse("2026-11-28T06:00:00Z");
    assertThat(WEEKDAYS_NEW_YORK.contains(saturdayOne)).isTrue();
    assertThat(PagingHold.of(List.of(), WEEKDAYS_NEW_YORK, Urgency.LOW, saturdayOne)).isEmpty();
  }

  @Test
  void supportHoursFollowLocalTimeAcrossTheDaylightSavingChange() {
    // Monday 9 March 2026 is after the US spring-forward (8 March): 09:00 EDT is 13:00 UTC.
    Instant sundayAfterChange = Instant.parse("2026-03-09T04:00:00Z");
    assertThat(WEEKDAYS_NEW_YORK.nextStart(sundayAfterChange))
        .isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
  }

  @Test
  void maintenanceHoldsEveryUrgencyUntilItsLastBackToBackWindowEnds() {
    Instant now = Instant.parse("2026-11-26T12:00:00Z");
    List<Maintenance> windows =
        List.of(
            new Maintenance(now.minusSeconds(60), now.plusSeconds(600)),
            new Maintenance(now.plusSeconds(600), now.plusSeconds(1200)));
    Optional<Hold> hold = PagingHold.of(windows, null, Urgency.HIGH, now);
    assertThat(hold).map(Hold::until).contains(now.plusSeconds(1200));
    assertThat(hold.get().reason()).contains("maintenance");
  }

  @Test
  void aFutureMaintenanceWindowDoesNotHoldNow() {
    Instant now = Instant.parse("2026-11-26T12:00:00Z");
    List<Maintenance> later = List.of(new Maintenance(now.plusSeconds(60), now.plusSeconds(600)));
    assertThat(PagingHold.of(later, null, Urgency.HIGH, now)).isEmpty();
  }

  @Test
  void lowUrgencyAfterMaintenanceStillWaitsForSupportHours() {
    // Maintenance ends Sunday 23:00 New York; support hours open Monday 09:00.
    Instant sundayTen = Instant.parse("2026-11-30T03:00:00Z");
    List<Maintenance> windows =
        List.of(new Maintenance(sundayTen.minusSeconds(60), sundayTen.plusSeconds(3600)));
    assertThat(PagingHold.of(windows, WEEKDAYS_NEW_YORK, Urgency.LOW, sundayTen))
        .map(Hold::until)
        .contains(Instant.parse("2026-11-30T14:00:00Z"));
  }
}
