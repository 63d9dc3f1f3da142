package com.switchboard.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The product metrics as Prometheus scrapes them from the admin port: incident and page counters
 * move by exactly what the test did, and the cached gauges are exported.
 */
class ProductMetricsTest {
  private static final AtomicInteger ADDRESSES = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Api api = TestApp.api();

  @Test
  void countersMoveByWhatWasTriggeredAcknowledgedResolvedAndPaged() {
    Login owner = api.signup("Product Metrics");
    Paging paging = new Paging(api, owner);
    Login member = api.addMember(owner, "responder");
    // Email: SMS to one number are rate limited and bundled, which would make the count vary.
    String method =
        paging.verifiedMethod(
            member.userId(), "email", "metered" + ADDRESSES.incrementAndGet() + "@example.com");
    paging.rule(member.userId(), method, "high", 0);
    String policy = paging.policy("Metrics", 0, 30, List.of(List.of(Paging.user(member.userId()))));
    String service = paging.service("Metered", policy);
    Map<String, Double> before = scrape();

    String first = trigger(paging, service, "disk full");
    String second = trigger(paging, service, "queue backlog");
    trigger(paging, service, "cache misses");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> moved(before, scrape(), "switchboard_pages_email_sent_total") >= 3);
    assertThat(post("/api/v1/incidents/" + first + "/acknowledge", owner)).isEqualTo(200);
    assertThat(post("/api/v1/incidents/" + first + "/acknowledge", owner)).isEqualTo(200);
    assertThat(post("/api/v1/incidents/" + first + "/resolve", owner)).isEqualTo(200);
    assertThat(post("/api/v1/incidents/" + second + "/resolve", owner)).isEqualTo(200);

    Map<String, Double> after = scrape();
    assertThat(moved(before, after, "switchboard_incidents_triggered_total")).isEqualTo(3);
    assertThat(moved(before, after, "switchboard_incidents_acknowledged_total")).isEqualTo(1);
    assertThat(moved(before, after, "switchboard_incidents_resolved_total")).isEqualTo(2);
    assertThat(moved(before, after, "switchboard_pages_email_sent_total")).isEqualTo(3);
    assertThat(moved(before, after, "switchboard_pages_email_failed_total")).isEqualTo(0);
    assertThat(moved(before, after, "switchboard_pages_sms_sent_total")).isEqualTo(0);
    assertThat(moved(before, after, "switchboard_pages_voice_sent_total")).isEqualTo(0);
    assertThat(after)
        .containsKeys(
            "switchboard_pages_email_suppressed_total",
            "switchboard_pages_sms_delivered_total",
            "switchboard_quartz_lag_seconds",
            "switchboard_notify_queue_depth",
            "switchboard_notify_dispatch_queued",
            "switchboard_webhooks_deliveries_pending",
            "switchboard_webhooks_deliveries_failed_total");
    assertThat(after.get("switchboard_quartz_lag_seconds")).isGreaterThanOrEqualTo(0);
    assertThat(after.get("switchboard_notify_queue_depth")).isGreaterThanOrEqualTo(0);
    assertThat(after.get("switchboard_webhooks_deliveries_pending")).isGreaterThanOrEqualTo(0);
  }

  private String trigger(Paging paging, String service, String title) {
    Reply triggered = paging.trigger(service, title, "high", null);
    assertThat(triggered.status()).as(triggered.toString()).isEqualTo(201);
    return triggered.body().path("incident").path("id").asText();
  }

  private int post(String path, Login login) {
    return api.post(path, null, login).status();
  }

  private static double moved(Map<String, Double> before, Map<String, Double> after, String name) {
    assertThat(after).containsKey(name);
    return after.get(name) - before.getOrDefault(name, 0.0);
  }

  /** The unlabelled samples of the Prometheus text format: name → value. */
  private Map<String, Double> scrape() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://localhost:" + TestApp.shared().getAdminPort() + "/prometheus"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      Map<String, Double> samples = new java.util.HashMap<>();
      for (String line : response.body().split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] parts = line.split(" ");
        if (!parts[0].contains("{")) {
          samples.put(parts[0], Double.parseDouble(parts[1]));
        }
      }
      return samples;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
