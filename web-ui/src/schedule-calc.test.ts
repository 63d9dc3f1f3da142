// The browser's preview must draw what the server will compute: these cases are the server's
// ShiftCalculatorTest / ShiftCalculatorDstTest cases, with their expected answers, run through the
// client-side mirror.

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Turn, WeeklyWindow } from './api/schedules';
import {
  computeTimeline,
  LocalClock,
  onCallAt,
  type CalcLayer,
  type CalcOverride,
  type CalcShift,
} from './schedule-calc';

const NEW_YORK = 'America/New_York';
const BERLIN = 'Europe/Berlin';

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toMillis();

let ids = 0;
function layer(
  turn: Turn,
  start: string,
  participants: string[],
  restrictions: WeeklyWindow[] = [],
) {
  return {
    id: `l${++ids}`,
    start: at(start),
    end: null,
    turn,
    participants,
    restrictions,
  } as CalcLayer;
}

function local(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyy-LL-dd'T'HH:mmZZ");
}

function describeShifts(shifts: CalcShift[], zone: string): string[] {
  return shifts.map((s) => `${s.userId} ${local(s.start, zone)} → ${local(s.end, zone)}`);
}

function shifts(
  zone: string,
  layers: CalcLayer[],
  from: string,
  to: string,
  overrides: CalcOverride[] = [],
) {
  return computeTimeline(zone, layers, overrides, at(from), at(to));
}

const hours = (s: CalcShift) => (s.end - s.start) / 3_600_000;
const weekly = (day: Turn['day'], time: string): Turn => ({ kind: 'weekly', day, time });

