package com.switchboard.notify.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How often one phone number may be texted: at most one SMS per {@code minInterval}, and at most
 * {@code burst} within any {@code window}. Pages held back by it are bundled into the next SMS.
 * Pure.
 */
public record SmsRateLimit(Duration minInterval, int burst, Duration window) {
  /** The earliest instant the number may be texted again, given its recent send times. */
  public Instant allowedAt(List<Instant> recent, Instant now) {
    Instant allowed = now;
    Instant latest = recent.stream().max(Instant::compareTo).orElse(null);
    if (latest != null && latest.plus(minInterval).isAfter(allowed)) {
      allowed = latest.plus(minInterval);
    }
    List<Instant> inWindow = inWindow(recent, now);
    if (inWindow.size() >= burst) {
      Instant oldest = inWindow.stream().min(Instant::compareTo).orElseThrow();
      Instant freed = oldest.plus(window);
      if (freed.isAfter(allowed)) {
        allowed = freed;
      }
    }
    return allowed;
  }

  /** The send times worth keeping after a send at {@code now}. */
  public List<Instant> afterSend(List<Instant> recent, Instant now) {
    List<Instant> kept = new ArrayList<>(inWindow(recent, now));
    kept.add(now);
    return kept;
  }

  private List<Instant> inWindow(List<Instant> recent, Instant now) {
    return recent.stream().filter(t -> t.plus(window).isAfter(now)).toList();
  }
}
