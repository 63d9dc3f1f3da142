// The onboarding checklist decided from real data, without the DOM: which steps are done, which
// comes next, and what a page in the outbox asks the person to reply.

import type { Incident, Invitation, Service, User } from './api';
import type { OutboxMessage, ScheduleSummary, EscalationPolicy } from './api/onboarding';
import type { ContactMethod } from './api/profile';

export type StepId = 'invite' | 'service' | 'schedule' | 'policy' | 'phone' | 'testPage';

export interface ChecklistData {
  users: readonly User[];
  invitations: readonly Invitation[];
  services: readonly Service[];
  schedules: readonly ScheduleSummary[];
  policies: readonly EscalationPolicy[];
  /** The viewer's own contact methods. */
  methods: readonly ContactMethod[];
  /** Recent incidents, any status. */
  incidents: readonly Incident[];
  /** The viewer chose to skip inviting (kept in this browser). */
  inviteSkipped: boolean;
}

export interface Step {
  id: StepId;
  title: string;
  done: boolean;
}

export const STEP_TITLES: Record<StepId, string> = {
  invite: 'Invite your teammates',
  service: 'Create a team and a service',
  schedule: 'Make an on-call schedule',
  policy: 'Page the schedule for the service',
  phone: 'Add and verify your phone',
  testPage: 'Send a test page and acknowledge it',
};

/** A phone method that can be paged: SMS or voice, verified, not stopped. */
export function usablePhones(methods: readonly ContactMethod[]): ContactMethod[] {
  return methods.filter(
    (m) => m.channel !== 'email' && m.verifiedAt !== null && m.disabledAt === null,
  );
}

/** Every step in order, each ticked from what exists. */
export function checklist(d: ChecklistData): Step[] {
  const done: Record<StepId, boolean> = {
    invite: d.inviteSkipped || d.users.length > 1 || d.invitations.length > 0,
    service: d.services.length > 0,
    schedule: d.schedules.length > 0,
    policy: d.services.some((s) => s.escalationPolicyId !== null),
    phone: usablePhones(d.methods).length > 0,
    testPage: d.incidents.some((i) => i.acknowledgedAt !== null),
  };
  return (Object.keys(STEP_TITLES) as StepId[]).map((id) => ({
    id,
    title: STEP_TITLES[id],
    done: done[id],
  }));
}

/** The first step not yet done; null when everything is. */
export function nextStep(steps: readonly Step[]): StepId | null {
  return steps.find((s) => !s.done)?.id ?? null;
}

/** "1A" out of "… Reply 1A ack, 1R resolve"; null when the text asks for no reply. */
export function replyCode(body: string): string | null {
  const match = /\bReply (\d+)A\b/i.exec(body);
  return match ? `${match[1]}A` : null;
}

/** A verification code in a message ("… verification code: 123456"). */
export function verificationCode(body: string): string | null {
  const match = /verification code: ([0-9](?: ?[0-9]){5})/i.exec(body);
  return match ? match[1]!.replace(/ /g, '') : null;
}

/** Switchboard's answer to a reply ("Switchboard: #1 acknowledged…") rather than a page. */
function isAnswer(message: OutboxMessage): boolean {
  return message.body.startsWith('Switchboard: ');
}

/**
 * The newest page (an outbound message of an incident, not a code) to one of the addresses, from
 * an outbox listed newest first.
 */
export function latestPage(
  outbox: readonly OutboxMessage[],
  addresses: readonly string[],
): OutboxMessage | null {
  return (
    outbox.find(
      (m) =>
        m.direction === 'outbound' &&
        m.notificationId !== null &&
        m.channel === 'sms' &&
        !isAnswer(m) &&
        addresses.includes(m.address),
    ) ?? null
  );
}

/** The answers to `page` (simulated replies and Switchboard's answers), oldest first. */
export function conversation(
  outbox: readonly OutboxMessage[],
  page: OutboxMessage,
): OutboxMessage[] {
  return outbox
    .filter(
      (m) =>
        m.id !== page.id &&
        m.notificationId === page.notificationId &&
        m.address === page.address &&
        Date.parse(m.createdAt) >= Date.parse(page.createdAt),
    )
    .slice()
    .reverse();
}

const HIDDEN = 'switchboard.onboarding.hidden.';
const SKIPPED = 'switchboard.onboarding.skipInvite.';

function read(key: string): boolean {
  try {
    return window.localStorage.getItem(key) === 'true';
  } catch {
    return false;
  }
}

function write(key: string, value: boolean): void {
  try {
    if (value) window.localStorage.setItem(key, 'true');
    else window.localStorage.removeItem(key);
  } catch {
    // Private windows may refuse storage; the choice then lasts until the page reloads.
  }
}

/** The person hid the checklist in this browser (the home banner stays away). */
export const checklistHidden = (userId: string) => read(HIDDEN + userId);
export const setChecklistHidden = (userId: string, hidden: boolean) =>
  write(HIDDEN + userId, hidden);
export const inviteSkipped = (userId: string) => read(SKIPPED + userId);
export const setInviteSkipped = (userId: string, skipped: boolean) =>
  write(SKIPPED + userId, skipped);
