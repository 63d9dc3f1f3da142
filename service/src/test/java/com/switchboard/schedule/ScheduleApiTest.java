package com.switchboard.schedule;

import static com.switchboard.schedule.ScheduleApiSupport.at;
import static com.switchboard.schedule.ScheduleApiSupport.create;
import static com.switchboard.schedule.ScheduleApiSupport.days;
import static com.switchboard.schedule.ScheduleApiSupport.errorFields;
import static com.switchboard.schedule.ScheduleApiSupport.hours;
import static com.switchboard.schedule.ScheduleApiSupport.layer;
import static com.switchboard.schedule.ScheduleApiSupport.override;
import static com.switchboard.schedule.ScheduleApiSupport.schedule;
import static com.switchboard.schedule.ScheduleApiSupport.shift;
import static com.switchboard.schedule.ScheduleApiSupport.shiftList;
import static com.switchboard.schedule.ScheduleApiSupport.shifts;
import static com.switchboard.schedule.ScheduleApiSupport.shiftsBody;
import static com.switchboard.schedule.ScheduleApiSupport.shiftsReply;
import static com.switchboard.schedule.ScheduleApiSupport.turn;
import static com.switchboard.schedule.ScheduleApiSupport.weekly;
import static com.switchboard.schedule.ScheduleApiSupport.weeks;
import static com.switchboard.schedule.ScheduleApiSupport.window;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.schedule.ScheduleApiSupport.ApiShift;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScheduleApiTest {
  private final Api api = TestApp.api();

  private Api.Login owner;
  private String alice;
  private String bob;
  private String carol;

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.get().truncateAll();
    owner = api.signup("Acme");
    alice = api.addMember(owner, "responder").userId();
    bob = api.addMember(owner, "responder").userId();
    carol = api.addMember(owner, "agent").userId();
  }

  private static String path(String scheduleId) {
    return "/api/v1/schedules/" + scheduleId;
  }

  private Map<String, Object> simple(String name) {
    return schedule(
        name, "UTC", layer("Primary", at("2027-01-04T00:00Z"), hours(24), List.of(alice, bob)));
  }

  @Test
  void createsAScheduleWithLayersOfEveryTurnKindAndRestrictions() {
    String team = api.createTeam(owner, "Payments", "engineering");
    Map<String, Object> body =
        schedule(
            "  Payments Primary ",
            "America/New_York",
            layer("Hourly", at("2027-03-01T09:00-05:00"), hours(12), List.of(alice, bob)),
            layer("Daily", at("2027-03-01T00:00-05:00"), days(1), List.of(bob, carol, bob)),
            layer("Fortnightly", at("2027-03-01T09:00-05:00"), weeks(2), List.of(carol)),
            layer(
                "Off-hours",
                at("2027-03-01T09:00-05:00"),
                weekly("MONDAY", "09:00"),
                List.of(alice, carol),
                List.of(
                    window("MONDAY", "18:00", "TUESDAY", "09:00"),
                    window("FRIDAY", "18:00", "MONDAY", "09:00"))));
    body.put("description", "Checkout and billing");
    body.put("teamId", team);

    Api.Reply created = api.post("/api/v1/schedules", body, owner);

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode schedule = created.body();
    assertThat(schedule.path("name").asText()).isEqualTo("Payments Primary");
    assertThat(schedule.path("timeZone").asText()).isEqualTo("America/New_York");
    assertThat(schedule.path("description").asText()).isEqualTo("Checkout and billing");
    assertThat(schedule.path("team").path("id").asText()).isEqualTo(team);
    assertThat(schedule.path("team").path("name").asText()).isEqualTo("Payments");
    JsonNode layers = schedule.path("layers");
    assertThat(layers).hasSize(4);
    assertThat(layers.findValuesAsText("name"))
        .containsExactly("Hourly", "Daily", "Fortnightly", "Off-hours");
    for (int i = 0; i < 4; i++) {
      assertThat(layers.get(i).path("position").asInt()).isEqualTo(i);
      assertThat(layers.get(i).path("end").isNull()).isTrue();
      assertThat(layers.get(i).path("replacesId").isNull()).isTrue();
    }
    assertThat(layers.get(0).path("turn").path("kind").asText()).isEqualTo("hours");
    assertThat(layers.get(0).path("turn").path("count").asInt()).isEqualTo(12);
    assertThat(Instant.parse(layers.get(0).path("start").asText()))
        .isEqualTo(at("2027-03-01T09:00-05:00"));
    assertThat(layers.get(1).path("turn").path("kind").asText()).isEqualTo("days");
    assertThat(layers.get(1).path("turn").path("count").asInt()).isEqualTo(1);
    assertThat(texts(layers.get(1).path("participants"))).containsExactly(bob, carol, bob);
    assertThat(layers.get(2).path("turn").path("kind").asText()).isEqualTo("weeks");
    assertThat(layers.get(2).path("turn").path("count").asInt()).isEqualTo(2);
    JsonNode weeklyTurn = layers.get(3).path("turn");
    assertThat(weeklyTurn.path("kind").asText()).isEqualTo("weekly");
    assertThat(weeklyTurn.path("day").asText()).isEqualTo("MONDAY");
    assertThat(weeklyTurn.path("time").asText()).startsWith("09:00");
    JsonNode restrictions = layers.get(3).path("restrictions");
    assertThat(restrictions).hasSize(2);
    assertThat(restrictions.get(1).path("startDay").asText()).isEqualTo("FRIDAY");
    assertThat(restrictions.get(1).path("startTime").asText()).startsWith("18:00");
    assertThat(restrictions.get(1).path("endDay").asText()).isEqualTo("MONDAY");
    assertThat(restrictions.get(1).path("endTime").asText()).startsWith("09:00");

    Api.Reply fetched = api.get(path(created.id()), api.addMember(owner, "viewer"));
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.body()).isEqualTo(schedule);
  }

  @Test
  void theListShowsEveryScheduleByNameWithItsTeam() {
    String team = api.createTeam(owner, "Support", "support");
    Map<String, Object> zulu = simple("zulu");
    zulu.put("teamId", team);
    String zuluId = create(api, owner, zulu);
    String alphaId = create(api, owner, simple("Alpha"));

    Api.Reply list = api.get("/api/v1/schedules", api.addMember(owner, "viewer"));

    assertThat(list.status()).isEqualTo(200);
    JsonNode items = list.body().path("items");
    assertThat(List.of(items.get(0).path("id").asText(), items.get(1).path("id").asText()))
        .containsExactly(alphaId, zuluId);
    assertThat(items).hasSize(2);
    assertThat(items.get(0).path("timeZone").asText()).isEqualTo("UTC");
    assertThat(items.get(0).path("team").isNull()).isTrue();
    assertThat(items.get(1).path("team").path("name").asText()).isEqualTo("Support");
  }

  @Test
  void patchRenamesAndMovesTheScheduleToAnotherZoneAndTeam() {
    String id = create(api, owner, simple("Primary"));
    String team = api.createTeam(owner, "Identity", "engineering");

    Api.Reply patched =
        api.patch(
            path(id),
            Map.of("name", " Identity Primary ", "timeZone", "Europe/Berlin", "teamId", team),
            owner);

    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(patched.body().path("name").asText()).isEqualTo("Identity Primary");
    assertThat(patched.body().path("timeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(patched.body().path("team").path("id").asText()).isEqualTo(team);
    assertThat(patched.body().path("layers")).hasSize(1);
    JsonNode fetched = api.get(path(id), owner).body();
    assertThat(fetched.path("name").asText()).isEqualTo("Identity Primary");
    assertThat(fetched.path("timeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(fetched.path("team").path("name").asText()).isEqualTo("Identity");
    assertThat(
            shiftsBody(api, owner, id, at("2027-01-04T00:00Z"), at("2027-01-05T00:00Z"))
                .path("timeZone")
                .asText())
        .isEqualTo("Europe/Berlin");
  }

  @Test
  void scheduleNamesAreUniqueIgnoringCaseOnCreateAndRename() {
    create(api, owner, simple("Payments Primary"));
    String other = create(api, owner, simple("Identity Primary"));

    Api.Reply duplicate = api.post("/api/v1/schedules", simple("PAYMENTS primary"), owner);
    Api.Reply rename = api.patch(path(other), Map.of("name", "payments PRIMARY"), owner);

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.errorCode()).isEqualTo("conflict");
    assertThat(rename.status()).isEqualTo(409);
    assertThat(rename.errorCode()).isEqualTo("conflict");
    assertThat(api.get(path(other), owner).body().path("name").asText())
        .isEqualTo("Identity Primary");
    assertThat(api.get("/api/v1/schedules", owner).body().path("items")).hasSize(2);
  }

  @Test
  void deletingAScheduleRemovesItAndItsShifts() {
    String id = create(api, owner, simple("Primary"));

    Api.Reply deleted = api.delete(path(id), owner);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(api.get(path(id), owner).status()).isEqualTo(404);
    assertThat(
            shiftsReply(api, owner, id, at("2027-01-04T00:00Z"), at("2027-01-05T00:00Z")).status())
        .isEqualTo(404);
    assertThat(api.get("/api/v1/schedules", owner).body().path("items")).isEmpty();
    assertThat(api.delete(path(id), owner).status()).isEqualTo(404);
  }

  @Test
  void onlyOwnersAndAdminsChangeSchedules() {
    Api.Login responder = api.addMember(owner, "responder");
    String id = create(api, owner, simple("Primary"));

    assertThat(api.post("/api/v1/schedules", simple("Mine"), responder).status()).isEqualTo(403);
    assertThat(api.patch(path(id), Map.of("name", "Mine"), responder).status()).isEqualTo(403);
    assertThat(api.delete(path(id), responder).status()).isEqualTo(403);
    Api.Login admin = api.addMember(owner, "admin");
    assertThat(api.patch(path(id), Map.of("name", "Renamed"), admin).status()).isEqualTo(200);
  }

  @Test
  void anAddedLayerGoesOnTopAndWinsWhereItHasSomeone() {
    String id =
        create(
            api,
            owner,
            schedule(
                "Primary",
                "UTC",
                layer("Base", at("2027-01-04T00:00Z"), hours(24), List.of(alice))));

    Api.Reply added =
        api.post(
            path(id) + "/layers",
            layer(
                "Wednesdays",
                at("2027-01-04T00:00Z"),
                weeks(1),
                List.of(bob),
                List.of(window("WEDNESDAY", "00:00", "THURSDAY", "00:00"))),
            owner);

    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    JsonNode layers = added.body().path("layers");
    assertThat(layers.findValuesAsText("name")).containsExactly("Base", "Wednesdays");
    assertThat(layers.get(1).path("position").asInt()).isEqualTo(1);
    JsonNode answer = shiftsBody(api, owner, id, at("2027-01-04T00:00Z"), at("2027-01-11T00:00Z"));
    assertThat(shiftList(answer.path("shifts")))
        .containsExactly(
            shift(alice, "2027-01-04T00:00Z", "2027-01-06T00:00Z"),
            shift(bob, "2027-01-06T00:00Z", "2027-01-07T00:00Z"),
            shift(alice, "2027-01-07T00:00Z", "2027-01-11T00:00Z"));
    assertThat(answer.path("gaps")).isEmpty();
    assertThat(answer.path("layers").findValuesAsText("name"))
        .containsExactly("Base", "Wednesdays");
    assertThat(shiftList(answer.path("layers").get(1).path("shifts")))
        .containsExactly(shift(bob, "2027-01-06T00:00Z", "2027-01-07T00:00Z"));
    assertThat(answer.path("users").path(bob).path("name").asText()).isNotBlank();
  }

  @Test
  void editingALayerFromAFutureInstantKeepsTheHistoryAndAppliesTheNewVersionAfterwards() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Instant start = now.minus(Duration.ofDays(10));
    Instant editFrom = now.plus(Duration.ofDays(2)).plus(Duration.ofHours(5));
    String id =
        create(
            api,
            owner,
            schedule("Primary", "UTC", layer("Primary", start, hours(24), List.of(alice, bob))));
    String layerId = api.get(path(id), owner).body().path("layers").get(0).path("id").asText();
    List<ApiShift> before = shifts(api, owner, id, start, editFrom);

    Api.Reply edited =
        api.put(
            path(id) + "/layers/" + layerId,
            layer("Primary v2", editFrom, hours(12), List.of(carol, alice)),
            owner);

    assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
    assertThat(shifts(api, owner, id, start, editFrom)).isEqualTo(before);
    assertThat(before.get(before.size() - 1).end()).isEqualTo(editFrom);
    List<ApiShift> after =
        shifts(
            api, owner, id, editFrom.minus(Duration.ofHours(1)), editFrom.plus(Duration.ofDays(1)));
    ApiShift cut = before.get(before.size() - 1);
    assertThat(after)
        .containsExactly(
            shift(cut.userId(), editFrom.minus(Duration.ofHours(1)), editFrom),
            shift(carol, editFrom, editFrom.plus(Duration.ofHours(12))),
            shift(alice, editFrom.plus(Duration.ofHours(12)), editFrom.plus(Duration.ofDays(1))));
    JsonNode layers = edited.body().path("layers");
    assertThat(layers).hasSize(2);
    JsonNode old = layers.get(0);
    JsonNode replacement = layers.get(1);
    assertThat(old.path("id").asText()).isEqualTo(layerId);
    assertThat(Instant.parse(old.path("end").asText())).isEqualTo(editFrom);
    assertThat(replacement.path("name").asText()).isEqualTo("Primary v2");
    assertThat(replacement.path("replacesId").asText()).isEqualTo(layerId);
    assertThat(replacement.path("position").asInt()).isEqualTo(old.path("position").asInt());
    assertThat(Instant.parse(replacement.path("start").asText())).isEqualTo(editFrom);
    assertThat(replacement.path("turn").path("count").asInt()).isEqualTo(12);
  }

  @Test
  void historyShowsEndedVersionsWithTheVersionTheyReplaced() {
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
    String id =
        create(
            api,
            owner,
            schedule("Primary", "UTC", layer("Primary", start, hours(24), List.of(alice, bob))));
    String layerId = api.get(path(id), owner).body().path("layers").get(0).path("id").asText();

    Api.Reply edited =
        api.put(
            path(id) + "/layers/" + layerId,
            layer("Primary", null, hours(8), List.of(bob, carol)),
            owner);

    assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
    JsonNode current = api.get(path(id), owner).body().path("layers");
    assertThat(current).hasSize(1);
    String newId = current.get(0).path("id").asText();
    assertThat(newId).isNotEqualTo(layerId);
    assertThat(current.get(0).path("replacesId").asText()).isEqualTo(layerId);
    JsonNode history = api.get(path(id) + "?history=true", owner).body().path("layers");
    assertThat(history.findValuesAsText("id")).containsExactlyInAnyOrder(layerId, newId);
    JsonNode ended = history.get(history.get(0).path("id").asText().equals(layerId) ? 0 : 1);
    assertThat(ended.path("end").isNull()).isFalse();
    assertThat(Instant.parse(ended.path("end").asText()))
        .isEqualTo(Instant.parse(current.get(0).path("start").asText()));
    assertThat(ended.path("turn").path("count").asInt()).isEqualTo(24);
  }

  @Test
  void endingALayerStopsItFromNowAndKeepsItsPast() {
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
    String id =
        create(
            api,
            owner,
            schedule(
                "Primary",
                "UTC",
                layer("Base", start, hours(24), List.of(alice)),
                layer("Top", start, hours(24), List.of(bob))));
    String top = api.get(path(id), owner).body().path("layers").get(1).path("id").asText();
    Instant beforeEnd = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<ApiShift> past = shifts(api, owner, id, start, beforeEnd);

    Api.Reply ended = api.delete(path(id) + "/layers/" + top, owner);

    assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
    assertThat(ended.body().path("layers").findValuesAsText("name")).containsExactly("Base");
    assertThat(past).containsExactly(shift(bob, start, beforeEnd));
    assertThat(shifts(api, owner, id, start, beforeEnd)).isEqualTo(past);
    Instant later = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
    assertThat(shifts(api, owner, id, later, later.plus(Duration.ofDays(1))))
        .containsExactly(shift(alice, later, later.plus(Duration.ofDays(1))));
    JsonNode history = api.get(path(id) + "?history=true", owner).body().path("layers");
    assertThat(history.findValuesAsText("name")).containsExactlyInAnyOrder("Base", "Top");
    assertThat(api.delete(path(id) + "/layers/" + top, owner).status()).isEqualTo(409);
  }

  @Test
  void anotherOrganizationCannotSeeOrChangeTheSchedule() {
    String id = create(api, owner, simple("Primary"));
    Api.Login stranger = api.signup("Other Corp");

    assertThat(api.get(path(id), stranger).status()).isEqualTo(404);
    assertThat(
            shiftsReply(api, stranger, id, at("2027-01-04T00:00Z"), at("2027-01-05T00:00Z"))
                .status())
        .isEqualTo(404);
    assertThat(api.get(path(id) + "/oncall?at=2027-01-04T12:00:00Z", stranger).status())
        .isEqualTo(404);
    assertThat(api.patch(path(id), Map.of("name", "Mine"), stranger).status()).isEqualTo(404);
    assertThat(
            api.post(
                    path(id) + "/overrides",
                    override(stranger.userId(), at("2027-01-05T08:00Z"), at("2027-01-05T12:00Z")),
                    stranger)
                .status())
        .isEqualTo(404);
    assertThat(api.get("/api/v1/oncall", stranger).body().path("items")).isEmpty();
    assertThat(api.get(path(id), owner).body().path("name").asText()).isEqualTo("Primary");
  }

  // --- validation ---

  @Test
  void anUnknownTimeZoneIsRejectedNamingTheField() {
    Map<String, Object> body = simple("Primary");
    body.put("timeZone", "Mars/Olympus_Mons");

    Api.Reply rejected = api.post("/api/v1/schedules", body, owner);
    String id = create(api, owner, simple("Primary"));
    Api.Reply patch = api.patch(path(id), Map.of("timeZone", "EST5EDT-ish"), owner);

    assertThat(rejected.status()).isEqualTo(422);
    assertThat(rejected.errorCode()).isEqualTo("validation_failed");
    assertThat(errorFields(rejected)).containsExactly("timeZone");
    assertThat(patch.status()).isEqualTo(422);
    assertThat(errorFields(patch)).containsExactly("timeZone");
    assertThat(api.get(path(id), owner).body().path("timeZone").asText()).isEqualTo("UTC");
  }

  @Test
  void aLayerWithoutParticipantsIsRejected() {
    Api.Reply rejected =
        api.post(
            "/api/v1/schedules",
            schedule(
                "Primary", "UTC", layer("Primary", at("2027-01-04T00:00Z"), hours(24), List.of())),
            owner);

    assertThat(rejected.status()).isEqualTo(422);
    assertThat(errorFields(rejected)).containsExactly("layers[0].participants");
    assertThat(api.get("/api/v1/schedules", owner).body().path("items")).isEmpty();
  }

  @Test
  void aTurnCountOfZeroOrNoneIsRejected() {
    Api.Reply zero =
        api.post(
            "/api/v1/schedules",
            schedule(
                "Primary",
                "UTC",
                layer("Primary", at("2027-01-04T00:00Z"), days(0), List.of(alice))),
            owner);
    Api.Reply missing =
        api.post(
            "/api/v1/schedules",
            schedule(
                "Primary",
                "UTC",
                layer("Ok", at("2027-01-04T00:00Z"), hours(8), List.of(alice)),
                layer("Primary", at("2027-01-04T00:00Z"), turn("weeks", null), List.of(alice))),
            owner);

    assertThat(zero.status()).isEqualTo(422);
    assertThat(errorFields(zero)).containsExactly("layers[0].turn.count");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(errorFields(missing)).containsExactly("layers[1].turn.count");
    assertThat(api.get("/api/v1/schedules", owner).body().path("items")).isEmpty();
  }

  @Test
  void aWeeklyTurnNeedsItsDayAndTime() {
    Api.Reply noDay =
        api.post(
            "/api/v1/schedules",
            schedule(
                "Primary",
                "UTC",
                layer("Primary", at("2027-01-04T00:00Z"), weekly(null, "09:00"), List.of(alice))),
            owner);
    Api.Reply noTime =
        api.post(
            "/api/v1/schedules",
            schedule(
                "Primary",
                "UTC",
                layer("Primary", at("2027-01-04T00:00Z"), weekly("MONDAY", null), List.of(alice))),
            owner);

    assertThat(noDay.status()).isEqualTo(422);
    assertThat(errorFields(noDay)).containsExactly("layers[0].turn.day");
    assertThat(noTime.status()).isEqualTo(422);
    assertThat(errorFields(noTime)).containsExactly("layers[0].turn.time");
  }

  @Test
  void aRestrictionWindowEndingWhereItStartsIsRejected() {
    Api.Reply rejected =
        api.post(
            "/api/v1/schedules",
            schedule(
                "Primary",
                "UTC",
                layer(
                    "Primary",
                    at("2027-01-04T00:00Z"),
                    hours(24),
                    List.of(alice),
                    List.of(
                        window("MONDAY", "18:00", "TUESDAY", "09:00"),
                        window("FRIDAY", "18:00", "FRIDAY", "18:00")))),
            owner);

    assertThat(rejected.status()).isEqualTo(422);
    assertThat(errorFields(rejected)).containsExactly("layers[0].restrictions[1].end");
    assertThat(api.get("/api/v1/schedules", owner).body().path("items")).isEmpty();
  }

  @Test
  void aParticipantFromAnotherOrganizationIsRejectedByPosition() {
    Api.Login stranger = api.signup("Other Corp");

    Api.Reply rejected =
        api.post(
            "/api/v1/schedules",
            schedule(
                "Primary",
                "UTC",
                layer(
                    "Primary",
                    at("2027-01-04T00:00Z"),
                    hours(24),
                    List.of(alice, stranger.userId(), bob))),
            owner);
    String id = create(api, owner, simple("Mine"));
    Api.Reply addedLayer =
        api.post(
            path(id) + "/layers",
            layer("Top", at("2027-01-04T00:00Z"), hours(8), List.of(stranger.userId())),
            owner);

    assertThat(rejected.status()).isEqualTo(422);
    assertThat(errorFields(rejected)).containsExactly("layers[0].participants[1]");
    assertThat(addedLayer.status()).isEqualTo(422);
    assertThat(errorFields(addedLayer)).containsExactly("participants[0]");
    assertThat(api.get(path(id), owner).body().path("layers")).hasSize(1);
    assertThat(api.get("/api/v1/schedules", stranger).body().path("items")).isEmpty();
  }

  @Test
  void editingALayerFromThePastIsRejected() {
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
    String id =
        create(
            api,
            owner,
            schedule("Primary", "UTC", layer("Primary", start, hours(24), List.of(alice, bob))));
    String layerId = api.get(path(id), owner).body().path("layers").get(0).path("id").asText();
    List<ApiShift> before = shifts(api, owner, id, start, start.plus(Duration.ofDays(5)));

    Api.Reply rejected =
        api.put(
            path(id) + "/layers/" + layerId,
            layer("Primary", start.plus(Duration.ofDays(1)), hours(24), List.of(carol)),
            owner);

    assertThat(rejected.status()).isEqualTo(422);
    assertThat(errorFields(rejected)).containsExactly("start");
    assertThat(shifts(api, owner, id, start, start.plus(Duration.ofDays(5)))).isEqualTo(before);
    assertThat(api.get(path(id) + "?history=true", owner).body().path("layers")).hasSize(1);
  }

  @Test
  void anOverrideEndingBeforeItStartsIsRejected() {
    String id = create(api, owner, simple("Primary"));

    Api.Reply rejected =
        api.post(
            path(id) + "/overrides",
            override(carol, at("2027-01-05T12:00Z"), at("2027-01-05T08:00Z")),
            owner);
    Api.Reply empty =
        api.post(
            path(id) + "/overrides",
            override(carol, at("2027-01-05T12:00Z"), at("2027-01-05T12:00Z")),
            owner);

    assertThat(rejected.status()).isEqualTo(422);
    assertThat(errorFields(rejected)).containsExactly("end");
    assertThat(empty.status()).isEqualTo(422);
    assertThat(
            api.get(
                    path(id) + "/overrides?from=2027-01-01T00:00:00Z&to=2027-01-31T00:00:00Z",
                    owner)
                .body()
                .path("items"))
        .isEmpty();
  }

  @Test
  void anOverrideForAnotherOrganizationsUserIsRejected() {
    Api.Login stranger = api.signup("Other Corp");
    String id = create(api, owner, simple("Primary"));

    Api.Reply rejected =
        api.post(
            path(id) + "/overrides",
            override(stranger.userId(), at("2027-01-05T08:00Z"), at("2027-01-05T12:00Z")),
            owner);

    assertThat(rejected.status()).isEqualTo(422);
    assertThat(errorFields(rejected)).containsExactly("userId");
    assertThat(shifts(api, owner, id, at("2027-01-05T00:00Z"), at("2027-01-06T00:00Z")))
        .extracting(ApiShift::userId)
        .doesNotContain(stranger.userId());
  }

  @Test
  void aShiftsWindowMustGoForwardAndSpanAtMost366Days() {
    String id = create(api, owner, simple("Primary"));

    Api.Reply backwards =
        shiftsReply(api, owner, id, at("2027-01-05T00:00Z"), at("2027-01-04T00:00Z"));
    Api.Reply empty = shiftsReply(api, owner, id, at("2027-01-05T00:00Z"), at("2027-01-05T00:00Z"));
    Api.Reply tooLong =
        shiftsReply(api, owner, id, at("2027-01-05T00:00Z"), at("2028-01-06T00:00:01Z"));
    Api.Reply longest =
        shiftsReply(api, owner, id, at("2027-01-05T00:00Z"), at("2028-01-06T00:00Z"));

    for (Api.Reply reply : List.of(backwards, empty, tooLong)) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
      assertThat(reply.errorCode()).isEqualTo("invalid_parameter");
      assertThat(errorFields(reply)).containsExactly("to");
    }
    assertThat(longest.status()).isEqualTo(200);
  }

  @Test
  void aMalformedInstantIsABadRequestNamingTheParameter() {
    String id = create(api, owner, simple("Primary"));
    List<Api.Reply> replies = new ArrayList<>();

    replies.add(api.get(path(id) + "/oncall?at=yesterday", owner));
    replies.add(api.get(path(id) + "/oncall?at=2027-01-05T00:00", owner));
    replies.add(api.get("/api/v1/oncall?at=2027-13-45T00:00:00Z", owner));
    Api.Reply from = api.get(path(id) + "/shifts?from=soon&to=2027-01-05T00:00:00Z", owner);

    for (Api.Reply reply : replies) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
      assertThat(reply.errorCode()).isEqualTo("invalid_parameter");
      assertThat(errorFields(reply)).containsExactly("at");
    }
    assertThat(from.status()).isEqualTo(400);
    assertThat(errorFields(from)).containsExactly("from");
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
