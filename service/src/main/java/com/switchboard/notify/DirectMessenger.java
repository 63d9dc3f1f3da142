package com.switchboard.notify;

import java.util.UUID;

/**
 * Sends one-off messages that belong to no incident, such as contact method verification codes,
 * through the provider configured for the channel.
 */
public class DirectMessenger {
  private final ProviderRegistry providers;

  public DirectMessenger(ProviderRegistry providers) {
    this.providers = providers;
  }

  public SendResult send(
      String tenantSlug, Channel channel, String to, String subject, String text) {
    OutboundMessage message =
        new OutboundMessage(
            UUID.randomUUID(),
            tenantSlug,
            channel,
            to,
            channel == Channel.EMAIL ? subject : null,
            text,
            null,
            null,
            null);
    return providers.forChannel(channel).send(message);
  }
}
