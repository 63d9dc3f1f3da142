package com.switchboard.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.SwitchboardConfiguration;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoTenantTest {
  private DropwizardTestSupport<SwitchboardConfiguration> demoApp;
  private Api api;

  @BeforeEach
  void startWithDemo() {
    TestDatabase.get().truncateAll();
    demoApp = TestApp.start(ConfigOverride.config("demo", "true"));
    api = new Api("http://localhost:" + demoApp.getLocalPort());
  }

  @AfterEach
  void stop() {
    demoApp.after();
  }

  @Test
  void demoOwnerLogsInWithThePublishedPasswordAndSeesTheDemoData() {
    Api.Login owner =
        api.login(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);

    JsonNode checkout = api.get("/api/v1/services?q=checkout", owner).body().path("items");
    assertThat(checkout).hasSize(1);
    assertThat(checkout.get(0).path("name").asText()).isEqualTo("Checkout API");
    assertThat(checkout.get(0).path("team").path("name").asText()).isEqualTo("Payments");

    List<String> teams = names(api.get("/api/v1/teams", owner).body().path("items"));
    assertThat(teams).contains("Payments", "Premium Support");
    JsonNode support =
        StreamSupport.stream(
                api.get("/api/v1/teams", owner).body().path("items").spliterator(), false)
            .filter(team -> team.path("name").asText().equals("Premium Support"))
            .findFirst()
            .orElseThrow();
    assertThat(support.path("kind").asText()).isEqualTo("support");

    List<String> roles =
        StreamSupport.stream(
                api.get("/api/v1/users", owner).body().path("items").spliterator(), false)
            .map(user -> user.path("role").asText())
            .toList();
    assertThat(roles).contains("owner", "responder", "agent");

    Api.Login engineer =
        api.login(DemoTenantLoader.SLUG, "alice@demo.test", DemoTenantLoader.PASSWORD);
    assertThat(api.get("/api/v1/session", engineer).body().path("user").path("role").asText())
        .isEqualTo("responder");
  }

  @Test
  void restartingWithTheDemoFlagKeepsTheExistingDemoTenant() {
    Api.Login owner =
        api.login(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);
    api.post(
        "/api/v1/teams", java.util.Map.of("name", "Added Later", "kind", "engineering"), owner);
    demoApp.after();

    demoApp = TestApp.start(ConfigOverride.config("demo", "true"));
    api = new Api("http://localhost:" + demoApp.getLocalPort());
    Api.Login again =
        api.login(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);

    assertThat(names(api.get("/api/v1/teams", again).body().path("items"))).contains("Added Later");
  }

  private static List<String> names(JsonNode items) {
    return StreamSupport.stream(items.spliterator(), false)
        .map(item -> item.path("name").asText())
        .toList();
  }
}
