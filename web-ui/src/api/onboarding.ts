// What the onboarding checklist reads and writes beyond the directory: schedules with one
// rotation, escalation policies and attaching one to a service, and the outbox (where messages
// wait when no SMS provider is configured, and where a reply is simulated).

import { api, type Service } from '../api';
import type { Channel } from './profile';

export type Weekday =
  'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';
export const WEEKDAYS: readonly Weekday[] = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
];

export interface ScheduleSummary {
  id: string;
  name: string;
  timeZone: string;
  team: { id: string; name: string } | null;
}

/** A weekly rotation: hand-off every `day` at `time` (local to the schedule's zone). */
export interface WeeklyLayer {
  name: string;
  start: string;
  turn: { kind: 'weekly'; day: Weekday; time: string };
  participants: string[];
}

export async function listSchedules(): Promise<ScheduleSummary[]> {
  return (await api.request<{ items: ScheduleSummary[] }>('GET', '/schedules')).items;
}

export function createSchedule(request: {
  name: string;
  timeZone: string;
  teamId?: string;
  layers: WeeklyLayer[];
}): Promise<ScheduleSummary> {
  return api.request<ScheduleSummary>('POST', '/schedules', request);
}

export interface PolicyTarget {
  type: 'user' | 'schedule' | 'team';
  id: string;
  teamMode?: 'all' | 'round_robin';
  name?: string;
}

export interface EscalationPolicy {
  id: string;
  name: string;
  description: string | null;
  repeatCount: number;
  steps: { delayMinutes: number; targets: PolicyTarget[] }[];
  unreachable: { id: string; name: string; reason: string }[];
}

export async function listPolicies(): Promise<EscalationPolicy[]> {
  return (await api.request<{ items: EscalationPolicy[] }>('GET', '/escalation-policies')).items;
}

export function createPolicy(request: {
  name: string;
  repeatCount: number;
  steps: { delayMinutes: number; targets: PolicyTarget[] }[];
}): Promise<EscalationPolicy> {
  return api.request<EscalationPolicy>('POST', '/escalation-policies', request);
}

export function attachPolicy(serviceId: string, policyId: string | null): Promise<Service> {
  return api.request<Service>(
    'PUT',
    `/services/${encodeURIComponent(serviceId)}/escalation-policy`,
    { policyId },
  );
}

/** A message the outbox kept instead of sending, or a simulated reply ("inbound"). */
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

/** Newest first; owners and admins only. */
export async function listOutbox(query: { address?: string; limit?: number } = {}) {
  const params = new URLSearchParams();
  if (query.address) params.set('address', query.address);
  if (query.limit) params.set('limit', String(query.limit));
  const search = params.toString();
  return (
    await api.request<{ items: OutboxMessage[] }>('GET', `/outbox${search ? `?${search}` : ''}`)
  ).items;
}

/** Replies to an SMS as its recipient would; `answer` is what Switchboard texted back. */
export function replyToOutbox(
  id: string,
  body: string,
): Promise<{ reply: OutboxMessage; answer: OutboxMessage | null }> {
  return api.request('POST', `/outbox/${encodeURIComponent(id)}/reply`, { body });
}
