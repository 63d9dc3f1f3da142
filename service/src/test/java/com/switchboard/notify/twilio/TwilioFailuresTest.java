package com.switchboard.notify.twilio;

import static com.switchboard.notify.twilio.TwilioSmsProviderTest.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.notify.MessageProvider;
import com.switchboard.notify.OutboundMessage;
import com.switchboard.notify.SendResult;
import com.switchboard.notify.SendResult.Outcome;
import com.switchboard.testing.ProviderStub;
import com.switchboard.testing.ProviderStub.Reply;
import io.dropwizard.util.Duration;
import java.net.URI;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How both Twilio providers classify what goes wrong, against the stub. */
class TwilioFailuresTest {
  enum Kind {
    SMS(
        "/Messages.json",
        TwilioSmsProvider::new,
        TwilioSmsProviderTest.sms("db down", URI.create("https://sb.example/cb"))),
    VOICE(
        "/Calls.json",
        TwilioVoiceProvider::new,
        TwilioVoiceProviderTest.call(
            TwilioVoiceProviderTest.TWIML, URI.create("https://sb.example/cb")));

    final String resource;
    final Function<TwilioSettings, MessageProvider> factory;
    final OutboundMessage message;

    Kind(
        String resource,
        Function<TwilioSettings, MessageProvider> factory,
        OutboundMessage message) {
      this.resource = resource;
      this.factory = factory;
      this.message = message;
    }

    String path() {
      return "/2010-04-01/Accounts/" + TwilioSmsProviderTest.SID + resource;
    }
  }

  private ProviderStub stub;

  @BeforeEach
  void start() {
    stub = ProviderStub.started();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private SendResult send(Kind kind) {
    return kind.factory.apply(settings(stub.baseUrl())).send(kind.message);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aBadRequestFailsPermanentlyWithTwiliosMessageAndCode(Kind kind) {
    stub.script(
        kind.path(),
        Reply.twilioError(400, 21211, "The 'To' number +1555 is not a valid phone number."));

    SendResult result = send(kind);

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
    assertThat(result.providerMessageId()).isNull();
    assertThat(result.error())
        .isEqualTo(
            "HTTP 400: The 'To' number +1555 is not a valid phone number. (Twilio code 21211)");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void rejectedCredentialsFailPermanently(Kind kind) {
    stub.script(kind.path(), Reply.twilioError(401, 20003, "Authenticate"));

    SendResult result = send(kind);

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
    assertThat(result.error()).startsWith("HTTP 401: Authenticate");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void tooManyRequestsIsRetryable(Kind kind) {
    stub.script(kind.path(), Reply.twilioError(429, 20429, "Too Many Requests"));

    SendResult result = send(kind);

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
    assertThat(result.error()).startsWith("HTTP 429: Too Many Requests");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void serverErrorsAreRetryableAndNotRetriedBehindTheDispatchersBack(Kind kind) {
    stub.script(kind.path(), Reply.twilioError(500, 20500, "Internal Server Error"));
    SendResult internalError = send(kind);
    assertThat(stub.requestsTo(kind.path())).hasSize(1);

    stub.clear();
    stub.script(kind.path(), Reply.twilioError(503, 20503, "Service Unavailable"));
    SendResult unavailable = send(kind);

    assertThat(internalError.outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
    assertThat(internalError.error()).startsWith("HTTP 500: Internal Server Error");
    assertThat(unavailable.outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
    assertThat(unavailable.error()).startsWith("HTTP 503: Service Unavailable");
    assertThat(stub.requestsTo(kind.path())).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aGatewayPageInsteadOfTwiliosJsonIsRetryable(Kind kind) {
    stub.script(kind.path(), Reply.status(502).body("text/html", "<html>Bad Gateway</html>"));

    SendResult result = send(kind);

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
    assertThat(result.error()).isEqualTo("HTTP 502: non-JSON error body: <html>Bad Gateway</html>");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aServerErrorWithAnEmptyBodyIsRetryable(Kind kind) {
    stub.script(kind.path(), Reply.status(500));

    SendResult result = send(kind);

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
    assertThat(result.error()).isEqualTo("HTTP 500: empty error body");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aClientErrorWithoutTwiliosJsonStillFailsPermanently(Kind kind) {
    stub.script(kind.path(), Reply.status(404).body("text/plain", "no such route"));

    SendResult result = send(kind);

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT_FAILURE);
    assertThat(result.error()).isEqualTo("HTTP 404: non-JSON error body: no such route");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSuccessWithoutAResourceIsRetryableRatherThanAcceptedWithoutAnId(Kind kind) {
    stub.script(kind.path(), Reply.status(201).json("null"));

    SendResult result = send(kind);

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
    assertThat(result.error()).contains("returned no");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anAnswerSlowerThanTheTimeoutIsRetryableAndReturnsPromptly(Kind kind) {
    stub.script(kind.path(), Reply.defaultAnswer().delay(java.time.Duration.ofSeconds(10)));
    TwilioSettings settings = settings(stub.baseUrl());
    settings.timeout = Duration.milliseconds(300);

    long started = System.nanoTime();
    SendResult result = kind.factory.apply(settings).send(kind.message);
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
    assertThat(result.error()).isEqualTo("Twilio did not answer in time");
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(250).isLessThan(3_000);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anUnreachableApiIsRetryable(Kind kind) {
    ProviderStub closed = ProviderStub.started();
    String deadUrl = closed.baseUrl();
    closed.close();

    SendResult result = kind.factory.apply(settings(deadUrl)).send(kind.message);

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
    assertThat(result.error()).isEqualTo("could not reach Twilio (connection refused)");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSuccessAfterAFailureIsAcceptedOnTheNextSend(Kind kind) {
    stub.script(
        kind.path(), Reply.twilioError(503, 20503, "Service Unavailable"), Reply.defaultAnswer());

    assertThat(send(kind).outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
    assertThat(send(kind).outcome()).isEqualTo(Outcome.ACCEPTED);
  }
}
