package com.switchboard.alert;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.switchboard.alert.AlertEvent.Action;
import com.switchboard.alert.AlertEvent.Severity;
import com.switchboard.paging.Urgency;
import com.switchboard.tenant.TenantId;
import com.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Events as an integration hands them to the intake, and waits for the processor. */
final class AlertFixtures {
  private AlertFixtures() {}

  static AlertSource source(String tenantId, String serviceId) {
    return new AlertSource(
        new TenantId(UUID.fromString(tenantId)), UUID.fromString(serviceId), null, "events_v2");
  }

  static AlertEvent event(Action action, String dedupKey, String summary) {
    return new AlertEvent(
        action,
        dedupKey,
        summary,
        Severity.CRITICAL,
        Urgency.HIGH,
        "db-1.example.com",
        null,
        "postgres",
        "storage",
        "disk",
        JsonNodeFactory.instance.objectNode().put("free", "2%"),
        List.of(new AlertEvent.Link("https://grafana.example.com/d/1", "dashboard")),
        List.of(new AlertEvent.Image("https://grafana.example.com/r/1.png", null, "graph")),
        "Grafana",
        "https://grafana.example.com");
  }

  static AlertEvent trigger(String dedupKey) {
    return event(Action.TRIGGER, dedupKey, "disk almost full on " + dedupKey);
  }

  static List<AlertEvent> triggers(String prefix, int from, int count) {
    List<AlertEvent> events = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      events.add(trigger(prefix + i));
    }
    return events;
  }

  static long count(String tenantId, String tableAndCondition) {
    return TestDatabase.get().countInTenant(tenantId, tableAndCondition);
  }

  /** Waits until the processor has processed every event of the tenant. */
  static void awaitProcessed(String tenantId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> count(tenantId, "alert_events WHERE processed_at IS NULL") == 0);
  }
}
