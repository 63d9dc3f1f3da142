import { describe, expect, it } from 'vitest';
import type { Incident } from './api';
import type { OnCallEntry } from './api/profile';
import { onCallSummary, splitMine } from './home';

const schedule = (id: string) => ({ id, name: id, timeZone: 'UTC', team: null });
const ann = { id: 'ann', name: 'Ann', email: 'ann@x.test', active: true };
const bob = { id: 'bob', name: 'Bob', email: 'bob@x.test', active: true };

describe('my on-call status', () => {
  const now = new Date('2026-12-07T12:00:00Z');

  it('is on call now until the shift ends, and names the next shift that has not started', () => {
    const items: OnCallEntry[] = [
      {
        schedule: schedule('primary'),
        user: ann,
        nextShift: { start: '2026-12-07T09:00:00Z', end: '2026-12-14T09:00:00Z' },
      },
      {
        schedule: schedule('secondary'),
        user: bob,
        nextShift: { start: '2026-12-21T09:00:00Z', end: '2026-12-28T09:00:00Z' },
      },
      {
        schedule: schedule('db'),
        user: bob,
        nextShift: { start: '2026-12-09T09:00:00Z', end: '2026-12-10T09:00:00Z' },
      },
    ];
    const summary = onCallSummary(items, 'ann', now);
    expect(summary.now).toEqual([{ schedule: schedule('primary'), until: '2026-12-14T09:00:00Z' }]);
    expect(summary.next).toEqual({
      schedule: schedule('db'),
      start: '2026-12-09T09:00:00Z',
      end: '2026-12-10T09:00:00Z',
    });
  });

  it('has nothing when on no schedule', () => {
    expect(onCallSummary([], 'ann', now)).toEqual({ now: [], next: null });
    const gap = onCallSummary(
      [{ schedule: schedule('p'), user: null, nextShift: null }],
      'ann',
      now,
    );
    expect(gap).toEqual({ now: [], next: null });
  });
});

describe('incidents paging me', () => {
  it('splits the list by who each incident paged or is assigned to, keeping the order', () => {
    const incident = (id: string) => ({ id }) as Incident;
    const split = splitMine(
      {
        items: [incident('i3'), incident('i2'), incident('i1')],
        paged: {
          i3: [{ id: 'bob', name: 'Bob' }],
          i2: [
            { id: 'bob', name: 'Bob' },
            { id: 'ann', name: 'Ann' },
          ],
        },
      },
      'ann',
    );
    expect(split.paging.map((i) => i.id)).toEqual(['i2']);
    expect(split.others.map((i) => i.id)).toEqual(['i3', 'i1']);
  });
});
