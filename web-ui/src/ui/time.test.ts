import { describe, expect, it } from 'vitest';
import { durationText, formatDateTime, fromLocalInput, toLocalInput, zoneLabel } from './time';

describe('times in the viewer’s zone', () => {
  it('names the zone, and its summer name after the clocks change', () => {
    expect(formatDateTime('2026-03-28T12:00:00Z', 'Europe/Berlin')).toBe(
      '28 Mar 2026, 13:00 GMT+1',
    );
    expect(formatDateTime('2026-03-30T12:00:00Z', 'Europe/Berlin')).toBe(
      '30 Mar 2026, 14:00 GMT+2',
    );
    expect(formatDateTime('2026-07-01T12:00:00Z', 'America/New_York')).toBe(
      '1 Jul 2026, 08:00 EDT',
    );
  });

  it('reads a wall-clock input in a zone across a DST change and back', () => {
    // 02:30 on 29 March does not exist in Berlin; Luxon moves it forward an hour.
    expect(fromLocalInput('2026-03-29T01:30', 'Europe/Berlin')).toBe('2026-03-29T00:30:00Z');
    expect(fromLocalInput('2026-03-29T03:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00Z');
    expect(toLocalInput('2026-03-29T01:30:00Z', 'Europe/Berlin')).toBe('2026-03-29T03:30');
    expect(fromLocalInput('not a time', 'Europe/Berlin')).toBeNull();
  });

  it('labels a zone with its offset at an instant', () => {
    expect(zoneLabel('Europe/Berlin', new Date('2026-01-15T00:00:00Z'))).toBe(
      'Europe/Berlin (UTC+01:00)',
    );
  });

  it('words durations coarsely', () => {
    expect(durationText(45_000)).toBe('45 s');
    expect(durationText(12 * 60_000)).toBe('12 min');
    expect(durationText((2 * 60 + 5) * 60_000)).toBe('2 h 5 min');
    expect(durationText((3 * 24 + 4) * 3_600_000)).toBe('3 d 4 h');
  });
});
