package com.switchboard.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies and readers for the full-application schedule tests. */
final class ScheduleApiSupport {
  private ScheduleApiSupport() {}

  /** One final or per-layer shift as the API reports it. */
  record ApiShift(String userId, Instant start, Instant end) {
    long hours() {
      return java.time.Duration.between(start, end).toHours();
    }
  }

  /** A gap as the API reports it. */
  record ApiRange(Instant start, Instant end) {}

  /** An instant written with its offset, e.g. {@code "2027-03-14T09:00-04:00"}. */
  static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  static Map<String, Object> hours(int count) {
    return turn("hours", count);
  }

  static Map<String, Object> days(int count) {
    return turn("days", count);
  }

  static Map<String, Object> weeks(int count) {
    return turn("weeks", count);
  }

  static Map<String, Object> turn(String kind, Integer count) {
    Map<String, Object> turn = new LinkedHashMap<>();
    turn.put("kind", kind);
    if (count != null) {
      turn.put("count", count);
    }
    return turn;
  }

  static Map<String, Object> weekly(String day, String time) {
    Map<String, Object> turn = new LinkedHashMap<>();
    turn.put("kind", "weekly");
    if (day != null) {
      turn.put("day", day);
    }
    if (time != null) {
      turn.put("time", time);
    }
    return turn;
  }

  static Map<String, Object> window(
      String startDay, String startTime, String endDay, String endTime) {
    return Map.of(
        "startDay", startDay, "startTime", startTime, "endDay", endDay, "endTime", endTime);
  }

  static Map<String, Object> layer(
      String name, Instant start, Map<String, Object> turn, List<String> participants) {
    return layer(name, start, turn, participants, List.of());
  }

  static Map<String, Object> layer(
      String name,
      Instant start,
      Map<String, Object> turn,
      List<String> participants,
      List<Map<String, Object>> restrictions) {
    Map<String, Object> layer = new LinkedHashMap<>();
    layer.put("name", name);
    if (start != null) {
      layer.put("start", start.toString());
    }
    layer.put("turn", turn);
    layer.put("participants", participants);
    layer.put("restrictions", restrictions);
    return layer;
  }

  @SafeVarargs
  static Map<String, Object> schedule(String name, String zone, Map<String, Object>... layers) {
    Map<String, Object> schedule = new LinkedHashMap<>();
    schedule.put("name", name);
    schedule.put("timeZone", zone);
    schedule.put("layers", Arrays.asList(layers));
    return schedule;
  }

  /** Creates the schedule and returns its id, failing the test if the API refuses. */
  static String create(Api api, Api.Auth admin, Map<String, Object> body) {
    Api.Reply reply = api.post("/api/v1/schedules", body, admin);
    assertThat(reply.status()).as("creating a schedule: %s", reply).isEqualTo(201);
    return reply.id();
  }

  static Map<String, Object> override(String userId, Instant start, Instant end) {
    return Map.of("userId", userId, "start", start.toString(), "end", end.toString());
  }

  /** Creates one override and returns its id. */
  static String addOverride(
      Api api, Api.Auth caller, String scheduleId, String userId, Instant start, Instant end) {
    Api.Reply reply =
        api.post(
            "/api/v1/schedules/" + scheduleId + "/overrides", override(userId, start, end), caller);
    assertThat(reply.status()).as("creating an override: %s", reply).isEqualTo(201);
    return reply.id();
  }

  static Api.Reply shiftsReply(
      Api api, Api.Auth caller, String scheduleId, Instant from, Instant to) {
    return api.get(
        "/api/v1/schedules/" + scheduleId + "/shifts?from=" + from + "&to=" + to, caller);
  }

  /** The whole shifts answer for {@code [from, to)}, which must be a 200. */
  static JsonNode shiftsBody(
      Api api, Api.Auth caller, String scheduleId, Instant from, Instant to) {
    Api.Reply reply = shiftsReply(api, caller, scheduleId, from, to);
    assertThat(reply.status()).as("shifts: %s", reply).isEqualTo(200);
    return reply.body();
  }

  /** The final (merged) shifts in {@code [from, to)}. */
  static List<ApiShift> shifts(
      Api api, Api.Auth caller, String scheduleId, Instant from, Instant to) {
    return shiftList(shiftsBody(api, caller, scheduleId, from, to).path("shifts"));
  }

  static List<ApiShift> shiftList(JsonNode array) {
    List<ApiShift> shifts = new ArrayList<>();
    for (JsonNode s : array) {
      shifts.add(
          new ApiShift(
              s.path("userId").asText(),
              Instant.parse(s.path("start").asText()),
              Instant.parse(s.path("end").asText())));
    }
    return shifts;
  }

  static List<ApiRange> rangeList(JsonNode array) {
    List<ApiRange> ranges = new ArrayList<>();
    for (JsonNode r : array) {
      ranges.add(
          new ApiRange(
              Instant.parse(r.path("start").asText()), Instant.parse(r.path("end").asText())));
    }
    return ranges;
  }

  static ApiShift shift(String userId, Instant start, Instant end) {
    return new ApiShift(userId, start, end);
  }

  static ApiShift shift(String userId, String start, String end) {
    return new ApiShift(userId, at(start), at(end));
  }

  /** The field names of a validation or parameter error. */
  static List<String> errorFields(Api.Reply reply) {
    List<String> fields = new ArrayList<>();
    for (JsonNode f : reply.body().path("error").path("fields")) {
      fields.add(f.path("field").asText());
    }
    return fields;
  }
}
