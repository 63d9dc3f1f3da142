package com.switchboard.notify.twilio;

import com.switchboard.notify.MessageProvider;
import com.switchboard.notify.OutboundMessage;
import com.switchboard.notify.SendResult;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.util.Objects;

/**
 * Sends SMS through Twilio's Messages API. One {@code POST
 * /2010-04-01/Accounts/{sid}/Messages.json} per message, with {@code StatusCallback} when the
 * message asks for delivery reports. Never throws: failures come back classified.
 */
public final class TwilioSmsProvider implements MessageProvider {
  private final TwilioRestClient client;
  private final PhoneNumber from;

  public TwilioSmsProvider(TwilioSettings settings) {
    this(TwilioClients.create(settings), settings.fromNumber.trim());
  }

  /** Shares a client with the voice provider; {@code fromNumber} in E.164. */
  public TwilioSmsProvider(TwilioRestClient client, String fromNumber) {
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
      MessageCreator creator = Message.creator(new PhoneNumber(message.to()), from, message.text());
      if (message.statusCallbackUrl() != null) {
        creator.setStatusCallback(message.statusCallbackUrl());
      }
      Message created = creator.create(client);
      if (created == null || created.getSid() == null) {
        return SendResult.retryable("Twilio accepted the request but returned no message SID");
      }
      return SendResult.accepted(created.getSid());
    } catch (RuntimeException e) {
      return TwilioErrors.classify(e, message);
    }
  }
}
