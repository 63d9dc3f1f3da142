package com.switchboard.integration.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.platform.errors.ValidationException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {
  /** Names resolve as this table says; anything else does not resolve. */
  private static final Map<String, String> DNS =
      Map.of(
          "hooks.example.test", "93.184.216.34",
          "rebound.example.test", "10.1.2.3",
          "metadata.example.test", "169.254.169.254",
          "v6.example.test", "2606:4700::1111",
          "ula.example.test", "fd12:3456::1");

  private final WebhookTargets strict = new WebhookTargets(false, WebhookTargetsTest::resolve);

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    String address = DNS.get(host);
    if (address == null) {
      // Literal addresses resolve to themselves, as InetAddress does without a lookup.
      if (host.matches("[0-9.]+") || host.startsWith("[")) {
        return new InetAddress[] {InetAddress.getByName(host)};
      }
      throw new UnknownHostException(host);
    }
    return new InetAddress[] {InetAddress.getByName(address)};
  }

  @Test
  void aPublicHttpsUrlIsAccepted() {
    assertThat(strict.check("https://hooks.example.test/switchboard?x=1").toString())
        .isEqualTo("https://hooks.example.test/switchboard?x=1");
    assertThat(strict.check("https://v6.example.test/")).isNotNull();
    assertThat(strict.refusal(URI.create("https://hooks.example.test/"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.0.0.1/hook",
        "https://[::1]/hook",
        "https://10.0.0.8/hook",
        "https://172.16.5.4/hook",
        "https://192.168.1.1/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://100.64.0.1/hook",
        "https://0.0.0.0/hook",
        "https://rebound.example.test/hook",
        "https://metadata.example.test/hook",
        "https://ula.example.test/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://unknown.example.test/hook",
      })
  void internalOrUnresolvableTargetsAreRefused(String url) {
    assertThatThrownBy(() -> strict.check(url))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("url ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://hooks.example.test/hook",
        "ftp://hooks.example.test/hook",
        "https://user:secret@hooks.example.test/",
        "https://hooks.example.test/#fragment",
        "hooks.example.test/hook",
        "",
      })
  void onlyHttpsWithoutCredentialsIsAccepted(String url) {
    assertThatThrownBy(() -> strict.check(url)).isInstanceOf(ValidationException.class);
  }

  @Test
  void aUrlLongerThanTheLimitIsRefused() {
    String url = "https://hooks.example.test/" + "a".repeat(WebhookTargets.MAX_URL_LENGTH);
    assertThatThrownBy(() -> strict.check(url)).isInstanceOf(ValidationException.class);
  }

  @Test
  void aNameThatResolvesInwardLaterIsRefusedAtSendTime() {
    Map<String, String> dns = new java.util.HashMap<>(Map.of("flip.example.test", "93.184.216.34"));
    WebhookTargets targets =
        new WebhookTargets(false, host -> new InetAddress[] {InetAddress.getByName(dns.get(host))});
    URI uri = targets.check("https://flip.example.test/hook");

    dns.put("flip.example.test", "127.0.0.1");

    assertThat(targets.refusal(uri))
        .hasValueSatisfying(reason -> assertThat(reason).contains("internal address (127.0.0.1)"));
  }

  @Test
  void allowingPrivateTargetsLetsLoopbackAndPlainHttpThrough() {
    WebhookTargets open = new WebhookTargets(true, WebhookTargetsTest::resolve);
    assertThat(open.check("http://127.0.0.1:8080/hook")).isNotNull();
    assertThat(open.refusal(URI.create("http://10.0.0.1/"))).isEmpty();
    assertThatThrownBy(() -> open.check("ftp://127.0.0.1/"))
        .isInstanceOf(ValidationException.class);
  }
}
