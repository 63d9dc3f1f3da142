package com.switchboard.integration.inbound;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per integration, in this node's memory: a minute's worth of events may come at
 * once, then they refill evenly. Cheap enough for every event; not shared between nodes.
 */
final class EventRateLimiter {
  private final double perMinute;
  private final Clock clock;
  private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long refilledAtMillis;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAtMillis = now;
    }
  }

  EventRateLimiter(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** Takes one event's token; when none is left, the whole seconds until one is. */
  OptionalLong take(UUID integrationId) {
    long now = clock.millis();
    Bucket bucket = buckets.computeIfAbsent(integrationId, id -> new Bucket(perMinute, now));
    synchronized (bucket) {
      long elapsed = Math.max(0, now - bucket.refilledAtMillis);
      bucket.tokens = Math.min(perMinute, bucket.tokens + elapsed * perMinute / 60_000.0);
      bucket.refilledAtMillis = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return OptionalLong.empty();
      }
      double millisPerToken = 60_000.0 / perMinute;
      long wait = (long) Math.ceil((1 - bucket.tokens) * millisPerToken / 1000.0);
      return OptionalLong.of(Math.max(1, wait));
    }
  }
}
