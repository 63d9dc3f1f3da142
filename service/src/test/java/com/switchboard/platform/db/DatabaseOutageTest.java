package com.switchboard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.SwitchboardConfiguration;
import com.switchboard.testing.Api;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under a running node, then started again: meanwhile every request is a 503
 * with Retry-After in the JSON error shape (nothing answered 2xx that was not stored), {@code
 * /health} says the database is unreachable, and the node serves again on its own once the database
 * is back. A server of its own, so that the shared one stays up for the other tests.
 */
class DatabaseOutageTest {
  private Path dataDirectory;
  private int port;
  private EmbeddedPostgresServer server;
  private DropwizardTestSupport<SwitchboardConfiguration> node;

  @BeforeEach
  void start() throws IOException {
    dataDirectory = Files.createTempDirectory("switchboard-outage-pg");
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    server = EmbeddedPostgresServer.start(dataDirectory, port);
    node =
        TestApp.startOn(
            server.jdbcUrl(),
            EmbeddedPostgresServer.APP_ROLE,
            EmbeddedPostgresServer.APP_ROLE,
            ConfigOverride.config("database.maxWaitForConnection", "1s"));
  }

  @AfterEach
  void stop() throws IOException {
    if (node != null) {
      node.after();
    }
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void answers503WhileTheDatabaseIsDownAndRecoversAlone() throws IOException {
    assertThat(node.getConfiguration().getDataSourceFactory().getUrl())
        .as("the node runs on this test's own PostgreSQL")
        .isEqualTo(server.jdbcUrl());
    String base = "http://localhost:" + node.getLocalPort();
    Api api = new Api(base);
    Api.Login owner = api.signup("Outage");
    String team = api.createTeam(owner, "Payments", "engineering");
    String service = api.createService(owner, "Checkout", "", team);
    Paging paging = new Paging(api, owner);
    List<String> stored = new ArrayList<>();
    assertThat(paging.trigger(service, "before", "low", null).status()).isEqualTo(201);
    stored.add("before");

    server.stop();
    server = null;
    HttpResponse<String> health = health(base);

    List<Api.Reply> during = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String title = "during-" + i;
      Api.Reply reply = paging.trigger(service, title, "low", null);
      during.add(reply);
      if (reply.status() / 100 == 2) {
        stored.add(title);
      }
    }
    during.add(api.get("/api/v1/incidents", owner));
    during.add(api.post("/api/v1/teams", Map.of("name", "Ops", "kind", "engineering"), owner));

    server = EmbeddedPostgresServer.start(dataDirectory, port);

    for (Api.Reply reply : during) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
      assertThat(reply.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(reply.errorCode()).as(reply.toString()).isEqualTo("unavailable");
      assertThat(reply.raw()).doesNotContain("Exception").doesNotContain("at com.");
    }
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).contains("\"database\":\"unreachable\"");

    await()
        .alias("the node serves again once PostgreSQL is back")
        .atMost(Duration.ofSeconds(60))
        .until(() -> paging.trigger(service, "after", "low", null).status() == 201);
    stored.add("after");
    assertThat(health(base).statusCode()).isEqualTo(200);
    Api.Reply all = api.get("/api/v1/incidents", owner);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.body().path("items"))
        .extracting(i -> i.path("title").asText())
        .containsExactlyInAnyOrderElementsOf(stored);
  }

  private static HttpResponse<String> health(String base) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(base + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
