// Who each step of an incident's escalation paged, and when, from what the incident's detail
// carries: its escalations, its messages (each message's key names its escalation, round and
// step) and its timeline (an "escalated" event per step fired, with policy, round and step; the
// people a step could not page are events right after it).

import type { Escalation, TimelineEvent } from './api';
import type { PageMessage, PolicySteps } from './api/incidents';
import { stepText } from './incidents';

/** One message of a step: how and to whom it went, and what became of it. */
export interface StepMessage {
  id: string;
  channel: PageMessage['channel'];
  status: PageMessage['status'];
  /** When it was sent, or is due. */
  at: string;
}

export interface PagedPerson {
  userId: string;
  name: string;
  messages: StepMessage[];
}

export interface FiredStep {
  round: number;
  step: number;
  /** "Step 1", "Step 2, repeat 1"; "Paged directly" for a direct assignment. */
  label: string;
  /** When the step fired (its first message, when the timeline has no event for it). */
  firedAt: string | null;
  /** Who the policy's step targets, as the policy says now ("Primary (schedule), Ann"). */
  targets: string | null;
  people: PagedPerson[];
  /** Why someone the step meant to page was not paged ("Nobody is on call on Primary"). */
  problems: string[];
}

export interface NextStep {
  label: string;
  at: string;
  targets: string | null;
}

export interface EscalationSteps {
  escalation: Escalation;
  fired: FiredStep[];
  /** The step that fires next, when the escalation is still paging. */
  next: NextStep | null;
}

/** The escalation, round and step a message's key names; null for a key of another shape. */
export function parseMessageKey(
  key: string | undefined,
): { escalationId: string; round: number; step: number } | null {
  if (!key) return null;
  const parts = key.split(':');
  if (parts.length < 6) return null;
  const round = Number(parts[2]);
  const step = Number(parts[3]);
  if (!Number.isInteger(round) || !Number.isInteger(step) || round < 0 || step < 0) return null;
  return { escalationId: parts[1]!, round, step };
}

/** The step after (round, step) of a policy with `stepCount` steps repeated `repeatCount` times. */
export function nextPosition(
  round: number,
  step: number,
  stepCount: number,
  repeatCount: number,
): { round: number; step: number } | null {
  if (step + 1 < stepCount) return { round, step: step + 1 };
  if (round < repeatCount) return { round: round + 1, step: 0 };
  return null;
}

/** The targets of one step of a policy, in words. */
export function targetsText(policy: PolicySteps | undefined, step: number): string | null {
  const targets = policy?.steps[step]?.targets;
  if (!targets || targets.length === 0) return null;
  return targets
    .map((t) => {
      const name = t.name ?? `a deleted ${t.type}`;
      if (t.type === 'schedule') return `${name} (on call)`;
      if (t.type === 'team')
        return `${name} (${t.teamMode === 'round_robin' ? 'one in turn' : 'everyone'})`;
      return name;
    })
    .join(', ');
}

const PROBLEM_KINDS = new Set(['nobody_on_call', 'unreachable', 'user_skipped', 'target_missing']);
/** How long after a step fired its "could not page" events may come (same transaction). */
const PROBLEM_WINDOW_MS = 5_000;

function label(round: number, step: number, direct: boolean): string {
  if (direct) return 'Paged directly';
  const text = stepText({ round, step });
  return text[0]!.toUpperCase() + text.slice(1);
}

function detailNumber(event: TimelineEvent, key: string): number | null {
  const value = event.detail?.[key];
  return typeof value === 'number' ? value : null;
}

function within(at: string, from: string, to: string | null): boolean {
  const t = Date.parse(at);
  return t >= Date.parse(from) - 1000 && (to === null || t <= Date.parse(to) + 1000);
}

/**
 * Each escalation of an incident with the steps it fired (oldest first), who each paged and
 * how, and the step that fires next. `policies` by id gives the steps' targets and counts.
 */
export function pagingSteps(
  escalations: Escalation[],
  messages: PageMessage[],
  timeline: TimelineEvent[],
  names: Map<string, string>,
  policies: Map<string, PolicySteps>,
): EscalationSteps[] {
  return escalations.map((escalation) => {
    const direct = escalation.policyId === null;
    const policy = escalation.policyId ? policies.get(escalation.policyId) : undefined;
    const steps = new Map<string, FiredStep>();
    const stepFor = (round: number, step: number): FiredStep => {
      const key = `${round}:${step}`;
      let found = steps.get(key);
      if (!found) {
        found = {
          round,
          step,
          label: label(round, step, direct),
          firedAt: null,
          targets: direct ? null : targetsText(policy, step),
          people: [],
          problems: [],
        };
        steps.set(key, found);
      }
      return found;
    };

    if (!direct) {
      for (const event of timeline) {
        if (event.kind !== 'escalated' || event.detail?.policyId !== escalation.policyId) continue;
        if (!within(event.at, escalation.startedAt, escalation.endedAt)) continue;
        const round = detailNumber(event, 'round');
        const step = detailNumber(event, 'step');
        if (round === null || step === null) continue;
        const fired = stepFor(round, step);
        fired.firedAt ??= event.at;
      }
    }

    for (const message of messages) {
      if (message.escalationId !== escalation.id) continue;
      const position = parseMessageKey(message.idempotencyKey) ?? { round: 0, step: 0 };
      const fired = stepFor(position.round, position.step);
      fired.firedAt ??= message.createdAt;
      let person = fired.people.find((p) => p.userId === message.userId);
      if (!person) {
        person = {
          userId: message.userId,
          name: names.get(message.userId) ?? 'A former user',
          messages: [],
        };
        fired.people.push(person);
      }
      person.messages.push({
        id: message.id,
        channel: message.channel,
        status: message.status,
        at: message.sentAt ?? message.dueAt,
      });
    }

    const fired = [...steps.values()].sort((a, b) =>
      a.round !== b.round ? a.round - b.round : a.step - b.step,
    );

    // A step's problems are the events just after it fired, before the next step of anything.
    const firedTimes = fired.filter((f) => f.firedAt !== null);
    for (const event of timeline) {
      if (!PROBLEM_KINDS.has(event.kind)) continue;
      const t = Date.parse(event.at);
      const owner = [...firedTimes]
        .reverse()
        .find(
          (f) => t >= Date.parse(f.firedAt!) && t - Date.parse(f.firedAt!) <= PROBLEM_WINDOW_MS,
        );
      if (owner && within(event.at, escalation.startedAt, escalation.endedAt)) {
        owner.problems.push(event.message);
      }
    }

    let next: NextStep | null = null;
    if (escalation.nextAt && (escalation.state === 'active' || escalation.state === 'waiting')) {
      if (escalation.state === 'waiting' || fired.length === 0) {
        next = {
          label: direct ? 'Paged directly' : 'Step 1',
          at: escalation.nextAt,
          targets: direct ? null : targetsText(policy, 0),
        };
      } else if (policy) {
        const after = nextPosition(
          escalation.round,
          escalation.step,
          policy.steps.length,
          policy.repeatCount,
        );
        next = after
          ? {
              label: label(after.round, after.step, false),
              at: escalation.nextAt,
              targets: targetsText(policy, after.step),
            }
          : { label: 'Every step has run; the policy stops', at: escalation.nextAt, targets: null };
      } else {
        next = { label: 'The next step', at: escalation.nextAt, targets: null };
      }
    }
    return { escalation, fired, next };
  });
}
