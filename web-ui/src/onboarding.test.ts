import { describe, expect, it } from 'vitest';
import type { Incident, Service, User } from './api';
import type { OutboxMessage } from './api/onboarding';
import type { ContactMethod } from './api/profile';
import {
  checklist,
  conversation,
  latestPage,
  nextStep,
  replyCode,
  verificationCode,
  type ChecklistData,
} from './onboarding';

const empty: ChecklistData = {
  users: [{ id: 'u1' } as User],
  invitations: [],
  services: [],
  schedules: [],
  policies: [],
  methods: [],
  incidents: [],
  inviteSkipped: false,
};

const phone = (over: Partial<ContactMethod>): ContactMethod => ({
  id: 'm1',
  userId: 'u1',
  channel: 'sms',
  address: '+14155550123',
  label: null,
  verifiedAt: '2026-12-07T10:00:00Z',
  disabledAt: null,
  createdAt: '2026-12-07T10:00:00Z',
  ...over,
});

const message = (over: Partial<OutboxMessage>): OutboxMessage => ({
  id: 'o1',
  notificationId: 'n1',
  direction: 'outbound',
  channel: 'sms',
  address: '+14155550123',
  subject: null,
  body: 'Switchboard [acme] #1 HIGH Checkout: test. Reply 1A ack, 1R resolve',
  html: null,
  createdAt: '2026-12-07T10:00:00Z',
  ...over,
});

describe('the onboarding checklist', () => {
  it('starts with nothing done and inviting first', () => {
    const steps = checklist(empty);
    expect(steps.map((s) => s.done)).toEqual([false, false, false, false, false, false]);
    expect(nextStep(steps)).toBe('invite');
  });

  it('ticks each step from what exists', () => {
    const steps = checklist({
      ...empty,
      inviteSkipped: true,
      services: [{ id: 's1', escalationPolicyId: 'p1' } as Service],
      schedules: [{ id: 'sc1', name: 'Primary', timeZone: 'UTC', team: null }],
      methods: [phone({})],
      incidents: [{ id: 'i1', acknowledgedAt: null } as Incident],
    });
    expect(steps.filter((s) => !s.done).map((s) => s.id)).toEqual(['testPage']);
    expect(nextStep(steps)).toBe('testPage');
  });

  it('counts an invitation or a second user as inviting, and an acknowledged incident as the test page', () => {
    const steps = checklist({
      ...empty,
      invitations: [{ id: 'inv' } as never],
      incidents: [{ id: 'i1', acknowledgedAt: '2026-12-07T10:01:00Z' } as Incident],
    });
    expect(steps.find((s) => s.id === 'invite')!.done).toBe(true);
    expect(steps.find((s) => s.id === 'testPage')!.done).toBe(true);
    expect(checklist({ ...empty, users: [{} as User, {} as User] })[0]!.done).toBe(true);
  });

  it('needs a verified phone that did not reply STOP; an email does not count', () => {
    const done = (methods: ContactMethod[]) =>
      checklist({ ...empty, methods }).find((s) => s.id === 'phone')!.done;
    expect(done([phone({ verifiedAt: null })])).toBe(false);
    expect(done([phone({ disabledAt: '2026-12-07T11:00:00Z' })])).toBe(false);
    expect(done([phone({ channel: 'email', address: 'a@b.test' })])).toBe(false);
    expect(done([phone({ channel: 'voice' })])).toBe(true);
    expect(nextStep(checklist({ ...empty, inviteSkipped: true }))).toBe('service');
  });
});

describe('messages in the outbox', () => {
  it('reads the reply code and a verification code', () => {
    expect(replyCode('… Reply 42A ack, 42R resolve')).toBe('42A');
    expect(replyCode('Switchboard [acme] verification code: 123456')).toBeNull();
    expect(verificationCode('Switchboard [acme] verification code: 123456')).toBe('123456');
    expect(
      verificationCode('Your code: 1 2 3 4 5 6. Again, your verification code: 1 2 3 4 5 6'),
    ).toBe('123456');
    expect(verificationCode('Reply 1A ack')).toBeNull();
  });

  it('finds the newest page to the phone, not an answer, a reply, a code or another number', () => {
    const outbox = [
      message({ id: 'answer', body: 'Switchboard: #1 acknowledged. Test page' }),
      message({ id: 'reply', direction: 'inbound', body: '1A' }),
      message({ id: 'code', notificationId: null, body: 'verification code: 111111' }),
      message({ id: 'other', address: '+14155550999' }),
      message({ id: 'page' }),
      message({ id: 'older' }),
    ];
    expect(latestPage(outbox, ['+14155550123'])!.id).toBe('page');
    expect(latestPage(outbox, ['+4930123'])).toBeNull();
  });

  it('lists the replies to a page oldest first', () => {
    const page = message({ id: 'page' });
    const outbox = [
      message({
        id: 'answer',
        body: 'Switchboard: acknowledged #1',
        createdAt: '2026-12-07T10:02:00Z',
      }),
      message({ id: 'reply', direction: 'inbound', body: '1A', createdAt: '2026-12-07T10:01:00Z' }),
      page,
    ];
    expect(conversation(outbox, page).map((m) => m.id)).toEqual(['reply', 'answer']);
  });
});
