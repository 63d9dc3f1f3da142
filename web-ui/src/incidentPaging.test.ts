import { describe, expect, it } from 'vitest';
import type { Escalation, TimelineEvent } from './api';
import type { PageMessage, PolicySteps } from './api/incidents';
import { nextPosition, pagingSteps, parseMessageKey, targetsText } from './incidentPaging';

const policy: PolicySteps = {
  id: 'p-1',
  name: 'Checkout',
  repeatCount: 1,
  steps: [
    { delayMinutes: 5, targets: [{ type: 'schedule', id: 's-1', name: 'Primary' }] },
    {
      delayMinutes: 10,
      targets: [
        { type: 'user', id: 'u-2', name: 'Bob' },
        { type: 'team', id: 't-1', teamMode: 'round_robin', name: 'SRE' },
      ],
    },
  ],
};

const escalation: Escalation = {
  id: 'e-1',
  incidentId: 'i-1',
  policyId: 'p-1',
  policyName: 'Checkout',
  userId: null,
  origin: 'service',
  state: 'active',
  round: 0,
  step: 1,
  nextAt: '2026-12-07T10:15:00Z',
  startedAt: '2026-12-07T10:00:00Z',
  endedAt: null,
};

function message(id: string, user: string, step: number, at: string, status = 'sent'): PageMessage {
  return {
    id,
    idempotencyKey: `i-1:e-1:0:${step}:${user}:r-${id}`,
    incidentId: 'i-1',
    escalationId: 'e-1',
    userId: user,
    contactMethodId: 'm',
    channel: 'sms',
    address: '+1•••••0123',
    status: status as PageMessage['status'],
    provider: 'outbox',
    providerMessageId: null,
    attempts: 1,
    lastError: null,
    dueAt: at,
    claimedAt: at,
    sentAt: at,
    createdAt: at,
  };
}

function event(id: number, at: string, kind: string, message: string, detail = {}): TimelineEvent {
  return { id, at, kind, actor: 'Switchboard', channel: null, message, detail };
}

describe('who each step paged', () => {
  it('reads the escalation, round and step from a message’s key', () => {
    expect(parseMessageKey('i:e-9:1:2:u:default')).toEqual({
      escalationId: 'e-9',
      round: 1,
      step: 2,
    });
    expect(parseMessageKey('i:e-9:1:2:u:r:fallback:m')).toEqual({
      escalationId: 'e-9',
      round: 1,
      step: 2,
    });
    expect(parseMessageKey('something else')).toBeNull();
    expect(parseMessageKey(undefined)).toBeNull();
  });

  it('goes to the next step, then round, then stops', () => {
    expect(nextPosition(0, 0, 2, 1)).toEqual({ round: 0, step: 1 });
    expect(nextPosition(0, 1, 2, 1)).toEqual({ round: 1, step: 0 });
    expect(nextPosition(1, 1, 2, 1)).toBeNull();
  });

  it('names a step’s targets', () => {
    expect(targetsText(policy, 0)).toBe('Primary (on call)');
    expect(targetsText(policy, 1)).toBe('Bob, SRE (one in turn)');
    expect(targetsText(undefined, 0)).toBeNull();
  });

  it('groups messages under the step that sent them, with its time and problems, and says what is next', () => {
    const names = new Map([
      ['u-1', 'Alice'],
      ['u-2', 'Bob'],
    ]);
    const [steps] = pagingSteps(
      [escalation],
      [
        message('n-1', 'u-1', 0, '2026-12-07T10:00:01Z', 'delivered'),
        message('n-2', 'u-2', 1, '2026-12-07T10:05:01Z'),
      ],
      [
        event(1, '2026-12-07T10:00:00Z', 'escalated', 'step 1', {
          policyId: 'p-1',
          round: 0,
          step: 0,
        }),
        event(2, '2026-12-07T10:05:00Z', 'escalated', 'step 2', {
          policyId: 'p-1',
          round: 0,
          step: 1,
        }),
        event(3, '2026-12-07T10:05:00.300Z', 'unreachable', 'Carol has no verified contact method'),
      ],
      names,
      new Map([['p-1', policy]]),
    );
    expect(steps!.fired.map((f) => [f.label, f.firedAt, f.people.map((p) => p.name)])).toEqual([
      ['Step 1', '2026-12-07T10:00:00Z', ['Alice']],
      ['Step 2', '2026-12-07T10:05:00Z', ['Bob']],
    ]);
    expect(steps!.fired[0]!.people[0]!.messages[0]).toMatchObject({
      channel: 'sms',
      status: 'delivered',
    });
    expect(steps!.fired[0]!.problems).toEqual([]);
    expect(steps!.fired[1]!.problems).toEqual(['Carol has no verified contact method']);
    expect(steps!.fired[1]!.targets).toBe('Bob, SRE (one in turn)');
    expect(steps!.next).toEqual({
      label: 'Step 1, repeat 1',
      at: '2026-12-07T10:15:00Z',
      targets: 'Primary (on call)',
    });
  });

  it('shows a direct assignment as one step without a policy', () => {
    const direct: Escalation = {
      ...escalation,
      id: 'e-2',
      policyId: null,
      policyName: null,
      userId: 'u-1',
      origin: 'reassignment',
      nextAt: null,
      step: 0,
    };
    const m = { ...message('n-3', 'u-1', 0, '2026-12-07T11:00:00Z'), escalationId: 'e-2' };
    const [steps] = pagingSteps([direct], [m], [], new Map(), new Map());
    expect(steps!.fired).toHaveLength(1);
    expect(steps!.fired[0]!.label).toBe('Paged directly');
    expect(steps!.fired[0]!.people[0]!.name).toBe('A former user');
    expect(steps!.next).toBeNull();
  });
});
