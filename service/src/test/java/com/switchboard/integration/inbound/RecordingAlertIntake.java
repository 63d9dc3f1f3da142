package com.switchboard.integration.inbound;

import com.switchboard.alert.AlertEvent;
import com.switchboard.alert.AlertIntake;
import com.switchboard.alert.AlertSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link AlertIntake} that records what the integrations handed it, or refuses as an overloaded
 * intake does; the real intake is tested in the alert package.
 */
final class RecordingAlertIntake implements AlertIntake {
  record Call(AlertSource source, List<AlertEvent> events) {}

  private final List<Call> calls = new ArrayList<>();
  private Integer overloadedFor;

  @Override
  public synchronized CompletableFuture<Void> submit(AlertSource source, List<AlertEvent> events) {
    if (overloadedFor != null) {
      return CompletableFuture.failedFuture(new IntakeOverloadedException(overloadedFor));
    }
    calls.add(new Call(source, List.copyOf(events)));
    return CompletableFuture.completedFuture(null);
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The events handed in, in order. */
  synchronized List<AlertEvent> events() {
    return calls.stream().flatMap(call -> call.events().stream()).toList();
  }

  synchronized void overloaded(Integer retryAfterSeconds) {
    overloadedFor = retryAfterSeconds;
  }

  synchronized void clear() {
    calls.clear();
    overloadedFor = null;
  }
}
