package com.switchboard.integration.inbound;

import com.fasterxml.jackson.annotation.JsonValue;
import com.switchboard.alert.AlertEvent.Severity;
import com.switchboard.paging.Urgency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A tenant's severity → urgency mapping, complete: a severity it does not set has the default. */
public final class SeverityUrgencies {
  private final Map<Severity, Urgency> bySeverity;

  private SeverityUrgencies(Map<Severity, Urgency> bySeverity) {
    this.bySeverity = bySeverity;
  }

  public static Urgency byDefault(Severity severity) {
    return severity == Severity.CRITICAL || severity == Severity.ERROR ? Urgency.HIGH : Urgency.LOW;
  }

  /** The defaults overridden by what the tenant set. */
  static SeverityUrgencies of(Map<Severity, Urgency> set) {
    Map<Severity, Urgency> all = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      all.put(severity, set.getOrDefault(severity, byDefault(severity)));
    }
    return new SeverityUrgencies(all);
  }

  public Urgency urgency(Severity severity) {
    return bySeverity.get(severity);
  }

  /** {@code {"critical":"high","error":"high","warning":"low","info":"low"}} */
  @JsonValue
  public Map<String, String> wire() {
    Map<String, String> wire = new LinkedHashMap<>();
    bySeverity.forEach((s, u) -> wire.put(wireName(s), u.wireName()));
    return wire;
  }

  static String wireName(Severity severity) {
    return severity.name().toLowerCase(Locale.ROOT);
  }
}
