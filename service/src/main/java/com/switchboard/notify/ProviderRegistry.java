package com.switchboard.notify;

import java.util.EnumMap;
import java.util.Map;

/** Which provider carries each channel, as configured. */
public class ProviderRegistry {
  private final Map<Channel, MessageProvider> byChannel;

  public ProviderRegistry(Map<Channel, MessageProvider> byChannel) {
    this.byChannel = new EnumMap<>(byChannel);
    for (Channel channel : Channel.values()) {
      if (!this.byChannel.containsKey(channel)) {
        throw new IllegalArgumentException("no provider configured for " + channel.wireName());
      }
    }
  }

  public MessageProvider forChannel(Channel channel) {
    return byChannel.get(channel);
  }
}
