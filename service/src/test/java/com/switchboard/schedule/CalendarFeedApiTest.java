package com.switchboard.schedule;

import static com.switchboard.schedule.ScheduleApiSupport.create;
import static com.switchboard.schedule.ScheduleApiSupport.hours;
import static com.switchboard.schedule.ScheduleApiSupport.layer;
import static com.switchboard.schedule.ScheduleApiSupport.schedule;
import static com.switchboard.schedule.ScheduleApiSupport.shifts;
import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import com.switchboard.schedule.ScheduleApiSupport.ApiShift;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import com.switchboard.testing.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CalendarFeedApiTest {
  /**
   * The feed shows the shifts that end after 14 days ago, up to 90 days ahead. Hand-offs are at
   * 06:00 and 18:00 UTC and the clock is pinned near noon, so those are exactly the shifts that
   * start after midnight 14 days ago, whatever the hour the suite runs at.
   */
  private static final Duration PAST = Duration.ofDays(14);

  private static final Duration AHEAD = Duration.ofDays(90);

  private final Api api = TestApp.api();

  private Api.Login owner;
  private Api.Login alice;
  private Api.Login bob;
  private String carol;

  private final TestClock clock = TestClock.shared();

  @BeforeEach
  void emptyDatabase() {
    clock.setTo(Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(12)));
    TestDatabase.get().truncateAll();
    owner = api.signup("Acme");
    alice = api.addMember(owner, "responder");
    bob = api.addMember(owner, "responder");
    carol = api.addMember(owner, "agent").userId();
  }

  @AfterEach
  void realTime() {
    clock.reset();
  }

  /** An event's or a shift's times; an end cut by the feed's horizon is left out (null). */
  private record Span(Instant start, Instant end) implements Comparable<Span> {
    @Override
    public int compareTo(Span other) {
      return start.compareTo(other.start);
    }
  }

  /** Hand-offs at 06:00 and 18:00 UTC, so no shift starts exactly at the feed's midnight start. */
  private String twelveHourRotation(String name, String... participants) {
    Instant start = feedStart().minus(Duration.ofDays(3)).plus(Duration.ofHours(6));
    return create(
        api,
        owner,
        schedule(name, "UTC", layer("Primary", start, hours(12), List.of(participants))));
  }

  private Instant feedStart() {
    return clock.instant().minus(PAST).truncatedTo(ChronoUnit.DAYS);
  }

  private Api.Reply createFeed(Api.Auth caller, String key, String id) {
    return api.post("/api/v1/calendar-feeds", Map.of(key, id), caller);
  }

  /** The URL's path on the test server (the configured public URL names another port). */
  private static String pathOf(Api.Reply feed) {
    return URI.create(feed.body().path("url").asText()).getRawPath();
  }

  private ICalendar fetch(String path) {
    Api.Reply reply = api.get(path, Api.ANONYMOUS);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
    ICalendar calendar = Biweekly.parse(reply.raw()).first();
    assertThat(calendar).as("parsable iCalendar").isNotNull();
    return calendar;
  }

  private static Set<Span> spans(ICalendar calendar, Instant horizon) {
    Set<Span> spans = new TreeSet<>();
    for (VEvent event : calendar.getEvents()) {
      Instant start = event.getDateStart().getValue().toInstant();
      Instant end = event.getDateEnd().getValue().toInstant();
      spans.add(new Span(start, end.isBefore(horizon) ? end : null));
    }
    return spans;
  }

  /** What the feed should show: the shifts that start inside its window (not cut by its start). */
  private static Set<Span> expected(List<ApiShift> shifts, Instant from, Instant horizon) {
    Set<Span> spans = new TreeSet<>();
    for (ApiShift shift : shifts) {
      if (shift.start().isAfter(from)) {
        spans.add(new Span(shift.start(), shift.end().isBefore(horizon) ? shift.end() : null));
      }
    }
    return spans;
  }

  private static List<String> uids(ICalendar calendar) {
    List<String> uids = new ArrayList<>();
    calendar.getEvents().forEach(e -> uids.add(e.getUid().getValue()));
    return uids;
  }

  @Test
  void aScheduleFeedHasOneEventPerShiftWithStableUids() {
    String id = twelveHourRotation("Primary", alice.userId(), bob.userId(), carol);

    Api.Reply feed = createFeed(owner, "scheduleId", id);

    assertThat(feed.status()).as(feed.toString()).isEqualTo(201);
    assertThat(feed.body().path("id").asText()).isNotBlank();
    assertThat(feed.body().path("url").asText()).endsWith(".ics").contains("/api/v1/calendar/");
    Instant from = feedStart();
    ICalendar first = fetch(pathOf(feed));
    Instant to = clock.instant().plus(AHEAD).truncatedTo(ChronoUnit.SECONDS);
    ICalendar second = fetch(pathOf(feed));
    Instant horizon = to.minus(Duration.ofHours(1));
    List<ApiShift> shifts = shifts(api, owner, id, from, to);

    assertThat(first.getEvents()).hasSize(shifts.size() - 1);
    assertThat(spans(first, horizon)).isEqualTo(expected(shifts, from, horizon));
    assertThat(uids(first)).doesNotHaveDuplicates().isEqualTo(uids(second));
    assertThat(spans(second, horizon)).isEqualTo(spans(first, horizon));
    VEvent event = first.getEvents().get(0);
    assertThat(event.getSummary().getValue()).contains("on call").contains("Primary");
    assertThat(event.getDateTimeStamp()).isNotNull();
  }

  @Test
  void aPersonalFeedHasOnlyThatUsersShiftsOnEverySchedule() {
    String primary = twelveHourRotation("Primary", alice.userId(), bob.userId());
    String secondary = twelveHourRotation("Secondary", carol, bob.userId(), alice.userId());
    String others = twelveHourRotation("Others", bob.userId(), carol);

    Api.Reply feed = createFeed(alice, "userId", alice.userId());

    assertThat(feed.status()).as(feed.toString()).isEqualTo(201);
    Instant from = feedStart();
    ICalendar calendar = fetch(pathOf(feed));
    Instant to = clock.instant().plus(AHEAD).truncatedTo(ChronoUnit.SECONDS);
    Instant horizon = to.minus(Duration.ofHours(1));
    Set<Span> expected = new TreeSet<>();
    int count = 0;
    for (String schedule : List.of(primary, secondary, others)) {
      List<ApiShift> mine =
          shifts(api, owner, schedule, from, to).stream()
              .filter(s -> s.userId().equals(alice.userId()))
              .toList();
      Set<Span> spans = expected(mine, from, horizon);
      count += spans.size();
      expected.addAll(spans);
    }
    assertThat(calendar.getEvents()).hasSize(count);
    assertThat(spans(calendar, horizon)).isEqualTo(expected);
    assertThat(calendar.getEvents())
        .extracting(e -> e.getSummary().getValue())
        .allMatch(s -> s.contains("Primary") || s.contains("Secondary"));
  }

  @Test
  void aFeedOfASingleParticipantRotationShowsTheirShift() {
    String id = twelveHourRotation("Solo", carol);

    ICalendar calendar = fetch(pathOf(createFeed(owner, "scheduleId", id)));

    Instant now = clock.instant();
    List<ApiShift> shifts = shifts(api, owner, id, now, now.plus(Duration.ofHours(1)));
    assertThat(shifts).extracting(ApiShift::userId).containsExactly(carol);
    assertThat(calendar.getEvents())
        .as("an event covering now, when carol is on call")
        .anyMatch(
            e ->
                !e.getDateStart().getValue().toInstant().isAfter(now)
                    && e.getDateEnd().getValue().toInstant().isAfter(now));
  }

  @Test
  void aResponderMayPublishOnlyTheirOwnShifts() {
    String id = twelveHourRotation("Primary", alice.userId(), bob.userId());

    Api.Reply own = createFeed(alice, "userId", alice.userId());
    Api.Reply someoneElse = createFeed(alice, "userId", bob.userId());
    Api.Reply wholeSchedule = createFeed(alice, "scheduleId", id);
    Api.Reply both =
        api.post(
            "/api/v1/calendar-feeds", Map.of("userId", alice.userId(), "scheduleId", id), owner);

    assertThat(own.status()).isEqualTo(201);
    assertThat(someoneElse.status()).isEqualTo(403);
    assertThat(wholeSchedule.status()).isEqualTo(403);
    assertThat(both.status()).isEqualTo(422);
    assertThat(createFeed(owner, "userId", bob.userId()).status()).isEqualTo(201);
  }

  @Test
  void aRevokedFeedStopsAnswering() {
    String id = twelveHourRotation("Primary", alice.userId(), bob.userId());
    Api.Reply feed = createFeed(owner, "scheduleId", id);
    Api.Reply personal = createFeed(alice, "userId", alice.userId());
    assertThat(api.get(pathOf(feed), Api.ANONYMOUS).status()).isEqualTo(200);

    Api.Reply bobRevokes = api.delete("/api/v1/calendar-feeds/" + personal.id(), bob);
    Api.Reply revoked = api.delete("/api/v1/calendar-feeds/" + feed.id(), owner);

    assertThat(bobRevokes.status()).isEqualTo(403);
    assertThat(api.get(pathOf(personal), Api.ANONYMOUS).status()).isEqualTo(200);
    assertThat(revoked.status()).isEqualTo(204);
    assertThat(api.get(pathOf(feed), Api.ANONYMOUS).status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/calendar-feeds/" + personal.id(), alice).status())
        .isEqualTo(204);
    assertThat(api.get(pathOf(personal), Api.ANONYMOUS).status()).isEqualTo(404);
  }

  @Test
  void deactivatingAUserRevokesTheFeedsTheyMadeOrThatShowThem() {
    String id = twelveHourRotation("Primary", alice.userId(), bob.userId());
    Api.Login admin = api.addMember(owner, "admin");
    Api.Reply adminsScheduleFeed = createFeed(admin, "scheduleId", id);
    Api.Reply ownersScheduleFeed = createFeed(owner, "scheduleId", id);
    Api.Reply alicesOwnFeed = createFeed(alice, "userId", alice.userId());
    Api.Reply bobsFeedByOwner = createFeed(owner, "userId", bob.userId());

    for (String user : List.of(admin.userId(), alice.userId(), bob.userId())) {
      assertThat(api.post("/api/v1/users/" + user + "/deactivate", null, owner).status())
          .isEqualTo(200);
    }

    assertThat(api.get(pathOf(adminsScheduleFeed), Api.ANONYMOUS).status()).isEqualTo(404);
    assertThat(api.get(pathOf(alicesOwnFeed), Api.ANONYMOUS).status()).isEqualTo(404);
    assertThat(api.get(pathOf(bobsFeedByOwner), Api.ANONYMOUS).status()).isEqualTo(404);
    assertThat(api.get(pathOf(ownersScheduleFeed), Api.ANONYMOUS).status()).isEqualTo(200);

    for (String user : List.of(admin.userId(), alice.userId(), bob.userId())) {
      assertThat(api.post("/api/v1/users/" + user + "/reactivate", null, owner).status())
          .isEqualTo(200);
    }
    assertThat(api.get(pathOf(adminsScheduleFeed), Api.ANONYMOUS).status())
        .as("reactivating does not revive an old secret URL")
        .isEqualTo(404);
    assertThat(api.get(pathOf(alicesOwnFeed), Api.ANONYMOUS).status()).isEqualTo(404);
    assertThat(api.get(pathOf(bobsFeedByOwner), Api.ANONYMOUS).status()).isEqualTo(404);
  }

  @Test
  void aFeedOfAUserDeactivatedBeforeFeedsWereRevokedIsNotFound() {
    String id = twelveHourRotation("Primary", alice.userId(), bob.userId());
    Api.Reply alicesOwnFeed = createFeed(alice, "userId", alice.userId());
    Api.Reply ownersScheduleFeed = createFeed(owner, "scheduleId", id);
    assertThat(api.get(pathOf(alicesOwnFeed), Api.ANONYMOUS).status()).isEqualTo(200);

    // As data written before deactivation revoked feeds: the user is inactive, the feed is not.
    TestDatabase.get()
        .executeInTenant(
            owner.tenantId(),
            "UPDATE users SET active = false WHERE id = ?",
            java.util.UUID.fromString(alice.userId()));

    assertThat(api.get(pathOf(alicesOwnFeed), Api.ANONYMOUS).status()).isEqualTo(404);
    assertThat(api.get(pathOf(ownersScheduleFeed), Api.ANONYMOUS).status()).isEqualTo(200);
  }

  @Test
  void anUnknownTokenIsNotFound() {
    String id = twelveHourRotation("Primary", alice.userId(), bob.userId());
    String path = pathOf(createFeed(owner, "scheduleId", id));
    String token = path.substring(path.lastIndexOf('/') + 1, path.length() - ".ics".length());
    String forged =
        token.substring(0, token.lastIndexOf('_') + 1)
            + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    assertThat(api.get("/api/v1/calendar/garbage.ics", Api.ANONYMOUS).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/calendar/" + forged + ".ics", Api.ANONYMOUS).status())
        .isEqualTo(404);
    assertThat(api.get(path, Api.ANONYMOUS).status()).isEqualTo(200);
  }
}
