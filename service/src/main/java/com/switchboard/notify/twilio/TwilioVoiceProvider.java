package com.switchboard.notify.twilio;

import com.switchboard.notify.MessageProvider;
import com.switchboard.notify.OutboundMessage;
import com.switchboard.notify.SendResult;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Say;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import java.util.List;
import java.util.Objects;

/**
 * Places calls through Twilio's Calls API. Twilio fetches what to say from the message's {@code
 * voiceUrl} (TwiML) once the call is answered. Never throws: failures come back classified.
 */
public final class TwilioVoiceProvider implements MessageProvider {
  /**
   * The call progress events posted to the status callback: {@code answered} when someone picks up,
   * {@code completed} when the call ends for any reason (its {@code CallStatus} then says
   * completed, busy, no-answer, canceled or failed). Twilio sends only {@code completed} when none
   * are named; {@code initiated} and {@code ringing} would add noise and no decisions.
   */
  public static final List<String> STATUS_CALLBACK_EVENTS = List.of("answered", "completed");

  private final TwilioRestClient client;
  private final PhoneNumber from;

  public TwilioVoiceProvider(TwilioSettings settings) {
    this(TwilioClients.create(settings), settings.fromNumber.trim());
  }

  /** Shares a client with the SMS provider; {@code fromNumber} in E.164. */
  public TwilioVoiceProvider(TwilioRestClient client, String fromNumber) {
    this.client = Objects.requireNonNull(client, "client");
    this.from = new PhoneNumber(Objects.requireNonNull(fromNumber, "fromNumber"));
  }

  @Override
  public String name() {
    return "twilio";
  }

  @Override
  public SendResult send(OutboundMessage message) {
    try {
      CallCreator creator =
          message.voiceUrl() != null
              ? Call.creator(new PhoneNumber(message.to()), from, message.voiceUrl())
              : Call.creator(new PhoneNumber(message.to()), from, spoken(message.text()));
      if (message.statusCallbackUrl() != null) {
        creator
            .setStatusCallback(message.statusCallbackUrl())
            .setStatusCallbackMethod(HttpMethod.POST)
            .setStatusCallbackEvent(STATUS_CALLBACK_EVENTS);
      }
      Call call = creator.create(client);
      if (call == null || call.getSid() == null) {
        return SendResult.retryable("Twilio accepted the request but returned no call SID");
      }
      return SendResult.accepted(call.getSid());
    } catch (RuntimeException e) {
      return TwilioErrors.classify(e, message);
    }
  }

  /**
   * A one-way call (a verification code) needs no webhook: its TwiML travels with the request, and
   * Twilio's builder escapes the text.
   */
  private static Twiml spoken(String text) {
    return new Twiml(
        new VoiceResponse.Builder().say(new Say.Builder(text).build()).build().toXml());
  }
}
