package com.switchboard.schedule;

import com.switchboard.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Readable users, instants and shift descriptions for the schedule tests. */
final class ScheduleFixtures {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

  private static final Map<UserId, String> NAMES = new HashMap<>();

  static final UserId ALICE = user("alice");
  static final UserId BOB = user("bob");
  static final UserId CAROL = user("carol");
  static final UserId DAVE = user("dave");
  static final UserId ERIN = user("erin");
  static final UserId ZOE = user("zoe");

  private ScheduleFixtures() {}

  static synchronized UserId user(String name) {
    UserId id = new UserId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    NAMES.put(id, name);
    return id;
  }

  static synchronized String nameOf(UserId id) {
    return NAMES.getOrDefault(id, id.toString());
  }

  /** An instant written with its offset, e.g. {@code "2024-03-10T03:30-04:00"}. */
  static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  static Layer layer(Turn turn, Instant start, UserId... participants) {
    return new Layer(LayerId.random(), "Layer", Arrays.asList(participants), start, turn);
  }

  static Schedule schedule(ZoneId zone, Layer... lowestFirst) {
    return new Schedule(ScheduleId.random(), "Schedule", zone, Arrays.asList(lowestFirst));
  }

  static ScheduleOverride override(UserId user, Instant start, Instant end, long sequence) {
    return new ScheduleOverride(OverrideId.random(), user, start, end, sequence);
  }

  /** "alice 2024-03-04T09:00-05:00 → 2024-03-11T09:00-04:00", in the given zone. */
  static List<String> describe(List<Shift> shifts, ZoneId zone) {
    List<String> out = new ArrayList<>(shifts.size());
    for (Shift s : shifts) {
      out.add(nameOf(s.user()) + " " + local(s.start(), zone) + " → " + local(s.end(), zone));
    }
    return out;
  }

  static List<String> describeGaps(List<TimeRange> gaps, ZoneId zone) {
    List<String> out = new ArrayList<>(gaps.size());
    for (TimeRange g : gaps) {
      out.add(local(g.start(), zone) + " → " + local(g.end(), zone));
    }
    return out;
  }

  static String local(Instant t, ZoneId zone) {
    return t.atZone(zone).toOffsetDateTime().toString();
  }

  static List<Duration> lengths(List<Shift> shifts) {
    List<Duration> out = new ArrayList<>(shifts.size());
    for (Shift s : shifts) {
      out.add(Duration.between(s.start(), s.end()));
    }
    return out;
  }
}
