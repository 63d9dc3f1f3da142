package com.switchboard.integration.inbound;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What sends events through an inbound integration. Heartbeat and email integrations are stored and
 * keyed like the others; their receivers are built on this table separately.
 */
public enum IntegrationType {
  EVENTS_V2,
  ALERTMANAGER,
  GENERIC,
  HEARTBEAT,
  EMAIL;

  /** For validation messages: the accepted wire names. */
  public static final String WIRE_NAMES = "events_v2|alertmanager|generic|heartbeat|email";

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wireName();
  }

  public static Optional<IntegrationType> fromWire(String wire) {
    return Arrays.stream(values()).filter(t -> t.wireName().equals(wire)).findFirst();
  }
}
