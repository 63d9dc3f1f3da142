package com.switchboard.schedule;

import static com.switchboard.schedule.ScheduleApiSupport.addOverride;
import static com.switchboard.schedule.ScheduleApiSupport.at;
import static com.switchboard.schedule.ScheduleApiSupport.create;
import static com.switchboard.schedule.ScheduleApiSupport.days;
import static com.switchboard.schedule.ScheduleApiSupport.errorFields;
import static com.switchboard.schedule.ScheduleApiSupport.hours;
import static com.switchboard.schedule.ScheduleApiSupport.layer;
import static com.switchboard.schedule.ScheduleApiSupport.override;
import static com.switchboard.schedule.ScheduleApiSupport.rangeList;
import static com.switchboard.schedule.ScheduleApiSupport.schedule;
import static com.switchboard.schedule.ScheduleApiSupport.shift;
import static com.switchboard.schedule.ScheduleApiSupport.shiftList;
import static com.switchboard.schedule.ScheduleApiSupport.shifts;
import static com.switchboard.schedule.ScheduleApiSupport.shiftsBody;
import static com.switchboard.schedule.ScheduleApiSupport.weekly;
import static com.switchboard.schedule.ScheduleApiSupport.window;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.schedule.ScheduleApiSupport.ApiRange;
import com.switchboard.schedule.ScheduleApiSupport.ApiShift;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OnCallApiTest {
  private static final List<Map<String, Object>> OFF_HOURS =
      List.of(
          window("MONDAY", "18:00", "TUESDAY", "09:00"),
          window("TUESDAY", "18:00", "WEDNESDAY", "09:00"),
          window("WEDNESDAY", "18:00", "THURSDAY", "09:00"),
          window("THURSDAY", "18:00", "FRIDAY", "09:00"),
          window("FRIDAY", "18:00", "MONDAY", "09:00"));

  private final Api api = TestApp.api();

  private Api.Login owner;
  private String alice;
  private String bob;
  private String carol;
  private String dave;

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.get().truncateAll();
    owner = api.signup("Acme");
    alice = api.addMember(owner, "responder").userId();
    bob = api.addMember(owner, "responder").userId();
    carol = api.addMember(owner, "agent").userId();
    dave = api.addMember(owner, "responder").userId();
  }

  private static String path(String scheduleId) {
    return "/api/v1/schedules/" + scheduleId;
  }

  // --- daylight saving time ---

  @Test
  void aMondayNineOClockRotationHandsOffAtNineLocalAcrossBothDstChanges() {
    String id =
        create(
            api,
            owner,
            schedule(
                "Payments",
                "America/New_York",
                layer(
                    "Weekly",
                    at("2027-03-01T09:00-05:00"),
                    weekly("MONDAY", "09:00"),
                    List.of(alice, bob, carol, dave))));

    List<ApiShift> spring =
        shifts(api, owner, id, at("2027-03-01T09:00-05:00"), at("2027-03-29T09:00-04:00"));
    // 35 weeks after 1 March is 1 November: turn 35 is the fourth participant's.
    List<ApiShift> autumn =
        shifts(api, owner, id, at("2027-11-01T09:00-04:00"), at("2027-11-15T09:00-05:00"));

    assertThat(spring)
        .containsExactly(
            shift(alice, "2027-03-01T09:00-05:00", "2027-03-08T09:00-05:00"),
            shift(bob, "2027-03-08T09:00-05:00", "2027-03-15T09:00-04:00"),
            shift(carol, "2027-03-15T09:00-04:00", "2027-03-22T09:00-04:00"),
            shift(dave, "2027-03-22T09:00-04:00", "2027-03-29T09:00-04:00"));
    assertThat(spring.get(1).end()).isEqualTo(Instant.parse("2027-03-15T13:00:00Z"));
    assertThat(spring.get(1).hours()).isEqualTo(167);
    assertThat(autumn)
        .containsExactly(
            shift(dave, "2027-11-01T09:00-04:00", "2027-11-08T09:00-05:00"),
            shift(alice, "2027-11-08T09:00-05:00", "2027-11-15T09:00-05:00"));
    assertThat(autumn.get(0).end()).isEqualTo(Instant.parse("2027-11-08T14:00:00Z"));
    assertThat(autumn.get(0).hours()).isEqualTo(169);
  }

  @Test
  void aDailyCalendarTurnIs23HoursOnTheSpringForwardDayAnd25OnTheFallBackDay() {
    String id =
        create(
            api,
            owner,
            schedule(
                "Daily",
                "America/New_York",
                layer("Daily", at("2027-03-13T00:00-05:00"), days(1), List.of(alice, bob))));
    String elapsed =
        create(
            api,
            owner,
            schedule(
                "Elapsed",
                "America/New_York",
                layer("24 hours", at("2027-03-13T00:00-05:00"), hours(24), List.of(alice, bob))));

    List<ApiShift> spring =
        shifts(api, owner, id, at("2027-03-13T00:00-05:00"), at("2027-03-16T00:00-04:00"));
    String onFallBackDay =
        List.of(alice, bob)
            .get(
                (int)
                    (ChronoUnit.DAYS.between(LocalDate.of(2027, 3, 13), LocalDate.of(2027, 11, 7))
                        % 2));
    String dayAfter = onFallBackDay.equals(alice) ? bob : alice;
    List<ApiShift> autumn =
        shifts(api, owner, id, at("2027-11-07T00:00-04:00"), at("2027-11-09T00:00-05:00"));
    List<ApiShift> drifting =
        shifts(api, owner, elapsed, at("2027-03-13T00:00-05:00"), at("2027-03-16T00:00-04:00"));

    assertThat(spring)
        .containsExactly(
            shift(alice, "2027-03-13T00:00-05:00", "2027-03-14T00:00-05:00"),
            shift(bob, "2027-03-14T00:00-05:00", "2027-03-15T00:00-04:00"),
            shift(alice, "2027-03-15T00:00-04:00", "2027-03-16T00:00-04:00"));
    assertThat(spring).extracting(ApiShift::hours).containsExactly(24L, 23L, 24L);
    assertThat(autumn)
        .containsExactly(
            shift(onFallBackDay, "2027-11-07T00:00-04:00", "2027-11-08T00:00-05:00"),
            shift(dayAfter, "2027-11-08T00:00-05:00", "2027-11-09T00:00-05:00"));
    assertThat(autumn).extracting(ApiShift::hours).containsExactly(25L, 24L);
    // Elapsed turns stay 24 hours long, so the local hand-off moves to 01:00 after the change.
    assertThat(drifting).extracting(ApiShift::hours).containsExactly(24L, 24L, 23L);
    assertThat(drifting.get(1).end()).isEqualTo(at("2027-03-15T01:00-04:00"));
  }

  @Test
  void aHandOffInTheSkippedHourMovesLaterAndOneInTheRepeatedHourTakesTheFirstInstant() {
    String id =
        create(
            api,
            owner,
            schedule(
                "Night owls",
                "America/New_York",
                layer("Daily", at("2027-03-12T02:30-05:00"), days(1), List.of(alice, bob))));

    List<ApiShift> spring =
        shifts(api, owner, id, at("2027-03-13T02:30-05:00"), at("2027-03-15T02:30-04:00"));
    String onNovember6 =
        List.of(alice, bob)
            .get(
                (int)
                    (ChronoUnit.DAYS.between(LocalDate.of(2027, 3, 12), LocalDate.of(2027, 11, 6))
                        % 2));
    String onNovember7 = onNovember6.equals(alice) ? bob : alice;
    String early =
        create(
            api,
            owner,
            schedule(
                "Early birds",
                "America/New_York",
                layer("Daily", at("2027-03-12T01:30-05:00"), days(1), List.of(alice, bob))));
    List<ApiShift> autumn =
        shifts(api, owner, early, at("2027-11-06T01:30-04:00"), at("2027-11-08T01:30-05:00"));

    // 02:30 does not exist on 14 March: that hand-off is at 03:30, the next one back at 02:30.
    assertThat(spring)
        .containsExactly(
            shift(bob, "2027-03-13T02:30-05:00", "2027-03-14T03:30-04:00"),
            shift(alice, "2027-03-14T03:30-04:00", "2027-03-15T02:30-04:00"));
    // 01:30 happens twice on 7 November: the hand-off is at the first (daylight) 01:30.
    assertThat(autumn)
        .containsExactly(
            shift(onNovember6, "2027-11-06T01:30-04:00", "2027-11-07T01:30-04:00"),
            shift(onNovember7, "2027-11-07T01:30-04:00", "2027-11-08T01:30-05:00"));
    assertThat(autumn).extracting(ApiShift::hours).containsExactly(24L, 25L);
  }

  // --- restrictions and stacking ---

  @Test
  void restrictionsCrossingMidnightAndTheWeekendLeaveTheDaytimeAsGaps() {
    String id =
        create(
            api,
            owner,
            schedule(
                "Off-hours",
                "America/New_York",
                layer(
                    "Nights",
                    at("2027-05-31T09:00-04:00"),
                    weekly("MONDAY", "09:00"),
                    List.of(alice, bob),
                    OFF_HOURS)));

    JsonNode answer =
        shiftsBody(api, owner, id, at("2027-05-31T09:00-04:00"), at("2027-06-08T09:00-04:00"));

    List<ApiShift> nights = shiftList(answer.path("shifts"));
    assertThat(nights)
        .containsExactly(
            shift(alice, "2027-05-31T18:00-04:00", "2027-06-01T09:00-04:00"),
            shift(alice, "2027-06-01T18:00-04:00", "2027-06-02T09:00-04:00"),
            shift(alice, "2027-06-02T18:00-04:00", "2027-06-03T09:00-04:00"),
            shift(alice, "2027-06-03T18:00-04:00", "2027-06-04T09:00-04:00"),
            shift(alice, "2027-06-04T18:00-04:00", "2027-06-07T09:00-04:00"),
            shift(bob, "2027-06-07T18:00-04:00", "2027-06-08T09:00-04:00"));
    assertThat(rangeList(answer.path("gaps")))
        .containsExactly(
            new ApiRange(at("2027-05-31T09:00-04:00"), at("2027-05-31T18:00-04:00")),
            new ApiRange(at("2027-06-01T09:00-04:00"), at("2027-06-01T18:00-04:00")),
            new ApiRange(at("2027-06-02T09:00-04:00"), at("2027-06-02T18:00-04:00")),
            new ApiRange(at("2027-06-03T09:00-04:00"), at("2027-06-03T18:00-04:00")),
            new ApiRange(at("2027-06-04T09:00-04:00"), at("2027-06-04T18:00-04:00")),
            new ApiRange(at("2027-06-07T09:00-04:00"), at("2027-06-07T18:00-04:00")));
    assertThat(shiftList(answer.path("layers").get(0).path("shifts"))).isEqualTo(nights);
    assertThat(answer.path("users").path(alice).path("id").asText()).isEqualTo(alice);
  }

  @Test
  void aHigherLayerWinsWhereItHasSomeoneAndTheLowerLayerFillsTheRest() {
    String id =
        create(
            api,
            owner,
            schedule(
                "Stacked",
                "America/New_York",
                layer(
                    "Business hours",
                    at("2027-05-31T09:00-04:00"),
                    weekly("MONDAY", "09:00"),
                    List.of(carol)),
                layer(
                    "Nights",
                    at("2027-05-31T09:00-04:00"),
                    weekly("MONDAY", "09:00"),
                    List.of(alice, bob),
                    OFF_HOURS)));

    JsonNode answer =
        shiftsBody(api, owner, id, at("2027-06-02T00:00-04:00"), at("2027-06-03T00:00-04:00"));

    assertThat(shiftList(answer.path("shifts")))
        .containsExactly(
            shift(alice, "2027-06-02T00:00-04:00", "2027-06-02T09:00-04:00"),
            shift(carol, "2027-06-02T09:00-04:00", "2027-06-02T18:00-04:00"),
            shift(alice, "2027-06-02T18:00-04:00", "2027-06-03T00:00-04:00"));
    assertThat(answer.path("gaps")).isEmpty();
    JsonNode layers = answer.path("layers");
    assertThat(layers.findValuesAsText("name")).containsExactly("Business hours", "Nights");
    assertThat(shiftList(layers.get(0).path("shifts")))
        .containsExactly(shift(carol, "2027-06-02T00:00-04:00", "2027-06-03T00:00-04:00"));
    assertThat(shiftList(layers.get(1).path("shifts")))
        .containsExactly(
            shift(alice, "2027-06-02T00:00-04:00", "2027-06-02T09:00-04:00"),
            shift(alice, "2027-06-02T18:00-04:00", "2027-06-03T00:00-04:00"));
  }

  // --- overrides ---

  private String twelveHourRotation() {
    return create(
        api,
        owner,
        schedule(
            "Primary",
            "UTC",
            layer("Primary", at("2027-06-01T00:00Z"), hours(12), List.of(alice, bob))));
  }

  @Test
  void anOverrideCoveringPartsOfTwoShiftsReplacesOnlyThoseParts() {
    String id = twelveHourRotation();

    String overrideId =
        addOverride(api, owner, id, carol, at("2027-06-01T06:00Z"), at("2027-06-01T18:00Z"));

    JsonNode answer = shiftsBody(api, owner, id, at("2027-06-01T00:00Z"), at("2027-06-02T00:00Z"));
    assertThat(shiftList(answer.path("shifts")))
        .containsExactly(
            shift(alice, "2027-06-01T00:00Z", "2027-06-01T06:00Z"),
            shift(carol, "2027-06-01T06:00Z", "2027-06-01T18:00Z"),
            shift(bob, "2027-06-01T18:00Z", "2027-06-02T00:00Z"));
    assertThat(shiftList(answer.path("layers").get(0).path("shifts")))
        .containsExactly(
            shift(alice, "2027-06-01T00:00Z", "2027-06-01T12:00Z"),
            shift(bob, "2027-06-01T12:00Z", "2027-06-02T00:00Z"));
    JsonNode listed =
        api.get(path(id) + "/overrides?from=2027-06-01T00:00:00Z&to=2027-06-02T00:00:00Z", owner)
            .body()
            .path("items");
    assertThat(listed.findValuesAsText("id")).containsExactly(overrideId);
    assertThat(listed.get(0).path("userId").asText()).isEqualTo(carol);
    assertThat(listed.get(0).path("createdBy").asText()).isEqualTo(owner.userId());
  }

  @Test
  void whereOverridesOverlapTheOneCreatedLaterWins() {
    String id =
        create(
            api,
            owner,
            schedule(
                "Primary",
                "UTC",
                layer("Primary", at("2027-06-01T00:00Z"), hours(24), List.of(alice))));
    Api.Login responder = api.addMember(owner, "responder");

    addOverride(api, owner, id, carol, at("2027-06-01T04:00Z"), at("2027-06-01T12:00Z"));
    String daves =
        addOverride(api, responder, id, dave, at("2027-06-01T08:00Z"), at("2027-06-01T16:00Z"));
    addOverride(api, owner, id, bob, at("2027-06-01T06:00Z"), at("2027-06-01T10:00Z"));

    assertThat(shifts(api, owner, id, at("2027-06-01T00:00Z"), at("2027-06-02T00:00Z")))
        .containsExactly(
            shift(alice, "2027-06-01T00:00Z", "2027-06-01T04:00Z"),
            shift(carol, "2027-06-01T04:00Z", "2027-06-01T06:00Z"),
            shift(bob, "2027-06-01T06:00Z", "2027-06-01T10:00Z"),
            shift(dave, "2027-06-01T10:00Z", "2027-06-01T16:00Z"),
            shift(alice, "2027-06-01T16:00Z", "2027-06-02T00:00Z"));

    assertThat(api.delete(path(id) + "/overrides/" + daves, responder).status()).isEqualTo(204);
    assertThat(shifts(api, owner, id, at("2027-06-01T00:00Z"), at("2027-06-02T00:00Z")))
        .containsExactly(
            shift(alice, "2027-06-01T00:00Z", "2027-06-01T04:00Z"),
            shift(carol, "2027-06-01T04:00Z", "2027-06-01T06:00Z"),
            shift(bob, "2027-06-01T06:00Z", "2027-06-01T10:00Z"),
            shift(carol, "2027-06-01T10:00Z", "2027-06-01T12:00Z"),
            shift(alice, "2027-06-01T12:00Z", "2027-06-02T00:00Z"));
  }

  @Test
  void aShiftSwapIsTwoOverridesMadeInOneCall() {
    String id = twelveHourRotation();

    Api.Reply swapped =
        api.post(
            path(id) + "/overrides/batch",
            Map.of(
                "overrides",
                List.of(
                    override(bob, at("2027-06-01T00:00Z"), at("2027-06-01T12:00Z")),
                    override(alice, at("2027-06-01T12:00Z"), at("2027-06-02T00:00Z")))),
            api.addMember(owner, "agent"));

    assertThat(swapped.status()).as(swapped.toString()).isEqualTo(201);
    JsonNode items = swapped.body().path("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(1).path("sequence").asLong())
        .isGreaterThan(items.get(0).path("sequence").asLong());
    assertThat(shifts(api, owner, id, at("2027-06-01T00:00Z"), at("2027-06-02T12:00Z")))
        .containsExactly(
            shift(bob, "2027-06-01T00:00Z", "2027-06-01T12:00Z"),
            shift(alice, "2027-06-01T12:00Z", "2027-06-02T12:00Z"));
  }

  @Test
  void aBatchWithOneBadEntryCreatesNothing() {
    String id = twelveHourRotation();
    Api.Login stranger = api.signup("Other Corp");
    List<ApiShift> before =
        shifts(api, owner, id, at("2027-06-01T00:00Z"), at("2027-06-02T00:00Z"));

    Api.Reply backwards =
        api.post(
            path(id) + "/overrides/batch",
            Map.of(
                "overrides",
                List.of(
                    override(bob, at("2027-06-01T00:00Z"), at("2027-06-01T12:00Z")),
                    override(alice, at("2027-06-02T00:00Z"), at("2027-06-01T12:00Z")))),
            owner);
    Api.Reply foreign =
        api.post(
            path(id) + "/overrides/batch",
            Map.of(
                "overrides",
                List.of(
                    override(bob, at("2027-06-01T00:00Z"), at("2027-06-01T12:00Z")),
                    override(stranger.userId(), at("2027-06-01T12:00Z"), at("2027-06-02T00:00Z")))),
            owner);

    assertThat(backwards.status()).isEqualTo(422);
    assertThat(errorFields(backwards)).containsExactly("overrides[1].end");
    assertThat(foreign.status()).isEqualTo(422);
    assertThat(errorFields(foreign)).containsExactly("overrides[1].userId");
    assertThat(
            api.get(
                    path(id) + "/overrides?from=2027-05-01T00:00:00Z&to=2027-07-01T00:00:00Z",
                    owner)
                .body()
                .path("items"))
        .isEmpty();
    assertThat(shifts(api, owner, id, at("2027-06-01T00:00Z"), at("2027-06-02T00:00Z")))
        .isEqualTo(before);
  }

  // --- on call at an instant ---

  @Test
  void onCallAtAnInstantAgreesWithTheShifts() {
    String id =
        create(
            api,
            owner,
            schedule(
                "Mixed",
                "Europe/Berlin",
                layer("Base", at("2027-06-01T00:00+02:00"), hours(8), List.of(alice, bob)),
                layer(
                    "Evenings",
                    at("2027-06-01T00:00+02:00"),
                    days(1),
                    List.of(carol),
                    List.of(window("TUESDAY", "18:00", "TUESDAY", "22:00")))));
    addOverride(api, owner, id, dave, at("2027-06-02T10:00+02:00"), at("2027-06-02T13:30+02:00"));
    String gappy =
        create(
            api,
            owner,
            schedule(
                "Gappy",
                "UTC",
                layer(
                    "Mornings",
                    at("2027-06-01T00:00Z"),
                    hours(4),
                    List.of(alice, carol),
                    List.of(
                        window("TUESDAY", "06:00", "TUESDAY", "12:00"),
                        window("WEDNESDAY", "06:00", "WEDNESDAY", "12:00")))));

    for (String schedule : List.of(id, gappy)) {
      Instant from = at("2027-05-31T00:00Z");
      Instant to = at("2027-06-04T00:00Z");
      List<ApiShift> all = shifts(api, owner, schedule, from, to);
      for (Instant t = at("2027-06-01T00:00Z");
          t.isBefore(at("2027-06-03T00:00Z"));
          t = t.plus(Duration.ofMinutes(90))) {
        Instant instant = t;
        ApiShift expected =
            all.stream()
                .filter(s -> !s.start().isAfter(instant) && s.end().isAfter(instant))
                .findFirst()
                .orElse(null);
        Api.Reply reply = api.get(path(schedule) + "/oncall?at=" + instant, owner);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode answer = reply.body();
        assertThat(Instant.parse(answer.path("at").asText())).isEqualTo(instant);
        assertThat(answer.path("schedule").path("id").asText()).isEqualTo(schedule);
        if (expected == null) {
          assertThat(answer.path("user").isNull()).as("nobody at %s", instant).isTrue();
          assertThat(answer.path("shift").isNull()).isTrue();
        } else {
          assertThat(answer.path("user").path("id").asText())
              .as("on call at %s", instant)
              .isEqualTo(expected.userId());
          assertThat(Instant.parse(answer.path("shift").path("start").asText()))
              .as("shift start at %s", instant)
              .isEqualTo(expected.start());
          assertThat(Instant.parse(answer.path("shift").path("end").asText()))
              .as("shift end at %s", instant)
              .isEqualTo(expected.end());
        }
      }
    }
    // a hand-off instant belongs to the shift that starts there
    assertThat(
            api.get(path(id) + "/oncall?at=2027-06-01T08:00:00%2B02:00", owner)
                .body()
                .path("user")
                .path("id")
                .asText())
        .isEqualTo(bob);
  }

  @Test
  void onCallAtAnInstantReportsTheWholeShiftOfAWeeklyRotation() {
    String id =
        create(
            api,
            owner,
            schedule(
                "Payments",
                "America/New_York",
                layer(
                    "Weekly",
                    at("2027-06-07T09:00-04:00"),
                    weekly("MONDAY", "09:00"),
                    List.of(alice, bob))));
    Instant wednesday = at("2027-06-16T12:00-04:00");
    ApiShift expected =
        shifts(api, owner, id, at("2027-06-07T09:00-04:00"), at("2027-06-28T09:00-04:00")).stream()
            .filter(s -> !s.start().isAfter(wednesday) && s.end().isAfter(wednesday))
            .findFirst()
            .orElseThrow();

    JsonNode answer = api.get(path(id) + "/oncall?at=" + wednesday, owner).body();

    assertThat(expected).isEqualTo(shift(bob, "2027-06-14T09:00-04:00", "2027-06-21T09:00-04:00"));
    assertThat(answer.path("user").path("id").asText()).isEqualTo(bob);
    assertThat(Instant.parse(answer.path("shift").path("start").asText()))
        .isEqualTo(expected.start());
    assertThat(Instant.parse(answer.path("shift").path("end").asText())).isEqualTo(expected.end());
  }

  // --- the tenant's on-call list ---

  private record Tenant(String team, String primary, String support, String weekend) {}

  /** Three schedules: Primary (alice/bob daily, team), Support (carol), Weekend (bob, Sat-Sun). */
  private Tenant threeSchedules() {
    String team = api.createTeam(owner, "Payments", "engineering");
    Map<String, Object> primary =
        schedule(
            "Primary",
            "UTC",
            layer("Daily", at("2027-06-01T00:00Z"), hours(24), List.of(alice, bob)));
    primary.put("teamId", team);
    String primaryId = create(api, owner, primary);
    String supportId =
        create(
            api,
            owner,
            schedule(
                "Support",
                "UTC",
                layer("Always", at("2027-06-01T00:00Z"), hours(24), List.of(carol))));
    String weekendId =
        create(
            api,
            owner,
            schedule(
                "Weekend",
                "UTC",
                layer(
                    "Weekends",
                    at("2027-06-01T00:00Z"),
                    hours(24),
                    List.of(bob),
                    List.of(window("SATURDAY", "00:00", "MONDAY", "00:00")))));
    return new Tenant(team, primaryId, supportId, weekendId);
  }

  @Test
  void theTenantOnCallListShowsEveryScheduleAndWhoIsOnIt() {
    Tenant tenant = threeSchedules();

    Api.Reply reply =
        api.get("/api/v1/oncall?at=2027-06-01T12:00:00Z", api.addMember(owner, "viewer"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(Instant.parse(reply.body().path("at").asText())).isEqualTo(at("2027-06-01T12:00Z"));
    JsonNode items = reply.body().path("items");
    assertThat(scheduleNames(items)).containsExactly("Primary", "Support", "Weekend");
    assertThat(items.get(0).path("schedule").path("id").asText()).isEqualTo(tenant.primary());
    assertThat(items.get(0).path("schedule").path("team").path("name").asText())
        .isEqualTo("Payments");
    assertThat(items.get(0).path("user").path("id").asText()).isEqualTo(alice);
    assertThat(items.get(1).path("user").path("id").asText()).isEqualTo(carol);
    assertThat(items.get(2).path("user").isNull()).isTrue();
    JsonNode saturday =
        api.get("/api/v1/oncall?at=2027-06-05T12:00:00Z", owner).body().path("items");
    assertThat(saturday.get(0).path("user").path("id").asText()).isEqualTo(alice);
    assertThat(saturday.get(2).path("user").path("id").asText()).isEqualTo(bob);
  }

  @Test
  void theTenantOnCallListAgreesWithOverrides() {
    Tenant tenant = threeSchedules();
    addOverride(
        api, owner, tenant.primary(), dave, at("2027-06-01T10:00Z"), at("2027-06-01T14:00Z"));

    JsonNode items = api.get("/api/v1/oncall?at=2027-06-01T12:00:00Z", owner).body().path("items");

    assertThat(items.get(0).path("user").path("id").asText()).isEqualTo(dave);
  }

  @Test
  void theTenantOnCallListFiltersByTeam() {
    Tenant tenant = threeSchedules();

    JsonNode items =
        api.get("/api/v1/oncall?at=2027-06-01T12:00:00Z&teamId=" + tenant.team(), owner)
            .body()
            .path("items");

    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("schedule").path("id").asText()).isEqualTo(tenant.primary());
    assertThat(items.get(0).path("user").path("id").asText()).isEqualTo(alice);
  }

  @Test
  void theTenantOnCallListForAUserShowsOnlyTheirSchedulesAndWhenTheyAreNextOn() {
    Tenant tenant = threeSchedules();
    addOverride(
        api, owner, tenant.support(), dave, at("2027-06-10T08:00Z"), at("2027-06-10T20:00Z"));

    JsonNode bobs =
        api.get(
                "/api/v1/oncall?at=2027-06-01T12:00:00Z&userId=" + bob,
                api.addMember(owner, "responder"))
            .body()
            .path("items");
    JsonNode daves =
        api.get("/api/v1/oncall?at=2027-06-01T12:00:00Z&userId=" + dave, owner)
            .body()
            .path("items");
    JsonNode alices =
        api.get("/api/v1/oncall?at=2027-06-01T12:00:00Z&userId=" + alice, owner)
            .body()
            .path("items");

    assertThat(scheduleNames(bobs)).containsExactly("Primary", "Weekend");
    assertThat(bobs.get(0).path("user").path("id").asText()).isEqualTo(alice);
    assertThat(Instant.parse(bobs.get(0).path("nextShift").path("start").asText()))
        .isEqualTo(at("2027-06-02T00:00Z"));
    assertThat(Instant.parse(bobs.get(0).path("nextShift").path("end").asText()))
        .isEqualTo(at("2027-06-03T00:00Z"));
    assertThat(bobs.get(1).path("user").isNull()).isTrue();
    assertThat(Instant.parse(bobs.get(1).path("nextShift").path("start").asText()))
        .isEqualTo(at("2027-06-05T00:00Z"));
    assertThat(Instant.parse(bobs.get(1).path("nextShift").path("end").asText()))
        .isEqualTo(at("2027-06-07T00:00Z"));
    assertThat(scheduleNames(daves)).containsExactly("Support");
    assertThat(Instant.parse(daves.get(0).path("nextShift").path("start").asText()))
        .isEqualTo(at("2027-06-10T08:00Z"));
    assertThat(Instant.parse(daves.get(0).path("nextShift").path("end").asText()))
        .isEqualTo(at("2027-06-10T20:00Z"));
    assertThat(scheduleNames(alices)).containsExactly("Primary");
    assertThat(Instant.parse(alices.get(0).path("nextShift").path("start").asText()))
        .isBeforeOrEqualTo(at("2027-06-01T12:00Z"));
    assertThat(Instant.parse(alices.get(0).path("nextShift").path("end").asText()))
        .isEqualTo(at("2027-06-02T00:00Z"));
  }

  @Test
  void theTenantOnCallListForAnUnknownUserIsNotFound() {
    threeSchedules();
    Api.Login stranger = api.signup("Other Corp");

    Api.Reply unknown =
        api.get("/api/v1/oncall?at=2027-06-01T12:00:00Z&userId=" + UUID.randomUUID(), owner);
    Api.Reply foreign =
        api.get("/api/v1/oncall?at=2027-06-01T12:00:00Z&userId=" + stranger.userId(), owner);
    Api.Reply malformed = api.get("/api/v1/oncall?userId=bob", owner);

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(errorFields(malformed)).containsExactly("userId");
  }

  private static List<String> scheduleNames(JsonNode items) {
    List<String> names = new java.util.ArrayList<>();
    items.forEach(item -> names.add(item.path("schedule").path("name").asText()));
    return names;
  }
}
