package com.switchboard.bench;

import java.util.Arrays;
import java.util.Locale;

/** Durations in milliseconds and their nearest-rank percentiles. */
final class Samples {
  private double[] values = new double[64];
  private int size;

  void add(double millis) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = millis;
  }

  int size() {
    return size;
  }

  /** The nearest-rank percentile, {@code p} in (0, 100]; NaN when empty. */
  double percentile(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    double[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
  }

  double max() {
    return percentile(100);
  }

  /** {@code n, p50, p90, p99, max} as one fixed-width row. */
  String row() {
    return String.format(
        Locale.ROOT,
        "%7d %9s %9s %9s %9s",
        size,
        ms(percentile(50)),
        ms(percentile(90)),
        ms(percentile(99)),
        ms(max()));
  }

  static String header() {
    return String.format(Locale.ROOT, "%7s %9s %9s %9s %9s", "n", "p50", "p90", "p99", "max");
  }

  static String ms(double millis) {
    if (Double.isNaN(millis)) {
      return "-";
    }
    if (Math.abs(millis) >= 100) {
      return String.format(Locale.ROOT, "%.0f", millis);
    }
    return String.format(Locale.ROOT, "%.1f", millis);
  }
}
