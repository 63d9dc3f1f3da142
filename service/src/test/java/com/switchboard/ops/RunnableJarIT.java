package com.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.tenant.DemoTenantLoader;
import com.switchboard.testing.Api;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts {@code target/switchboard.jar} exactly as the README does — no arguments, only environment
 * variables — and checks it serves on its own embedded PostgreSQL, keeps its data across a restart,
 * and says in the log where the data lives.
 */
class RunnableJarIT {
  private static final Path JAR = Path.of("target", "switchboard.jar");

  @TempDir Path workDirectory;
  private Process process;

  @AfterEach
  void stopJar() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void bareJarServesOnItsEmbeddedDatabaseAndKeepsDataAcrossRestarts() throws Exception {
    assertThat(JAR).as("run `mvn package` first").exists();
    Path data = workDirectory.resolve("data");
    int port = freePort();

    Path firstLog = start(port, data);
    Api api = new Api("http://localhost:" + port);
    Api.Login owner =
        api.login(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);
    assertThat(
            api.post(
                    "/api/v1/teams",
                    Map.of("name", "Made Before Restart", "kind", "support"),
                    owner)
                .status())
        .isEqualTo(201);
    assertThat(Files.readString(firstLog))
        .contains("its data lives in " + data.resolve("postgres").toAbsolutePath());
    assertThat(httpGet("http://localhost:" + port + "/").body()).contains("<html");

    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the jar stops on SIGTERM").isTrue();

    start(port, data);
    Api.Login again =
        api.login(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);
    assertThat(api.get("/api/v1/teams", again).raw()).contains("Made Before Restart");
  }

  private Path start(int port, Path data) throws IOException {
    Path log = Files.createTempFile(workDirectory, "switchboard", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder
        .environment()
        .putAll(
            Map.of(
                "PORT", Integer.toString(port),
                "ADMIN_PORT", Integer.toString(freePort()),
                "SWITCHBOARD_DATA", data.toString(),
                "SWITCHBOARD_DEMO", "true"));
    builder.environment().remove("DATABASE_URL");
    process = builder.start();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> httpGet("http://localhost:" + port + "/health").statusCode() == 200);
    return log;
  }

  private static HttpResponse<String> httpGet(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
