// Pure helpers of the outbox screen.

/**
 * The reply a person would most likely send to an SMS page: its acknowledge code ("42A" from
 * "Reply 42A to ack"), or a bare "A" when the message names no code.
 */
export function suggestedReply(body: string): string {
  const match = /\b(\d+)A\b/.exec(body);
  return match ? `${match[1]}A` : 'A';
}

/** What happened to a message, in words. */
export function directionLabel(direction: 'outbound' | 'inbound'): string {
  return direction === 'outbound' ? 'Kept, not sent' : 'Simulated reply';
}

const CHANNELS: Record<string, string> = { sms: 'SMS', voice: 'Voice call', email: 'Email' };

export function channelLabel(channel: string): string {
  return CHANNELS[channel] ?? channel;
}
