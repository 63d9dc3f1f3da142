import { describe, expect, it } from 'vitest';
import { matchesOnCall, myUpcomingShifts } from './oncall';

const primary = {
  id: 's1',
  name: 'Payments primary',
  timeZone: 'Europe/Berlin',
  team: { id: 't', name: 'Payments' },
};
const db = { id: 's2', name: 'Databases', timeZone: 'UTC', team: null };

describe('the on-call page', () => {
  it('filters by schedule, team or person, every word, any case', () => {
    const row = {
      schedule: primary,
      user: { id: 'u', name: 'Alice Example', email: 'alice@x.test', active: true },
      nextShift: null,
    };
    expect(matchesOnCall(row, '')).toBe(true);
    expect(matchesOnCall(row, 'payments alice')).toBe(true);
    expect(matchesOnCall(row, 'ALICE@x')).toBe(true);
    expect(matchesOnCall(row, 'bob')).toBe(false);
    expect(matchesOnCall({ schedule: db, user: null, nextShift: null }, 'payments')).toBe(false);
  });

  it('lists one person’s shifts on every schedule, soonest first', () => {
    const mine = myUpcomingShifts(
      [
        {
          schedule: primary,
          shifts: [
            { userId: 'me', start: '2026-01-03T00:00:00Z', end: '2026-01-04T00:00:00Z' },
            { userId: 'other', start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z' },
          ],
        },
        {
          schedule: db,
          shifts: [{ userId: 'me', start: '2026-01-02T00:00:00Z', end: '2026-01-03T00:00:00Z' }],
        },
      ],
      'me',
    );
    expect(mine.map((s) => [s.schedule.name, s.start])).toEqual([
      ['Databases', '2026-01-02T00:00:00Z'],
      ['Payments primary', '2026-01-03T00:00:00Z'],
    ]);
  });
});
