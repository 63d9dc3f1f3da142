import { describe, expect, it } from 'vitest';
import type { ResponseTimes } from '../api/insights';
import {
  boardSummary,
  durationUnit,
  overall,
  percent,
  periodOf,
  periodWindows,
  responseSeries,
  slaByTier,
  topPaged,
} from './analyticsSeries';

const row = (p: Partial<ResponseTimes>): ResponseTimes => ({
  id: null,
  name: 'x',
  incidents: 0,
  acknowledged: 0,
  resolved: 0,
  mttaSeconds: null,
  mttrSeconds: null,
  ...p,
});

describe('analytics series', () => {
  it('tiles a period into equal buckets ending now', () => {
    const now = new Date('2026-12-07T12:00:00Z');
    const { whole, buckets } = periodWindows(periodOf('7d'), now);
    expect(whole).toEqual({ from: '2026-11-30T12:00:00.000Z', to: '2026-12-07T12:00:00.000Z' });
    expect(buckets).toHaveLength(7);
    expect(buckets[0]!.from).toBe(whole.from);
    expect(buckets[6]!.to).toBe(whole.to);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.from).toBe(buckets[i - 1]!.to);
    expect(periodOf('nonsense').key).toBe('30d');
  });

  it('weights each team’s mean by the incidents it averaged over', () => {
    const o = overall([
      row({ incidents: 3, acknowledged: 3, resolved: 1, mttaSeconds: 60, mttrSeconds: 600 }),
      row({ incidents: 2, acknowledged: 1, resolved: 1, mttaSeconds: 300, mttrSeconds: 1200 }),
      row({ incidents: 4 }),
    ]);
    expect(o.incidents).toBe(9);
    expect(o.mttaSeconds).toBe((3 * 60 + 300) / 4);
    expect(o.mttrSeconds).toBe(900);
    expect(overall([row({ incidents: 2 })]).mttaSeconds).toBeNull();
  });

  it('charts durations in the unit that reads best, with gaps for empty buckets', () => {
    expect(durationUnit(90).label).toBe('seconds');
    expect(durationUnit(600).label).toBe('minutes');
    expect(durationUnit(5 * 3600).label).toBe('hours');
    const buckets = [
      { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' },
      { from: '2026-12-02T00:00:00Z', to: '2026-12-03T00:00:00Z' },
    ];
    const s = responseSeries(buckets, [
      { incidents: 2, acknowledged: 2, resolved: 2, mttaSeconds: 240, mttrSeconds: 1530 },
      { incidents: 0, acknowledged: 0, resolved: 0, mttaSeconds: null, mttrSeconds: null },
    ]);
    expect(s.unit.label).toBe('minutes');
    expect(s.mtta).toEqual([4, null]);
    expect(s.mttr).toEqual([25.5, null]);
    expect(s.xs[0]).toBe(Date.parse('2026-12-01T12:00:00Z') / 1000);
  });

  it('adds up SLA outcomes per tier', () => {
    const tiers = slaByTier([
      { tier: 'gold', policyId: 'a', policyName: 'Gold 1h', met: 3, breached: 1 },
      { tier: 'gold', policyId: 'b', policyName: 'Gold 4h', met: 1, breached: 3 },
      { tier: 'basic', policyId: 'c', policyName: 'Basic', met: 0, breached: 0 },
    ]);
    expect(tiers).toEqual([
      { tier: 'basic', met: 0, breached: 0, breachRate: 0 },
      { tier: 'gold', met: 4, breached: 4, breachRate: 0.5 },
    ]);
    expect(percent(0.5)).toBe('50%');
  });

  it('puts the most paged people first', () => {
    const people = topPaged(
      [
        { userId: '1', name: 'Bea', pages: 2, offHoursPages: 0, messages: 2 },
        { userId: '2', name: 'Al', pages: 5, offHoursPages: 1, messages: 9 },
        { userId: '3', name: 'Cy', pages: 2, offHoursPages: 2, messages: 2 },
      ],
      2,
    );
    expect(people.map((p) => p.name)).toEqual(['Al', 'Cy']);
  });
});

describe('the status board', () => {
  it('sums the board up in words', () => {
    expect(boardSummary(['operational', 'operational'])).toBe('All 2 services operational.');
    expect(boardSummary(['major_outage', 'degraded', 'operational'])).toBe(
      'Of 3 services: 1 in a major outage, 1 degraded.',
    );
  });
});
