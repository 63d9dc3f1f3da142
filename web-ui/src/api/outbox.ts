// The outbox (owners and admins): what the default provider kept instead of sending, and
// simulated SMS replies. GET /outbox, POST /outbox/{id}/reply.

import { api } from '../api';

export type Channel = 'sms' | 'voice' | 'email';

/** A message kept instead of sent ("outbound"), or a simulated reply to one ("inbound"). */
export interface OutboxMessage {
  id: string;
  notificationId: string | null;
  direction: 'outbound' | 'inbound';
  channel: Channel;
  address: string;
  subject: string | null;
  body: string;
  html: string | null;
  createdAt: string;
}

/** The reply as stored, and Switchboard's answer to it (null when it gave none). */
export interface ReplyResult {
  reply: OutboxMessage;
  answer: OutboxMessage | null;
}

/** Newest first; owners and admins only. `address` keeps one recipient's messages. */
export async function listOutbox(
  query: { address?: string; limit?: number } = {},
): Promise<OutboxMessage[]> {
  const params = new URLSearchParams({ limit: String(query.limit ?? 100) });
  if (query.address) params.set('address', query.address);
  return (await api.request<{ items: OutboxMessage[] }>('GET', `/outbox?${params}`)).items;
}

export function replyToOutbox(id: string, body: string): Promise<ReplyResult> {
  return api.request<ReplyResult>('POST', `/outbox/${encodeURIComponent(id)}/reply`, { body });
}
