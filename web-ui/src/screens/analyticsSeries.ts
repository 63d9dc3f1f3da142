// The series maths of the analytics screen, kept apart from the charts so it can be tested:
// periods and their buckets, overall response times from per-team rows, SLA outcomes by tier,
// and the unit a chart of durations reads best in.

import type { PagesPerPerson, ResponseTimes, SlaOutcome } from '../api/insights';

export interface Period {
  key: string;
  label: string;
  days: number;
  /** How many equal buckets the "over time" chart splits the period into. */
  buckets: number;
}

export const PERIODS: readonly Period[] = [
  { key: '7d', label: 'Last 7 days', days: 7, buckets: 7 },
  { key: '30d', label: 'Last 30 days', days: 30, buckets: 10 },
  { key: '90d', label: 'Last 90 days', days: 90, buckets: 13 },
  { key: '365d', label: 'Last 12 months', days: 365, buckets: 12 },
];

export function periodOf(key: string | null): Period {
  return PERIODS.find((p) => p.key === key) ?? PERIODS[1]!;
}

export interface Window {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

/** The whole period ending at `now`, and its buckets oldest first; they tile it exactly. */
export function periodWindows(period: Period, now: Date): { whole: Window; buckets: Window[] } {
  const end = now.getTime();
  const start = end - period.days * DAY_MS;
  const step = (end - start) / period.buckets;
  const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
  const buckets: Window[] = [];
  for (let i = 0; i < period.buckets; i++) {
    buckets.push({
      from: iso(start + i * step),
      to: i === period.buckets - 1 ? iso(end) : iso(start + (i + 1) * step),
    });
  }
  return { whole: { from: iso(start), to: iso(end) }, buckets };
}

export interface Overall {
  incidents: number;
  acknowledged: number;
  resolved: number;
  /** Seconds; null when nothing was acknowledged (resolved) in the window. */
  mttaSeconds: number | null;
  mttrSeconds: number | null;
}

/**
 * The organization's MTTA and MTTR from per-team (or per-service) rows: each row's mean weighted
 * by how many incidents it averaged over.
 */
export function overall(rows: readonly ResponseTimes[]): Overall {
  let incidents = 0;
  let acknowledged = 0;
  let resolved = 0;
  let ackSum = 0;
  let resolveSum = 0;
  for (const r of rows) {
    incidents += r.incidents;
    if (r.mttaSeconds !== null && r.acknowledged > 0) {
      acknowledged += r.acknowledged;
      ackSum += r.mttaSeconds * r.acknowledged;
    }
    if (r.mttrSeconds !== null && r.resolved > 0) {
      resolved += r.resolved;
      resolveSum += r.mttrSeconds * r.resolved;
    }
  }
  return {
    incidents,
    acknowledged,
    resolved,
    mttaSeconds: acknowledged > 0 ? ackSum / acknowledged : null,
    mttrSeconds: resolved > 0 ? resolveSum / resolved : null,
  };
}

export interface DurationUnit {
  label: string;
  seconds: number;
}

/** Seconds, minutes or hours: whichever shows the largest value as a readable number. */
export function durationUnit(maxSeconds: number): DurationUnit {
  if (maxSeconds >= 3 * 3600) return { label: 'hours', seconds: 3600 };
  if (maxSeconds >= 3 * 60) return { label: 'minutes', seconds: 60 };
  return { label: 'seconds', seconds: 1 };
}

export interface ResponseSeries {
  /** Bucket midpoints, Unix seconds (uPlot's x). */
  xs: number[];
  mtta: (number | null)[];
  mttr: (number | null)[];
  incidents: number[];
  unit: DurationUnit;
}

/** MTTA and MTTR per bucket in one unit, gaps (null) where a bucket had none. */
export function responseSeries(
  buckets: readonly Window[],
  perBucket: readonly Overall[],
): ResponseSeries {
  const largest = Math.max(
    0,
    ...perBucket.flatMap((o) => [o.mttaSeconds ?? 0, o.mttrSeconds ?? 0]),
  );
  const unit = durationUnit(largest);
  const scale = (s: number | null) => (s === null ? null : round(s / unit.seconds));
  return {
    xs: buckets.map((b) => (Date.parse(b.from) + Date.parse(b.to)) / 2000),
    mtta: perBucket.map((o) => scale(o.mttaSeconds)),
    mttr: perBucket.map((o) => scale(o.mttrSeconds)),
    incidents: perBucket.map((o) => o.incidents),
    unit,
  };
}

export interface TierOutcome {
  tier: string;
  met: number;
  breached: number;
  /** Breached over all ended clocks, 0..1. */
  breachRate: number;
}

/** SLA clocks met and breached per customer tier (policies of a tier added up), by tier name. */
export function slaByTier(outcomes: readonly SlaOutcome[]): TierOutcome[] {
  const byTier = new Map<string, { met: number; breached: number }>();
  for (const o of outcomes) {
    const t = byTier.get(o.tier) ?? { met: 0, breached: 0 };
    t.met += o.met;
    t.breached += o.breached;
    byTier.set(o.tier, t);
  }
  return [...byTier.entries()]
    .map(([tier, t]) => ({
      tier,
      met: t.met,
      breached: t.breached,
      breachRate: t.met + t.breached === 0 ? 0 : t.breached / (t.met + t.breached),
    }))
    .sort((a, b) => a.tier.localeCompare(b.tier));
}

/** People paged most first, at most `limit` of them (a chart of 40 names reads as noise). */
export function topPaged(people: readonly PagesPerPerson[], limit = 12): PagesPerPerson[] {
  return [...people]
    .sort(
      (a, b) =>
        b.pages - a.pages || b.offHoursPages - a.offHoursPages || a.name.localeCompare(b.name),
    )
    .slice(0, limit);
}

/** "42%". */
export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The status board in one sentence: "All 4 services operational", "1 of 4 services in a major outage, 1 degraded". */
export function boardSummary(states: readonly string[]): string {
  const outage = states.filter((s) => s === 'major_outage').length;
  const degraded = states.filter((s) => s === 'degraded').length;
  const n = states.length;
  const services = `${n} service${n === 1 ? '' : 's'}`;
  if (outage === 0 && degraded === 0) return `All ${services} operational.`;
  const parts: string[] = [];
  if (outage > 0) parts.push(`${outage} in a major outage`);
  if (degraded > 0) parts.push(`${degraded} degraded`);
  return `Of ${services}: ${parts.join(', ')}.`;
}
