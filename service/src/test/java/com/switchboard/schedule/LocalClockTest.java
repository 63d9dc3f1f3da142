package com.switchboard.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one local-time resolution rule, and its remembered stretches, checked against java.time. */
class LocalClockTest {
  private static final List<ZoneId> ZONES =
      List.of(
          ScheduleFixtures.NEW_YORK,
          ScheduleFixtures.BERLIN,
          ScheduleFixtures.KOLKATA,
          ScheduleFixtures.LORD_HOWE,
          ZoneId.of("Asia/Tehran"),
          ZoneId.of("Pacific/Apia"),
          ZoneId.of("UTC"),
          ZoneOffset.ofHoursMinutes(5, 45));

  private static Instant expected(long localSecond, int nano, ZoneId zone) {
    return ZonedDateTime.of(LocalDateTime.ofEpochSecond(localSecond, nano, ZoneOffset.UTC), zone)
        .toInstant();
  }

  @Test
  void resolvesEveryLocalTimeNearEveryTransitionExactlyAsZonedDateTimeOfDoes() {
    for (ZoneId zone : ZONES) {
      ZoneRules rules = zone.getRules();
      LocalClock clock = new LocalClock(rules);
      for (ZoneOffsetTransition change =
              rules.nextTransition(Instant.parse("2010-01-01T00:00:00Z"));
          change != null && change.getInstant().isBefore(Instant.parse("2027-01-01T00:00:00Z"));
          change = rules.nextTransition(change.getInstant())) {
        long around = change.getDateTimeBefore().minusHours(2).toEpochSecond(ZoneOffset.UTC);
        for (long s = around; s <= around + 5 * 3600; s += 300) {
          long localSecond = s;
          assertThat(clock.resolve(localSecond, 123_456_789))
              .as(() -> LocalDateTime.ofEpochSecond(localSecond, 0, ZoneOffset.UTC) + " " + zone)
              .isEqualTo(expected(localSecond, 123_456_789, zone));
          assertThat(
                  LocalClock.resolve(
                      rules, LocalDateTime.ofEpochSecond(localSecond, 0, ZoneOffset.UTC)))
              .isEqualTo(expected(localSecond, 0, zone));
        }
      }
    }
  }

  @Test
  void resolvesLocalTimesInAnyOrderExactlyAsZonedDateTimeOfDoes() {
    Random random = new Random(42);
    long from = LocalDateTime.of(2000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    for (ZoneId zone : ZONES) {
      LocalClock clock = new LocalClock(zone.getRules());
      long localSecond = from;
      for (int i = 0; i < 5_000; i++) {
        localSecond =
            random.nextBoolean()
                ? from + 60L * random.nextInt(30 * 366 * 24 * 60)
                : localSecond + 60L * random.nextInt(3 * 24 * 60);
        assertThat(clock.resolve(localSecond, 0)).isEqualTo(expected(localSecond, 0, zone));
      }
    }
  }

  @Test
  void localWeeksRunFromMondayMidnightToSundayNight() {
    long monday = LocalDateTime.parse("2024-03-04T00:00").toEpochSecond(ZoneOffset.UTC);
    long week = LocalClock.weekOf(monday);

    assertThat(LocalClock.weekStart(week)).isEqualTo(monday);
    assertThat(LocalClock.weekOf(monday + 7 * 86_400 - 1)).isEqualTo(week);
    assertThat(LocalClock.weekOf(monday + 7 * 86_400)).isEqualTo(week + 1);
    long beforeEpoch = LocalDateTime.parse("1969-12-31T12:00").toEpochSecond(ZoneOffset.UTC);
    assertThat(LocalClock.weekStart(LocalClock.weekOf(beforeEpoch)))
        .isEqualTo(LocalDateTime.parse("1969-12-29T00:00").toEpochSecond(ZoneOffset.UTC));
    assertThat(
            LocalDateTime.ofEpochSecond(LocalClock.weekStart(week - 3000), 0, ZoneOffset.UTC)
                .getDayOfWeek())
        .isEqualTo(DayOfWeek.MONDAY);
  }
}
