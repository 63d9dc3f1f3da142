// What the onboarding checklist reads and writes beyond the directory: schedules with one
// rotation, escalation policies and attaching one to a service, and the outbox (where messages
// wait when no SMS provider is configured, and where a reply is simulated).

import { api } from '../api';
import type { ScheduleSummary, Weekday } from './schedules';

/** A weekly rotation: hand-off every `day` at `time` (local to the schedule's zone). */
export interface WeeklyLayer {
  name: string;
  start: string;
  turn: { kind: 'weekly'; day: Weekday; time: string };
  participants: string[];
}

export function createSchedule(request: {
  name: string;
  timeZone: string;
  teamId?: string;
  layers: WeeklyLayer[];
}): Promise<ScheduleSummary> {
  return api.request<ScheduleSummary>('POST', '/schedules', request);
}

export { listSchedules, type ScheduleSummary } from './schedules';
export { listOutbox, replyToOutbox, type OutboxMessage } from './outbox';
export {
  createPolicy,
  listPolicies,
  setServicePolicy as attachPolicy,
  type EscalationPolicy,
  type Target as PolicyTarget,
} from './policies';
export { WEEKDAYS, type Weekday } from './schedules';
