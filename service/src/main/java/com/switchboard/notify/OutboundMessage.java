package com.switchboard.notify;

import java.net.URI;
import java.util.Objects;
import java.util.UUID;

/**
 * One message to one address, as the dispatcher hands it to a {@link MessageProvider}.
 *
 * @param notificationId the notification row this message delivers; providers use it as their
 *     idempotency reference where the API has one
 * @param tenantSlug the sending tenant's slug, for logs and the outbox
 * @param channel SMS, voice or email
 * @param to an E.164 number for SMS and voice, an email address for email
 * @param subject the email subject; null for SMS and voice
 * @param text the SMS body, the spoken summary of a call, or the plain-text email body
 * @param html the HTML email body; null for SMS and voice
 * @param voiceUrl where Twilio fetches the call's TwiML; null for SMS and email
 * @param statusCallbackUrl where the provider reports delivery status; null when not wanted
 */
public record OutboundMessage(
    UUID notificationId,
    String tenantSlug,
    Channel channel,
    String to,
    String subject,
    String text,
    String html,
    URI voiceUrl,
    URI statusCallbackUrl) {
  public OutboundMessage {
    Objects.requireNonNull(notificationId, "notificationId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
  }
}
