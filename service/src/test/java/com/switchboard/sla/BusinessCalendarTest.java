package com.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.sla.BusinessCalendar.Window;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Instant ny(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
  }

  private static List<Window> weekdays(String start, String end) {
    return List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)
        .stream()
        .map(d -> new Window(d, LocalTime.parse(start), d, LocalTime.parse(end)))
        .toList();
  }

  private static BusinessCalendar nineToFive(Set<LocalDate> holidays) {
    return BusinessCalendar.of(NEW_YORK, weekdays("09:00", "17:00"), holidays);
  }

  @Test
  void aroundTheClockCountsEverySecond() {
    Instant from = Instant.parse("2026-12-12T23:00:00Z");
    assertThat(BusinessCalendar.ALWAYS.addBusinessTime(from, Duration.ofMinutes(90)))
        .isEqualTo(Instant.parse("2026-12-13T00:30:00Z"));
    assertThat(
            BusinessCalendar.ALWAYS.businessTimeBetween(
                from, Instant.parse("2026-12-13T01:00:00Z")))
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void aTicketOnFridayAfternoonIsDueOnMondaySkippingTheWeekend() {
    BusinessCalendar calendar = nineToFive(Set.of());
    // Friday 16:00 + 4 business hours: 1 hour on Friday, 3 on Monday.
    Instant due = calendar.addBusinessTime(ny("2026-12-11T16:00"), Duration.ofHours(4));
    assertThat(due).isEqualTo(ny("2026-12-14T12:00"));
    assertThat(calendar.businessTimeBetween(ny("2026-12-11T16:00"), due))
        .isEqualTo(Duration.ofHours(4));
    assertThat(calendar.businessTimeBetween(ny("2026-12-12T10:00"), ny("2026-12-13T18:00")))
        .isZero();
  }

  @Test
  void startingOutsideHoursWaitsForTheNextWindow() {
    BusinessCalendar calendar = nineToFive(Set.of());
    assertThat(calendar.addBusinessTime(ny("2026-12-08T20:00"), Duration.ofMinutes(30)))
        .isEqualTo(ny("2026-12-09T09:30"));
  }

  @Test
  void aHolidayIsSkippedWhole() {
    BusinessCalendar calendar = nineToFive(Set.of(LocalDate.parse("2026-12-25")));
    // Thursday 24th 15:00 + 4h: 2h on Thursday, Friday 25th is a holiday, 2h on Monday 28th.
    assertThat(calendar.addBusinessTime(ny("2026-12-24T15:00"), Duration.ofHours(4)))
        .isEqualTo(ny("2026-12-28T11:00"));
    assertThat(calendar.businessTimeBetween(ny("2026-12-24T15:00"), ny("2026-12-28T11:00")))
        .isEqualTo(Duration.ofHours(4));
  }

  @Test
  void aWindowOverMidnightCountsOnBothDaysButNotOnAHoliday() {
    // Nights 22:00-06:00 Monday to Friday; Tuesday the 15th is a holiday.
    BusinessCalendar calendar =
        BusinessCalendar.of(
            NEW_YORK,
            weekdays("22:00", "06:00").stream()
                .map(
                    w -> new Window(w.startDay(), w.startTime(), w.startDay().plus(1), w.endTime()))
                .toList(),
            Set.of(LocalDate.parse("2026-12-15")));
    // Monday 23:00 → midnight (1h), Tuesday is a holiday (its 00:00-06:00 and 22:00-24:00 skipped),
    // Wednesday 00:00-06:00 (6h): 7 hours end Wednesday 06:00.
    assertThat(calendar.addBusinessTime(ny("2026-12-14T23:00"), Duration.ofHours(7)))
        .isEqualTo(ny("2026-12-16T06:00"));
    assertThat(calendar.businessTimeBetween(ny("2026-12-14T23:00"), ny("2026-12-16T06:00")))
        .isEqualTo(Duration.ofHours(7));
  }

  @Test
  void theSpringForwardNightHasAShorterWindow() {
    // 2026-03-08 02:00 becomes 03:00 in New York; a Sunday window 01:00-05:00 is 3 real hours.
    BusinessCalendar calendar =
        BusinessCalendar.of(
            NEW_YORK,
            List.of(
                new Window(
                    DayOfWeek.SUNDAY, LocalTime.of(1, 0), DayOfWeek.SUNDAY, LocalTime.of(5, 0))),
            Set.of());
    assertThat(calendar.businessTimeBetween(ny("2026-03-08T00:00"), ny("2026-03-08T12:00")))
        .isEqualTo(Duration.ofHours(3));
    assertThat(calendar.addBusinessTime(ny("2026-03-08T00:00"), Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-03-08T08:00:00Z"))
        .isEqualTo(ny("2026-03-08T04:00"));
  }

  @Test
  void theFallBackNightHasALongerWindow() {
    // 2026-11-01 02:00 EDT becomes 01:00 EST; a Sunday window 00:00-04:00 is 5 real hours.
    BusinessCalendar calendar =
        BusinessCalendar.of(
            NEW_YORK,
            List.of(
                new Window(
                    DayOfWeek.SUNDAY, LocalTime.of(0, 0), DayOfWeek.SUNDAY, LocalTime.of(4, 0))),
            Set.of());
    assertThat(calendar.businessTimeBetween(ny("2026-10-31T12:00"), ny("2026-11-01T12:00")))
        .isEqualTo(Duration.ofHours(5));
    assertThat(calendar.addBusinessTime(ny("2026-11-01T00:00"), Duration.ofHours(5)))
        .isEqualTo(ny("2026-11-01T04:00"));
  }

  @Test
  void nineToFiveOverTheDstChangeIsEightHoursEachDay() {
    BusinessCalendar calendar = nineToFive(Set.of());
    // Friday 6 and Monday 9 March 2026 straddle the change: 16 hours of business time.
    assertThat(calendar.businessTimeBetween(ny("2026-03-06T09:00"), ny("2026-03-09T17:00")))
        .isEqualTo(Duration.ofHours(16));
    assertThat(calendar.addBusinessTime(ny("2026-03-06T13:00"), Duration.ofHours(8)))
        .isEqualTo(ny("2026-03-09T13:00"));
  }

  @Test
  void betweenIsNegativeBackwards() {
    BusinessCalendar calendar = nineToFive(Set.of());
    assertThat(calendar.businessTimeBetween(ny("2026-12-08T12:00"), ny("2026-12-08T10:00")))
        .isEqualTo(Duration.ofHours(-2));
  }
}
