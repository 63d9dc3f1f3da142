package com.switchboard.notify.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.notify.Channel;
import com.switchboard.notify.OutboundMessage;
import com.switchboard.notify.SendResult;
import com.switchboard.testing.ProviderStub;
import com.switchboard.testing.ProviderStub.RecordedRequest;
import io.dropwizard.util.Duration;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioSmsProviderTest {
  static final String SID = "AC" + "0123456789abcdef0123456789abcdef";
  static final String TOKEN = "test-auth-token";
  static final String FROM = "+15005550006";
  static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

  private ProviderStub stub;
  private TwilioSmsProvider provider;

  @BeforeEach
  void start() {
    stub = ProviderStub.started();
    provider = new TwilioSmsProvider(settings(stub.baseUrl()));
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  static TwilioSettings settings(String apiBaseUrl) {
    TwilioSettings settings = new TwilioSettings();
    settings.accountSid = SID;
    settings.authToken = TOKEN;
    settings.fromNumber = FROM;
    settings.apiBaseUrl = apiBaseUrl;
    settings.timeout = Duration.seconds(5);
    return settings;
  }

  static OutboundMessage sms(String text, URI statusCallback) {
    return new OutboundMessage(
        UUID.randomUUID(),
        "acme",
        Channel.SMS,
        "+15551230001",
        null,
        text,
        null,
        null,
        statusCallback);
  }

  @Test
  void postsTheMessageToTheAccountsMessagesResourceAndReturnsItsSid() {
    URI callback = URI.create("https://switchboard.example/hooks/twilio/sms?n=42&t=acme");

    SendResult result = provider.send(sms("CPU > 90% on db-1 & db-2 — ack with 1", callback));

    assertThat(result.outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
    assertThat(result.providerMessageId()).matches("SM[0-9a-f]{32}");
    assertThat(result.error()).isNull();
    List<RecordedRequest> requests = stub.requests();
    assertThat(requests).hasSize(1);
    RecordedRequest request = requests.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(MESSAGES);
    assertThat(request.header("Authorization")).isEqualTo(basicAuth(SID, TOKEN));
    assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(request.form("To")).isEqualTo("+15551230001");
    assertThat(request.form("From")).isEqualTo(FROM);
    assertThat(request.form("Body")).isEqualTo("CPU > 90% on db-1 & db-2 — ack with 1");
    assertThat(request.form("StatusCallback")).isEqualTo(callback.toString());
  }

  @Test
  void leavesOutTheStatusCallbackWhenNoneIsWanted() {
    SendResult result = provider.send(sms("disk full", null));

    assertThat(result.accepted()).isTrue();
    assertThat(stub.requestsTo(MESSAGES))
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.form()).containsOnlyKeys("To", "From", "Body");
            });
  }

  @Test
  void eachMessageGetsItsOwnSid() {
    SendResult first = provider.send(sms("one", null));
    SendResult second = provider.send(sms("two", null));

    assertThat(first.providerMessageId()).isNotEqualTo(second.providerMessageId());
    assertThat(stub.requestsTo(MESSAGES))
        .extracting(r -> r.form("Body"))
        .containsExactly("one", "two");
  }

  @Test
  void aProviderBuiltFromAClientSharesItAndSendsFromTheGivenNumber() {
    TwilioSmsProvider shared =
        new TwilioSmsProvider(TwilioClients.create(settings(stub.baseUrl())), "+15005550001");

    assertThat(shared.send(sms("hi", null)).accepted()).isTrue();
    assertThat(stub.requests().get(0).form("From")).isEqualTo("+15005550001");
    assertThat(shared.name()).isEqualTo("twilio");
  }

  static String basicAuth(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
