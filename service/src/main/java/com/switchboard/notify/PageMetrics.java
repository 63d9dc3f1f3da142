package com.switchboard.notify;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Counts pages by channel and outcome, as {@code switchboard.pages.<channel>.<outcome>}
 * (Prometheus: {@code switchboard_pages_sms_sent_total}): sent (the provider accepted it),
 * delivered (the provider reported it delivered), failed (refused, or reported undelivered),
 * suppressed (STOP, a deactivated person). Counted when the transaction that recorded the outcome
 * commits, on the node that recorded it; pages cancelled because the incident was handled are not
 * counted.
 */
public final class PageMetrics {
  /** The outcomes counted; their wire names end the metric names. */
  public enum Outcome {
    SENT,
    DELIVERED,
    FAILED,
    SUPPRESSED
  }

  private final Map<Channel, Map<Outcome, Counter>> counters = new EnumMap<>(Channel.class);

  public PageMetrics(MetricRegistry metrics) {
    for (Channel channel : Channel.values()) {
      Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
      for (Outcome outcome : Outcome.values()) {
        byOutcome.put(outcome, metrics.counter(name(channel, outcome)));
      }
      counters.put(channel, byOutcome);
    }
  }

  public static String name(Channel channel, Outcome outcome) {
    return "switchboard.pages."
        + channel.wireName()
        + "."
        + outcome.name().toLowerCase(Locale.ROOT);
  }

  /** Counts the outcome once {@code h}'s transaction commits. */
  void count(Handle h, Channel channel, Outcome outcome) {
    Counter counter = counters.get(channel).get(outcome);
    h.afterCommit(counter::inc);
  }
}
