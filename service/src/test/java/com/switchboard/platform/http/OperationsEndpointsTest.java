package com.switchboard.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class OperationsEndpointsTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void loadBalancerHealthAnswersOkOnTheMainPort() throws Exception {
    HttpResponse<String> health = get(TestApp.shared().getLocalPort(), "/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(new ObjectMapper().readTree(health.body()).path("status").asText()).isEqualTo("ok");
  }

  @Test
  void adminHealthChecksCoverTheDatabaseAndMigrations() throws Exception {
    HttpResponse<String> checks = get(TestApp.shared().getAdminPort(), "/healthcheck");

    assertThat(checks.statusCode()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(checks.body());
    assertThat(body.path("database").path("healthy").asBoolean()).isTrue();
    assertThat(body.path("migrations").path("healthy").asBoolean()).isTrue();
  }

  @Test
  void metricsAreServedInPrometheusTextFormat() throws Exception {
    new Api("http://localhost:" + TestApp.shared().getLocalPort()).signup("Metrics");

    HttpResponse<String> metrics = get(TestApp.shared().getAdminPort(), "/prometheus");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("# TYPE ")
        .contains("com_switchboard_tenant_SignupResource_signup");
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
