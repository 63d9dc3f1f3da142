package com.switchboard.integration.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.platform.db.ColumnTypes;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** A tenant's webhook endpoints and delivery log through the API, for the webhook tests. */
record WebhookEndpoints(Api api, Api.Login owner) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Tenant transactions on the test database, for publishing as a capability would. */
  static TenantDatabase tenantDatabase() {
    Jdbi jdbi = Jdbi.create(TestDatabase.get().dataSource());
    jdbi.installPlugin(new SqlObjectPlugin());
    jdbi.installPlugin(new PostgresPlugin());
    ColumnTypes.register(jdbi);
    return new TenantDatabase(jdbi);
  }

  JsonNode create(String url, List<String> events) {
    Api.Reply created = api.post("/api/v1/webhooks", Map.of("url", url, "events", events), owner);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.body();
  }

  List<JsonNode> deliveries(JsonNode endpoint) {
    Api.Reply list =
        api.get("/api/v1/webhooks/" + endpoint.path("id").asText() + "/deliveries", owner);
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    list.body().path("items").forEach(items::add);
    return items;
  }

  /** Waits until a delivery of the endpoint is in {@code state}, and returns it. */
  JsonNode awaitDelivery(JsonNode endpoint, Predicate<JsonNode> state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> deliveries(endpoint).stream().anyMatch(state));
    return deliveries(endpoint).stream().filter(state).findFirst().orElseThrow();
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
