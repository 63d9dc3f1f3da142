package com.switchboard.integration.inbound;

import java.util.Locale;

/** How an email integration makes dedup keys: one alert per email, or one per subject. */
enum EmailGrouping {
  MESSAGE,
  SUBJECT;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static EmailGrouping fromWire(String wire) {
    for (EmailGrouping grouping : values()) {
      if (grouping.wireName().equals(wire)) {
        return grouping;
      }
    }
    return null;
  }
}
