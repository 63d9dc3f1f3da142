package com.switchboard.notify.twilio;

import static com.switchboard.notify.twilio.TwilioSmsProviderTest.FROM;
import static com.switchboard.notify.twilio.TwilioSmsProviderTest.SID;
import static com.switchboard.notify.twilio.TwilioSmsProviderTest.TOKEN;
import static com.switchboard.notify.twilio.TwilioSmsProviderTest.basicAuth;
import static com.switchboard.notify.twilio.TwilioSmsProviderTest.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.notify.Channel;
import com.switchboard.notify.OutboundMessage;
import com.switchboard.notify.SendResult;
import com.switchboard.testing.ProviderStub;
import com.switchboard.testing.ProviderStub.RecordedRequest;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioVoiceProviderTest {
  static final String CALLS = "/2010-04-01/Accounts/" + SID + "/Calls.json";
  static final URI TWIML = URI.create("https://switchboard.example/hooks/twilio/voice/n-42");

  private ProviderStub stub;
  private TwilioVoiceProvider provider;

  @BeforeEach
  void start() {
    stub = ProviderStub.started();
    provider = new TwilioVoiceProvider(settings(stub.baseUrl()));
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  static OutboundMessage call(URI voiceUrl, URI statusCallback) {
    return new OutboundMessage(
        UUID.randomUUID(),
        "acme",
        Channel.VOICE,
        "+15551230002",
        null,
        "Incident 42: database down",
        null,
        voiceUrl,
        statusCallback);
  }

  @Test
  void placesTheCallWithTheTwimlUrlAndReturnsTheCallSid() {
    URI callback = URI.create("https://switchboard.example/hooks/twilio/call-status?n=42");

    SendResult result = provider.send(call(TWIML, callback));

    assertThat(result.outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
    assertThat(result.providerMessageId()).matches("CA[0-9a-f]{32}");
    assertThat(stub.requests()).hasSize(1);
    RecordedRequest request = stub.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(CALLS);
    assertThat(request.header("Authorization")).isEqualTo(basicAuth(SID, TOKEN));
    assertThat(request.form("To")).isEqualTo("+15551230002");
    assertThat(request.form("From")).isEqualTo(FROM);
    assertThat(request.form("Url")).isEqualTo(TWIML.toString());
    assertThat(request.form("StatusCallback")).isEqualTo(callback.toString());
    assertThat(request.form("StatusCallbackMethod")).isEqualTo("POST");
    assertThat(request.formValues("StatusCallbackEvent")).containsExactly("answered", "completed");
  }

  @Test
  void leavesOutTheStatusCallbackWhenNoneIsWanted() {
    assertThat(provider.send(call(TWIML, null)).accepted()).isTrue();

    assertThat(stub.requestsTo(CALLS).get(0).form()).containsOnlyKeys("To", "From", "Url");
  }

  @Test
  void aCallWithoutAWebhookCarriesItsTextAsInlineTwiml() {
    SendResult result = provider.send(call(null, null));

    assertThat(result.outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
    RecordedRequest request = stub.requestsTo(CALLS).get(0);
    assertThat(request.form()).containsOnlyKeys("To", "From", "Twiml");
    assertThat(request.form("Twiml"))
        .startsWith("<?xml")
        .contains("<Response><Say>Incident 42: database down</Say></Response>");
    assertThat(provider.name()).isEqualTo("twilio");
  }

  @Test
  void theSpokenTextIsEscapedInsideTheTwiml() {
    OutboundMessage withMarkup =
        new OutboundMessage(
            UUID.randomUUID(),
            "acme",
            Channel.VOICE,
            "+15551230002",
            null,
            "Code <1 2> & done",
            null,
            null,
            null);

    assertThat(provider.send(withMarkup).accepted()).isTrue();

    assertThat(stub.requestsTo(CALLS).get(0).form("Twiml"))
        .contains("<Say>Code &lt;1 2&gt; &amp; done</Say>");
  }
}
