import { describe, expect, it } from 'vitest';
import type { SlaClock, TicketItem } from '../api/support';
import {
  clockRemainingMs,
  clockText,
  eventSummary,
  filterTickets,
  pendingSuggestion,
  sortByRisk,
  ticketRisk,
} from './desk';

const now = new Date('2026-12-07T15:00:00Z');

function clock(partial: Partial<SlaClock>): SlaClock {
  return {
    metric: 'first_response',
    dueAt: null,
    status: 'active',
    remainingSeconds: null,
    warnedAt: null,
    breachedAt: null,
    breachPage: null,
    ...partial,
  };
}

function ticket(id: string, partial: Partial<TicketItem> = {}): TicketItem {
  return {
    id,
    number: 1,
    subject: id,
    description: null,
    requester: null,
    customerId: null,
    customerName: null,
    tier: null,
    priority: 'normal',
    status: 'open',
    assigneeId: null,
    assigneeName: null,
    serviceId: null,
    serviceName: null,
    externalId: null,
    externalUrl: null,
    incidentId: null,
    escalatedAt: null,
    followUpDue: false,
    createdBy: null,
    createdAt: '2026-12-07T10:00:00Z',
    updatedAt: '2026-12-07T10:00:00Z',
    solvedAt: null,
    sla: [],
    ...partial,
  };
}

describe('SLA clocks', () => {
  it('count down to the due time while running and stay frozen while paused', () => {
    const running = clock({ dueAt: '2026-12-07T15:12:00Z', remainingSeconds: 999 });
    expect(clockRemainingMs(running, now)).toBe(12 * 60_000);
    expect(clockText(running, now)).toBe('due in 12 min');
    expect(clockText(running, new Date('2026-12-07T15:11:15Z'))).toBe('due in 45 s');

    const paused = clock({ status: 'paused', remainingSeconds: 7500 });
    expect(clockText(paused, now)).toBe('paused, 2 h 5 min left');
    expect(clockText(paused, new Date('2027-01-01T00:00:00Z'))).toBe('paused, 2 h 5 min left');

    expect(clockText(clock({ status: 'met', dueAt: '2026-12-07T14:00:00Z' }), now)).toBe('met');
  });

  it('call a clock breached once it is past due, before the server says so', () => {
    const late = clock({ dueAt: '2026-12-07T14:55:00Z' });
    expect(clockText(late, now)).toBe('breached 5 min ago');
    const breached = clock({ status: 'breached', dueAt: '2026-12-07T13:00:00Z' });
    expect(clockText(breached, now)).toBe('breached 2 h 0 min ago');
  });
});

describe('the queue by SLA risk', () => {
  const calm = ticket('calm', {
    sla: [clock({ dueAt: '2026-12-07T19:00:00Z' }), clock({ dueAt: '2026-12-08T10:00:00Z' })],
  });
  const soon = ticket('soon', {
    sla: [clock({ status: 'met' }), clock({ dueAt: '2026-12-07T15:05:00Z' })],
  });
  const breached = ticket('breached', {
    sla: [clock({ status: 'breached', dueAt: '2026-12-07T14:00:00Z', remainingSeconds: -3600 })],
  });
  const paused = ticket('paused', { sla: [clock({ status: 'paused', remainingSeconds: 60 })] });
  const none = ticket('none', { priority: 'low' });
  const noneUrgent = ticket('none-urgent', { priority: 'urgent' });

  it('puts breached first, then the soonest due, then paused, then tickets without clocks', () => {
    const order = sortByRisk([none, calm, paused, noneUrgent, soon, breached], now).map(
      (t) => t.id,
    );
    expect(order).toEqual(['breached', 'soon', 'calm', 'paused', 'none-urgent', 'none']);
  });

  it('judges a ticket by its most pressing clock', () => {
    expect(ticketRisk(calm, now).ms).toBe(4 * 3_600_000);
    expect(ticketRisk(none, now).rank).toBe(3);
    // Time passing moves a running ticket past its due time into the breached rank.
    expect(ticketRisk(soon, new Date('2026-12-07T15:06:00Z')).rank).toBe(0);
  });

  it('filters by assignee, priority and tier', () => {
    const mine = ticket('mine', { assigneeId: 'me', tier: 'premium', priority: 'urgent' });
    const theirs = ticket('theirs', { assigneeId: 'you', tier: 'standard' });
    const nobody = ticket('nobody');
    const all = [mine, theirs, nobody];
    const ids = (list: TicketItem[]) => list.map((t) => t.id);
    expect(ids(filterTickets(all, { who: 'mine', priority: '', tier: '' }, 'me'))).toEqual([
      'mine',
    ]);
    expect(ids(filterTickets(all, { who: 'unassigned', priority: '', tier: '' }, 'me'))).toEqual([
      'nobody',
    ]);
    expect(ids(filterTickets(all, { who: 'all', priority: 'normal', tier: '' }, 'me'))).toEqual([
      'theirs',
      'nobody',
    ]);
    expect(ids(filterTickets(all, { who: 'all', priority: '', tier: '-' }, 'me'))).toEqual([
      'nobody',
    ]);
    expect(ids(filterTickets(all, { who: 'all', priority: '', tier: 'premium' }, 'me'))).toEqual([
      'mine',
    ]);
  });
});

describe('the conversation', () => {
  const event = (kind: string, body: string | null, data: Record<string, unknown> = {}) => ({
    id: kind + (body ?? ''),
    at: '2026-12-07T15:00:00Z',
    kind,
    actor: 'Ann Agent',
    body,
    data,
  });

  it('says what each event was', () => {
    expect(eventSummary(event('status_changed', '', { from: 'new', to: 'on_hold' }))).toBe(
      'Ann Agent changed the status from new to on hold',
    );
    expect(eventSummary(event('suggested_reply', 'Hi', { template: 'status_update' }))).toBe(
      'Suggested reply from the “status update” template',
    );
    expect(eventSummary(event('assigned', 'Assigned to Bo'))).toBe('Ann Agent: Assigned to Bo');
  });

  it('offers the newest suggested reply until someone replies publicly', () => {
    const ack = event('suggested_reply', 'We are on it');
    const update = event('suggested_reply', 'Rolling back');
    expect(pendingSuggestion([ack, event('internal_note', 'x'), update])).toBe(update);
    expect(pendingSuggestion([ack, event('public_reply', 'Hello')])).toBeNull();
    expect(pendingSuggestion([])).toBeNull();
  });
});
