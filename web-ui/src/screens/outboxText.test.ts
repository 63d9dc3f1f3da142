import { describe, expect, it } from 'vitest';
import { channelLabel, directionLabel, suggestedReply } from './outboxText';

describe('the outbox', () => {
  it('suggests the acknowledge code an SMS page offers', () => {
    expect(
      suggestedReply('[acme] #42 HIGH Checkout API: error rate 12%. Reply 42A ack, 42R resolve'),
    ).toBe('42A');
    expect(suggestedReply('Switchboard: your code is 123456')).toBe('A');
  });

  it('names channels and directions', () => {
    expect(channelLabel('sms')).toBe('SMS');
    expect(channelLabel('pigeon')).toBe('pigeon');
    expect(directionLabel('inbound')).toBe('Simulated reply');
  });
});
