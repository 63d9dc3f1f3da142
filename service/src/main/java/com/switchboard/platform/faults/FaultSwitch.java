package com.switchboard.platform.faults;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For the fault harness ({@code ops/fault-harness.sh}) only: halts this JVM at named points with a
 * given probability, as {@code kill -9} would, so that a crash lands exactly between two steps.
 * Read once from the system property {@code switchboard.faults}, e.g. {@code
 * -Dswitchboard.faults=halt-after-claim:0.05,halt-after-send:0.05}; absent in normal runs, where
 * every point does nothing.
 */
public final class FaultSwitch {
  private static final Logger LOG = LoggerFactory.getLogger(FaultSwitch.class);
  public static final String PROPERTY = "switchboard.faults";

  private static final Map<String, Double> HALT_PROBABILITY =
      parse(System.getProperty(PROPERTY, ""));

  private FaultSwitch() {}

  /**
   * Halts the JVM (exit status 137, no shutdown hooks) with the probability set for {@code point}.
   */
  public static void point(String point) {
    Double probability = HALT_PROBABILITY.get(point);
    if (probability != null && ThreadLocalRandom.current().nextDouble() < probability) {
      LOG.error("fault injection: halting at {}", point);
      Runtime.getRuntime().halt(137);
    }
  }

  /** Logs the armed points at start-up, so a harness run shows them and a typo fails early. */
  public static void announce() {
    if (!HALT_PROBABILITY.isEmpty()) {
      LOG.warn("fault injection is armed: {}", HALT_PROBABILITY);
    }
  }

  static Map<String, Double> parse(String spec) {
    Map<String, Double> points = new HashMap<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.trim().split(":");
      double probability;
      try {
        probability = parts.length == 2 ? Double.parseDouble(parts[1]) : Double.NaN;
      } catch (NumberFormatException e) {
        probability = Double.NaN;
      }
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException(
            PROPERTY + ": expected point:probability (0..1), got '" + entry + "'");
      }
      points.put(parts[0], probability);
    }
    return Map.copyOf(points);
  }
}
