import { describe, expect, it } from 'vitest';
import type { Layer } from './api/schedules';
import {
  applyLayerDraft,
  DRAFT_ID,
  moveDate,
  place,
  ticks,
  upcomingHandoffs,
  windowOf,
  withOverrideDraft,
} from './schedule-timeline';

const iso = (ms: number) => new Date(ms).toISOString();

function layer(id: string, position: number, start: string, end: string | null = null): Layer {
  return {
    id,
    name: id,
    position,
    start,
    end,
    turn: { kind: 'days', count: 1 },
    participants: ['alice'],
    restrictions: [],
    replacesId: null,
  };
}

describe('the timeline window', () => {
  it('runs from midnight in the viewer’s zone, a DST day being 23 hours', () => {
    const day = windowOf('2026-03-29', 'day', 'Europe/Berlin');
    expect(iso(day.from)).toBe('2026-03-28T23:00:00.000Z');
    expect((day.to - day.from) / 3_600_000).toBe(23);
    const week = windowOf('2026-10-19', 'week', 'Europe/Berlin');
    expect((week.to - week.from) / 3_600_000).toBe(7 * 24 + 1);
  });

  it('moves by its span', () => {
    expect(moveDate('2026-03-29', 'fortnight', 1)).toBe('2026-04-12');
    expect(moveDate('2026-03-01', 'week', -1)).toBe('2026-02-22');
    expect(moveDate('2026-03-01', 'day', -1)).toBe('2026-02-28');
  });

  it('places a shift in percent, clipped, and drops one outside', () => {
    expect(place(0, 100, 25, 50)).toEqual({ left: 25, width: 25 });
    expect(place(0, 100, -10, 10)).toEqual({ left: 0, width: 10 });
    expect(place(0, 100, 100, 200)).toBeNull();
  });

  it('labels each day, or every three hours on a one-day view', () => {
    const w = windowOf('2026-03-29', 'day', 'Europe/Berlin');
    expect(ticks(w.from, w.to, 'Europe/Berlin', 'day').map((t) => t.label)).toEqual([
      '00:00',
      '04:00',
      '07:00',
      '10:00',
      '13:00',
      '16:00',
      '19:00',
      '22:00',
    ]);
    const week = windowOf('2026-03-23', 'week', 'Europe/Berlin');
    expect(ticks(week.from, week.to, 'Europe/Berlin', 'week').map((t) => t.label)[0]).toBe(
      'Mon 23',
    );
  });
});

describe('hand-offs and drafts', () => {
  it('lists the next hand-offs, gaps included, after now', () => {
    const next = upcomingHandoffs(
      [
        { userId: 'a', start: 0, end: 10 },
        { userId: 'b', start: 10, end: 20 },
        { userId: 'a', start: 30, end: 40 },
      ],
      [{ start: 20, end: 30 }],
      5,
    );
    expect(next).toEqual([
      { at: 10, userId: 'b' },
      { at: 20, userId: null },
      { at: 30, userId: 'a' },
    ]);
  });

  it('edits a layer from an instant: the old version ends there, the new takes its place', () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    const layers = [
      layer('base', 0, '2026-01-01T00:00:00Z'),
      layer('top', 1, '2026-01-01T00:00:00Z'),
    ];
    const input = {
      name: 'base',
      start: '2026-03-10T00:00:00Z',
      turn: { kind: 'weeks' as const, count: 1 },
      participants: ['bob'],
      restrictions: [],
    };
    const edited = applyLayerDraft(layers, { kind: 'edit', layerId: 'base', input }, now);
    expect(edited.map((l) => [l.id, l.end && iso(l.end)])).toEqual([
      ['base', '2026-03-10T00:00:00.000Z'],
      [DRAFT_ID, null],
      ['top', null],
    ]);
    const added = applyLayerDraft(
      layers,
      { kind: 'add', input: { ...input, start: undefined } },
      now,
    );
    expect(added.map((l) => l.id)).toEqual(['base', 'top', DRAFT_ID]);
    expect(added[2]!.start).toBe(now);
    const future = [layer('later', 0, '2026-06-01T00:00:00Z')];
    expect(applyLayerDraft(future, { kind: 'end', layerId: 'later' }, now)).toEqual([]);
    expect(applyLayerDraft(layers, { kind: 'end', layerId: 'top' }, now)[1]!.end).toBe(now);
  });

  it('puts a draft override above the saved ones', () => {
    const saved = [
      {
        id: 'o1',
        scheduleId: 's',
        userId: 'a',
        start: '2026-01-01T00:00:00Z',
        end: '2026-01-02T00:00:00Z',
        sequence: 41,
        note: '',
        createdBy: null,
        createdAt: '2026-01-01T00:00:00Z',
      },
    ];
    const all = withOverrideDraft(saved, {
      userId: 'b',
      start: '2026-01-01T06:00:00Z',
      end: '2026-01-01T08:00:00Z',
    });
    expect(all.map((o) => [o.userId, o.sequence])).toEqual([
      ['a', 41],
      ['b', 42],
    ]);
  });
});