describe('local times resolve as java.time does', () => {
  it('moves a time in the spring-forward gap later and takes the earlier of a repeated time', () => {
    const clock = new LocalClock(BERLIN);
    const localSecond = (text: string) => DateTime.fromISO(text, { zone: 'UTC' }).toSeconds();
    expect(new Date(clock.resolve(localSecond('2026-03-29T02:30'))).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(new Date(clock.resolve(localSecond('2026-10-25T02:30'))).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(new Date(clock.resolve(localSecond('2026-07-01T09:00'))).toISOString()).toBe(
      '2026-07-01T07:00:00.000Z',
    );
  });
});

describe('rotations across daylight-saving changes', () => {
  for (const turn of [weekly('MONDAY', '09:00'), { kind: 'weeks', count: 1 } as Turn]) {
    it(`hands a ${turn.kind} rotation off at nine local across spring-forward and fall-back`, () => {
      const spring = shifts(
        NEW_YORK,
        [layer(turn, '2024-02-26T09:00-05:00', ['alice', 'bob'])],
        '2024-03-04T09:00-05:00',
        '2024-03-18T09:00-04:00',
      ).shifts;
      expect(describeShifts(spring, NEW_YORK)).toEqual([
        'bob 2024-03-04T09:00-05:00 → 2024-03-11T09:00-04:00',
        'alice 2024-03-11T09:00-04:00 → 2024-03-18T09:00-04:00',
      ]);
      expect(spring.map(hours)).toEqual([167, 168]);
      const fall = shifts(
        NEW_YORK,
        [layer(turn, '2024-10-21T09:00-04:00', ['alice', 'bob'])],
        '2024-10-28T09:00-04:00',
        '2024-11-11T09:00-05:00',
      ).shifts;
      expect(fall.map(hours)).toEqual([169, 168]);
    });
  }

  it('gives a daily rotation a 23-hour shift on spring-forward day and 25 on fall-back day', () => {
    const spring = shifts(
      NEW_YORK,
      [layer({ kind: 'days', count: 1 }, '2024-03-08T09:00-05:00', ['alice', 'bob'])],
      '2024-03-08T09:00-05:00',
      '2024-03-12T09:00-04:00',
    ).shifts;
    expect(describeShifts(spring, NEW_YORK)).toEqual([
      'alice 2024-03-08T09:00-05:00 → 2024-03-09T09:00-05:00',
      'bob 2024-03-09T09:00-05:00 → 2024-03-10T09:00-04:00',
      'alice 2024-03-10T09:00-04:00 → 2024-03-11T09:00-04:00',
      'bob 2024-03-11T09:00-04:00 → 2024-03-12T09:00-04:00',
    ]);
    const fall = shifts(
      NEW_YORK,
      [layer({ kind: 'days', count: 1 }, '2024-11-01T09:00-04:00', ['alice', 'bob'])],
      '2024-11-01T09:00-04:00',
      '2024-11-04T09:00-05:00',
    ).shifts;
    expect(fall.map(hours)).toEqual([24, 25, 24]);
  });

  it('keeps fixed-hour turns at elapsed time, so their local hand-off moves an hour', () => {
    const result = shifts(
      NEW_YORK,
      [layer({ kind: 'hours', count: 24 }, '2024-03-08T09:00-05:00', ['alice', 'bob'])],
      '2024-03-08T09:00-05:00',
      '2024-03-12T10:00-04:00',
    ).shifts;
    expect(describeShifts(result, NEW_YORK)).toEqual([
      'alice 2024-03-08T09:00-05:00 → 2024-03-09T09:00-05:00',
      'bob 2024-03-09T09:00-05:00 → 2024-03-10T10:00-04:00',
      'alice 2024-03-10T10:00-04:00 → 2024-03-11T10:00-04:00',
      'bob 2024-03-11T10:00-04:00 → 2024-03-12T10:00-04:00',
    ]);
  });

  it('moves a Berlin hand-off at 02:30 past the gap only on the change day', () => {
    const result = shifts(
      BERLIN,
      [layer({ kind: 'days', count: 1 }, '2024-03-29T02:30+01:00', ['alice', 'bob', 'carol'])],
      '2024-03-29T02:30+01:00',
      '2024-04-01T02:30+02:00',
    ).shifts;
    expect(describeShifts(result, BERLIN)).toEqual([
      'alice 2024-03-29T02:30+01:00 → 2024-03-30T02:30+01:00',
      'bob 2024-03-30T02:30+01:00 → 2024-03-31T03:30+02:00',
      'carol 2024-03-31T03:30+02:00 → 2024-04-01T02:30+02:00',
    ]);
  });

  it('hands a weekly Sunday 02:30 rotation off in the repeated hour at summer time', () => {
    const result = shifts(
      BERLIN,
      [layer(weekly('SUNDAY', '02:30'), '2024-10-20T02:30+02:00', ['alice', 'bob'])],
      '2024-10-20T02:30+02:00',
      '2024-11-03T02:30+01:00',
    ).shifts;
    expect(describeShifts(result, BERLIN)).toEqual([
      'alice 2024-10-20T02:30+02:00 → 2024-10-27T02:30+02:00',
      'bob 2024-10-27T02:30+02:00 → 2024-11-03T02:30+01:00',
    ]);
  });

  it('takes the earlier instant of a repeated hand-off time', () => {
    const s = [
      layer({ kind: 'days', count: 1 }, '2024-11-01T01:30-04:00', ['alice', 'bob', 'carol']),
    ];
    const timeline = shifts(NEW_YORK, s, '2024-11-01T01:30-04:00', '2024-11-05T01:30-05:00');
    expect(describeShifts(timeline.shifts, NEW_YORK)[2]).toBe(
      'carol 2024-11-03T01:30-04:00 → 2024-11-04T01:30-05:00',
    );
    expect(onCallAt(timeline, at('2024-11-03T01:10-05:00'))).toBe('carol');
    expect(onCallAt(timeline, at('2024-11-03T01:29:59-04:00'))).toBe('bob');
  });

  it('skips a day that never happened (Samoa, 30 December 2011)', () => {
    const apia = 'Pacific/Apia';
    const result = shifts(
      apia,
      [layer({ kind: 'days', count: 1 }, '2011-12-28T09:00-10:00', ['alice', 'bob', 'carol'])],
      '2011-12-28T09:00-10:00',
      '2012-01-01T09:00+14:00',
    ).shifts;
    expect(describeShifts(result, apia)).toEqual([
      'alice 2011-12-28T09:00-10:00 → 2011-12-29T09:00-10:00',
      'bob 2011-12-29T09:00-10:00 → 2011-12-31T09:00+14:00',
      'alice 2011-12-31T09:00+14:00 → 2012-01-01T09:00+14:00',
    ]);
  });
});

describe('restriction windows', () => {
  it('resolves skipped local times in windows like hand-offs', () => {
    const sundayNight = layer(
      { kind: 'days', count: 1 },
      '2024-03-01T00:00-05:00',
      ['alice'],
      [{ startDay: 'SUNDAY', startTime: '02:00', endDay: 'SUNDAY', endTime: '03:00' }],
    );
    expect(
      describeShifts(
        shifts(NEW_YORK, [sundayNight], '2024-03-02T00:00-05:00', '2024-03-18T00:00-04:00').shifts,
        NEW_YORK,
      ),
    ).toEqual([
      'alice 2024-03-03T02:00-05:00 → 2024-03-03T03:00-05:00',
      'alice 2024-03-17T02:00-04:00 → 2024-03-17T03:00-04:00',
    ]);
    const endsInTheGap = layer(
      { kind: 'days', count: 1 },
      '2024-03-01T00:00-05:00',
      ['bob'],
      [{ startDay: 'SATURDAY', startTime: '22:00', endDay: 'SUNDAY', endTime: '02:30' }],
    );
    expect(
      describeShifts(
        shifts(NEW_YORK, [endsInTheGap], '2024-03-09T00:00-05:00', '2024-03-11T00:00-04:00').shifts,
        NEW_YORK,
      ),
    ).toEqual(['bob 2024-03-09T22:00-05:00 → 2024-03-10T03:30-04:00']);
  });

  it('lets a lower layer fill what a restricted layer leaves, with gaps where nobody is', () => {
    const nights = layer(
      { kind: 'weeks', count: 1 },
      '2026-03-23T00:00+01:00',
      ['bob'],
      [{ startDay: 'MONDAY', startTime: '18:00', endDay: 'TUESDAY', endTime: '09:00' }],
    );
    const office = layer(
      { kind: 'days', count: 1 },
      '2026-03-23T09:00+01:00',
      ['alice'],
      [{ startDay: 'MONDAY', startTime: '09:00', endDay: 'MONDAY', endTime: '17:00' }],
    );
    const timeline = shifts(
      BERLIN,
      [office, nights],
      '2026-03-23T00:00+01:00',
      '2026-03-24T00:00+01:00',
    );
    expect(describeShifts(timeline.shifts, BERLIN)).toEqual([
      'alice 2026-03-23T09:00+01:00 → 2026-03-23T17:00+01:00',
      'bob 2026-03-23T18:00+01:00 → 2026-03-24T00:00+01:00',
    ]);
    expect(timeline.gaps.map((g) => `${local(g.start, BERLIN)} → ${local(g.end, BERLIN)}`)).toEqual(
      [
        '2026-03-23T00:00+01:00 → 2026-03-23T09:00+01:00',
        '2026-03-23T17:00+01:00 → 2026-03-23T18:00+01:00',
      ],
    );
    expect(timeline.layers.map((l) => l.shifts.length)).toEqual([1, 1]);
  });

  it('reads a weekday window in the schedule zone across the Berlin spring change', () => {
    // Weekdays 09:00-17:00: the Monday after the change starts at 07:00 UTC, not 08:00.
    const office = layer(
      weekly('MONDAY', '09:00'),
      '2026-03-16T09:00+01:00',
      ['alice', 'bob'],
      [{ startDay: 'MONDAY', startTime: '09:00', endDay: 'MONDAY', endTime: '17:00' }],
    );
    const timeline = shifts(BERLIN, [office], '2026-03-23T00:00+01:00', '2026-04-01T00:00+02:00');
    expect(timeline.shifts.map((s) => new Date(s.start).toISOString())).toEqual([
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
    expect(timeline.shifts.map((s) => s.userId)).toEqual(['bob', 'alice']);
  });
});

describe('overrides', () => {
  it('sit above every layer; the later-created wins where two overlap; a gap can be covered', () => {
    const base = layer(
      { kind: 'days', count: 1 },
      '2026-01-05T09:00+01:00',
      ['alice'],
      [{ startDay: 'MONDAY', startTime: '09:00', endDay: 'MONDAY', endTime: '17:00' }],
    );
    const overrides: CalcOverride[] = [
      {
        userId: 'carol',
        start: at('2026-01-05T12:00+01:00'),
        end: at('2026-01-05T20:00+01:00'),
        sequence: 2,
      },
      {
        userId: 'bob',
        start: at('2026-01-05T10:00+01:00'),
        end: at('2026-01-05T14:00+01:00'),
        sequence: 1,
      },
    ];
    const timeline = shifts(
      BERLIN,
      [base],
      '2026-01-05T00:00+01:00',
      '2026-01-06T00:00+01:00',
      overrides,
    );
    expect(describeShifts(timeline.shifts, BERLIN)).toEqual([
      'alice 2026-01-05T09:00+01:00 → 2026-01-05T10:00+01:00',
      'bob 2026-01-05T10:00+01:00 → 2026-01-05T12:00+01:00',
      'carol 2026-01-05T12:00+01:00 → 2026-01-05T20:00+01:00',
    ]);
    expect(timeline.gaps).toHaveLength(2);
  });
});

describe('the browser test’s schedule, previewed', () => {
  it('hands a restricted Monday 09:00 rotation off at 09:00 summer time after 29 March 2026', () => {
    const weekdays = layer(
      weekly('MONDAY', '09:00'),
      '2026-03-02T09:00+01:00',
      ['bob', 'alice'],
      [{ startDay: 'MONDAY', startTime: '09:00', endDay: 'FRIDAY', endTime: '17:00' }],
    );
    const timeline = shifts(BERLIN, [weekdays], '2026-03-18T00:00+01:00', '2026-04-08T00:00+02:00');
    expect(onCallAt(timeline, at('2026-03-25T11:00:00Z'))).toBe('alice');
    expect(onCallAt(timeline, at('2026-03-28T11:00:00Z'))).toBeNull();
    expect(onCallAt(timeline, at('2026-03-30T06:30:00Z'))).toBeNull();
    expect(onCallAt(timeline, at('2026-03-30T07:30:00Z'))).toBe('bob');
    expect(describeShifts(timeline.shifts, BERLIN)).toContain(
      'bob 2026-03-30T09:00+02:00 → 2026-04-03T17:00+02:00',
    );
  });
});
