package com.switchboard.user;

import com.switchboard.platform.errors.ValidationException;
import java.time.ZoneId;
import java.util.Set;

/** Accepts IANA region ids ("America/New_York", "UTC"), not offsets or abbreviations. */
public final class TimeZones {
  private static final Set<String> KNOWN = ZoneId.getAvailableZoneIds();

  private TimeZones() {}

  public static String require(String field, String zone) {
    if (zone == null || !KNOWN.contains(zone)) {
      throw new ValidationException(field, "must be an IANA time zone such as America/New_York");
    }
    return zone;
  }
}
