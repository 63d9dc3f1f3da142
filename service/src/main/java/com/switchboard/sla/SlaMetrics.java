package com.switchboard.sla;

import java.util.List;

/** The clocks a ticket can have, by their wire names, and how people read them. */
final class SlaMetrics {
  static final String FIRST_RESPONSE = "first_response";
  static final String NEXT_RESPONSE = "next_response";
  static final String RESOLUTION = "resolution";
  static final List<String> ALL = List.of(FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION);

  private SlaMetrics() {}

  static String spoken(String metric) {
    return metric.replace('_', ' ');
  }
}
