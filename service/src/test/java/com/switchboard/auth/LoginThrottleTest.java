package com.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.SwitchboardConfiguration;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The failed-login limits live in PostgreSQL: two nodes on one database, failures counted on one
 * are enforced on the other. A stranger cannot lock the owner out: the per-account-and-address
 * limit stops them first, and a browser holding the account's device cookie is exempt from every
 * limit but its own. Client addresses come from X-Forwarded-For, as behind a load balancer.
 */
class LoginThrottleTest {
  private static final String ATTACKER = "198.51.100.7";
  private static final String OWNER_HOME = "203.0.113.20";
  private static final String WRONG = "not the password";

  private static DropwizardTestSupport<SwitchboardConfiguration> nodeA;
  private static DropwizardTestSupport<SwitchboardConfiguration> nodeB;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Api.Login owner;

  @BeforeAll
  static void startTwoNodes() {
    nodeA = TestApp.start(limits());
    nodeB = TestApp.start(limits());
  }

  /**
   * Fresh overrides per node: an override remembers the value it replaced and puts it back when its
   * node stops, so the nodes stop in reverse order and leave no setting behind for later tests.
   */
  private static ConfigOverride[] limits() {
    return new ConfigOverride[] {
      ConfigOverride.config("auth.failedLoginsPerClient", "3"),
      ConfigOverride.config("auth.failedLoginsPerAccount", "8"),
      ConfigOverride.config("auth.failedLoginsPerAddress", "100"),
      ConfigOverride.config("auth.failedLoginWindow", "15m"),
      ConfigOverride.config("server.applicationConnectors[0].useForwardedHeaders", "true")
    };
  }

  @AfterAll
  static void stopNodes() {
    nodeB.after();
    nodeA.after();
  }

  @BeforeEach
  void signUp() {
    TestDatabase.get().truncateAll();
    owner = new Api("http://localhost:" + nodeA.getLocalPort()).signup("Lockout");
  }

  @Test
  void failuresCountedOnOneNodeAreEnforcedOnTheOther() throws Exception {
    for (int n = 1; n <= 3; n++) {
      assertThat(login(nodeA, ATTACKER, WRONG, null).statusCode()).as("try %d", n).isEqualTo(401);
    }

    HttpResponse<String> limited = login(nodeB, ATTACKER, WRONG, null);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(JSON.readTree(limited.body()).path("error").path("code").asText())
        .isEqualTo("rate_limited");
    assertThat(retryAfter(limited)).isBetween(15 * 60L - 30, 15 * 60L);
  }

  @Test
  void theOwnerSignsInFromElsewhereWhileTheAttackerStaysThrottled() throws Exception {
    String device = deviceCookie(login(nodeA, OWNER_HOME, Api.PASSWORD, null));
    for (int n = 1; n <= 3; n++) {
      login(n % 2 == 0 ? nodeA : nodeB, ATTACKER, WRONG, null);
    }
    assertThat(login(nodeA, ATTACKER, Api.PASSWORD, null).statusCode())
        .as("even the right password from the attacker's address, without a device cookie")
        .isEqualTo(429);

    assertThat(login(nodeB, OWNER_HOME, Api.PASSWORD, null).statusCode())
        .as("the owner from another address")
        .isEqualTo(200);
    assertThat(login(nodeB, ATTACKER, Api.PASSWORD, device).statusCode())
        .as("the owner's browser with its device cookie, behind the attacker's address")
        .isEqualTo(200);

    HttpResponse<String> attacker = login(nodeA, ATTACKER, WRONG, null);
    assertThat(attacker.statusCode()).isEqualTo(429);
    assertThat(retryAfter(attacker)).isPositive();
  }

  @Test
  void whenManyAddressesSpendTheAccountLimitOnlyABrowserWithTheDeviceCookieGetsIn()
      throws Exception {
    String device = deviceCookie(login(nodeA, OWNER_HOME, Api.PASSWORD, null));
    for (int address = 1; address <= 3; address++) {
      for (int n = 1; n <= 3; n++) {
        login(nodeA, "198.51.100." + (10 + address), WRONG, null);
      }
    }

    HttpResponse<String> stranger = login(nodeB, "192.0.2.99", WRONG, null);
    HttpResponse<String> ownerWithoutCookie = login(nodeB, OWNER_HOME, Api.PASSWORD, null);
    HttpResponse<String> ownerWithCookie = login(nodeB, OWNER_HOME, Api.PASSWORD, device);

    assertThat(stranger.statusCode()).isEqualTo(429);
    assertThat(JSON.readTree(stranger.body()).path("error").path("message").asText())
        .contains("for this account");
    assertThat(ownerWithoutCookie.statusCode()).isEqualTo(429);
    assertThat(ownerWithCookie.statusCode()).isEqualTo(200);
  }

  @Test
  void aDeviceCookieIsBoundToItsAccountAndLimitedByItsOwnFailures() throws Exception {
    String device = deviceCookie(login(nodeA, OWNER_HOME, Api.PASSWORD, null));
    Api.Login other = new Api("http://localhost:" + nodeA.getLocalPort()).signup("Other");
    String othersDevice = deviceCookie(login(nodeA, other, ATTACKER, Api.PASSWORD, null));
    for (int n = 1; n <= 3; n++) {
      login(nodeA, ATTACKER, WRONG, null);
    }

    assertThat(login(nodeA, ATTACKER, Api.PASSWORD, othersDevice).statusCode())
        .as("another account's device cookie exempts nothing here")
        .isEqualTo(429);
    // The device id with its first character changed (a random id starts with "x" one time in 64).
    String forged = (device.startsWith("x") ? "y" : "x") + device.substring(1);
    assertThat(login(nodeA, ATTACKER, Api.PASSWORD, forged).statusCode())
        .as("nor does a forged one")
        .isEqualTo(429);
    for (int n = 1; n <= 3; n++) {
      assertThat(login(nodeB, OWNER_HOME, WRONG, device).statusCode()).isEqualTo(401);
    }
    assertThat(login(nodeB, OWNER_HOME, Api.PASSWORD, device).statusCode())
        .as("the device spent its own budget")
        .isEqualTo(429);
  }

  private HttpResponse<String> login(
      DropwizardTestSupport<SwitchboardConfiguration> node,
      String address,
      String password,
      String device)
      throws IOException, InterruptedException {
    return login(node, owner, address, password, device);
  }

  private static HttpResponse<String> login(
      DropwizardTestSupport<SwitchboardConfiguration> node,
      Api.Login account,
      String address,
      String password,
      String device)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + node.getLocalPort() + "/api/v1/session"))
            .header("Content-Type", "application/json")
            .header("X-Forwarded-For", address)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(
                        Map.of(
                            "tenant",
                            account.slug(),
                            "email",
                            account.email(),
                            "password",
                            password))));
    if (device != null) {
      request.header("Cookie", DeviceCookies.COOKIE + "=" + device);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String deviceCookie(HttpResponse<String> login) {
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String header =
        login.headers().allValues("Set-Cookie").stream()
            .filter(h -> h.startsWith(DeviceCookies.COOKIE + "="))
            .findFirst()
            .orElseThrow();
    assertThat(header).contains("HttpOnly").contains("Path=/api/v1/session");
    return header.substring(DeviceCookies.COOKIE.length() + 1, header.indexOf(';'));
  }

  private static long retryAfter(HttpResponse<String> response) {
    return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
  }
}
