package com.switchboard.notify;

/**
 * Sends messages of one or more channels through one provider: Twilio (SMS, voice), SendGrid
 * (email) or the outbox. Chosen per channel by configuration.
 */
public interface MessageProvider {
  /** The provider's name as recorded on notifications and in the timeline: "twilio", … */
  String name();

  /**
   * Sends one message. Blocks until the provider accepted or refused it, or the call timed out;
   * never throws for provider or network errors.
   */
  SendResult send(OutboundMessage message);
}
