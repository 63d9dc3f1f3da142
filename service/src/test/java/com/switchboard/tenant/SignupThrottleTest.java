package com.switchboard.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.SwitchboardConfiguration;
import com.switchboard.testing.Api;
import com.switchboard.testing.Concurrently;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signups are limited per client address and per email, in PostgreSQL. Runs its own instance with
 * the default limits (5 per address, 3 per email, per hour) behind forwarded headers.
 */
class SignupThrottleTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static DropwizardTestSupport<SwitchboardConfiguration> app;

  @BeforeAll
  static void start() {
    app =
        TestApp.start(
            ConfigOverride.config("auth.signupsPerAddress", "5"),
            ConfigOverride.config("auth.signupsPerEmail", "3"),
            ConfigOverride.config("auth.signupWindow", "1h"),
            ConfigOverride.config("server.applicationConnectors[0].useForwardedHeaders", "true"));
  }

  @AfterAll
  static void stop() {
    app.after();
  }

  @BeforeEach
  void clean() {
    TestDatabase.get().truncateAll();
  }

  @Test
  void anAddressMaySignUpFiveOrganizationsAnHour() throws Exception {
    for (int n = 1; n <= 5; n++) {
      assertThat(signup("198.51.100.1", unique("a") + "@example.test", unique("org")).statusCode())
          .as("signup %d", n)
          .isEqualTo(201);
    }

    HttpResponse<String> refused = signup("198.51.100.1", "late@example.test", unique("org"));

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(JSON.readTree(refused.body()).path("error").path("code").asText())
        .isEqualTo("rate_limited");
    assertThat(JSON.readTree(refused.body()).path("error").path("message").asText())
        .contains("this address");
    assertThat(retryAfter(refused)).isBetween(3600L - 30, 3600L);
    assertThat(signup("198.51.100.2", "late@example.test", unique("org")).statusCode())
        .as("another address")
        .isEqualTo(201);
  }

  @Test
  void anEmailMaySignUpThreeOrganizationsAnHourFromAnyAddress() throws Exception {
    for (int n = 1; n <= 3; n++) {
      assertThat(signup("203.0.113." + n, "Pumper@Example.test", unique("org")).statusCode())
          .as("signup %d", n)
          .isEqualTo(201);
    }

    HttpResponse<String> refused = signup("203.0.113.9", "pumper@example.test", unique("org"));

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(JSON.readTree(refused.body()).path("error").path("message").asText())
        .contains("this email");
    assertThat(retryAfter(refused)).isBetween(3600L - 30, 3600L);
  }

  @Test
  void aSignupThatFailsDoesNotCount() throws Exception {
    String slug = unique("taken");
    assertThat(signup("192.0.2.1", unique("first") + "@example.test", slug).statusCode())
        .isEqualTo(201);
    for (int n = 1; n <= 5; n++) {
      assertThat(signup("192.0.2.1", "second@example.test", slug).statusCode()).isEqualTo(409);
    }

    assertThat(signup("192.0.2.1", "second@example.test", unique("free")).statusCode())
        .isEqualTo(201);
  }

  @Test
  void concurrentSignupsFromOneAddressCreateNoMoreThanTheLimit() throws Exception {
    List<Integer> statuses =
        Concurrently.run(
            10,
            n ->
                signup("198.51.100.77", unique("c") + "@example.test", unique("org")).statusCode());

    assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
    assertThat(statuses).filteredOn(s -> s == 429).hasSize(5);
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static HttpResponse<String> signup(String address, String email, String slug)
      throws IOException, InterruptedException {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "organization",
                "Org " + slug,
                "slug",
                slug,
                "name",
                "Owner",
                "email",
                email,
                "password",
                Api.PASSWORD));
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.getLocalPort() + "/api/v1/signup"))
            .header("Content-Type", "application/json")
            .header("X-Forwarded-For", address)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long retryAfter(HttpResponse<String> response) {
    return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
  }
}
