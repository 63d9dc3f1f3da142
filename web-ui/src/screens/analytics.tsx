// Analytics: MTTA and MTTR over time, SLA breaches by customer tier, and pages and off-hours
// pages per person, for a chosen period. Charts are uPlot sized to their container; each has a
// one-line summary and its numbers as a table for people who cannot see it.

import { useMemo, useState } from 'preact/hooks';
import uPlot, { type AlignedData, type Options } from 'uplot';
import { incidentMetrics, supportMetrics } from '../api/insights';
import { Field } from '../ui/form';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { useViewerZone } from '../ui/Time';
import { durationText, formatShort, zoneLabel } from '../ui/time';
import {
  overall,
  percent,
  PERIODS,
  periodOf,
  periodWindows,
  responseSeries,
  slaByTier,
  topPaged,
  type Overall,
  type Period,
} from './analyticsSeries';
import { bars, categoryAxis, Chart } from './chart';
import './analytics.css';

const MTTA_COLOUR = '#1f4fd6';
const MTTR_COLOUR = '#8a5300';
const BAD_COLOUR = '#b42318';
const GOOD_COLOUR = '#17663a';
/** Whole numbers on axes that count things. */
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

async function loadAnalytics(period: Period) {
  const { whole, buckets } = periodWindows(period, new Date());
  const [incidents, support, perBucket] = await Promise.all([
    incidentMetrics(whole.from, whole.to),
    supportMetrics(whole.from, whole.to),
    Promise.all(buckets.map(async (b) => overall((await incidentMetrics(b.from, b.to)).byTeam))),
  ]);
  return { period, buckets, incidents, support, perBucket };
}

type Analytics = Awaited<ReturnType<typeof loadAnalytics>>;

export function AnalyticsPage() {
  const [periodKey, setPeriodKey] = useState(
    () => periodOf(new URLSearchParams(window.location.search).get('period')).key,
  );
  const period = periodOf(periodKey);
  const data = useLoad(() => loadAnalytics(period), [period.key]);
  const choose = (key: string) => {
    setPeriodKey(key);
    window.history.replaceState(null, '', `/analytics?period=${encodeURIComponent(key)}`);
  };
  return (
    <Page
      title="Analytics"
      lead="How fast incidents are answered and fixed, how support keeps its promises, and who carries the pager."
    >
      <div class="analytics-period">
        <Field
          label="Period"
          name="period"
          required
          value={period.key}
          onInput={choose}
          options={PERIODS.map((p) => ({ value: p.key, label: p.label }))}
        />
      </div>
      <div aria-live="polite" aria-busy={data.loading ? 'true' : undefined}>
        <Loading state={data}>{(a) => <AnalyticsView a={a} />}</Loading>
      </div>
    </Page>
  );
}

function AnalyticsView({ a }: { a: Analytics }) {
  const total = overall(a.incidents.byTeam);
  const tiers = slaByTier(a.support.sla);
  const people = topPaged(a.incidents.pagesPerPerson);
  return (
    <>
      <dl class="tiles">
        <div>
          <dt>Incidents</dt>
          <dd>{total.incidents}</dd>
        </div>
        <div>
          <dt>Mean time to acknowledge</dt>
          <dd>{total.mttaSeconds === null ? '—' : durationText(total.mttaSeconds * 1000)}</dd>
        </div>
        <div>
          <dt>Mean time to resolve</dt>
          <dd>{total.mttrSeconds === null ? '—' : durationText(total.mttrSeconds * 1000)}</dd>
        </div>
        <div>
          <dt>Tickets escalated</dt>
          <dd>
            {a.support.ticketsEscalated} of {a.support.ticketsCreated}
          </dd>
        </div>
      </dl>
      {total.incidents === 0 ? (
        <Empty>
          No incidents in this period. Charts of response times appear once incidents are triggered,
          acknowledged and resolved; pick a longer period or{' '}
          <a href="/services">send a test incident to a service</a>.
        </Empty>
      ) : (
        <ResponseChart a={a} total={total} />
      )}
      {tiers.length === 0 ? (
        <section class="panel">
          <h2>SLA breaches by tier</h2>
          <Empty>
            No SLA clocks ended in this period. They count once tickets of customers with an SLA
            policy are answered or breach.
          </Empty>
        </section>
      ) : (
        <TierChart tiers={tiers} />
      )}
      {people.length === 0 ? (
        <section class="panel">
          <h2>Pages per person</h2>
          <Empty>
            Nobody was paged in this period. Pages are counted when an escalation policy on a
            service reaches someone.
          </Empty>
        </section>
      ) : (
        <PagesChart people={people} />
      )}
    </>
  );
}

function ResponseChart({ a, total }: { a: Analytics; total: Overall }) {
  const zone = useViewerZone();
  const series = useMemo(() => responseSeries(a.buckets, a.perBucket), [a]);
  const options = useMemo<Omit<Options, 'width' | 'height'>>(
    () => ({
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [{ label: `Times in ${zoneLabel(zone)}` }, { label: series.unit.label, size: 56 }],
      series: [
        { label: 'Interval' },
        { label: 'MTTA', stroke: MTTA_COLOUR, width: 2, points: { show: true, size: 6 } },
        {
          label: 'MTTR',
          stroke: MTTR_COLOUR,
          width: 2,
          dash: [6, 4],
          points: { show: true, size: 6 },
        },
      ],
    }),
    [series, zone],
  );
  const data = useMemo<AlignedData>(() => [series.xs, series.mtta, series.mttr], [series]);
  const summary = `${a.period.label}: ${total.incidents} incidents; on average acknowledged in ${
    total.mttaSeconds === null ? '— (none acknowledged)' : durationText(total.mttaSeconds * 1000)
  } and resolved in ${
    total.mttrSeconds === null ? '— (none resolved)' : durationText(total.mttrSeconds * 1000)
  }.`;
  const rows = a.buckets.map((b, i) => ({ ...b, ...a.perBucket[i]! }));
  return (
    <section class="panel">
      <Chart title="MTTA and MTTR over time" options={options} data={data} summary={summary}>
        <DataTable
          caption="Mean time to acknowledge and to resolve per interval"
          rows={rows}
          rowKey={(r) => r.from}
          columns={[
            { label: 'From', rowHeader: true, cell: (r) => formatShort(r.from, zone) },
            { label: 'Incidents', class: 'num', cell: (r) => r.incidents },
            {
              label: 'MTTA',
              cell: (r) => (r.mttaSeconds === null ? '—' : durationText(r.mttaSeconds * 1000)),
            },
            {
              label: 'MTTR',
              cell: (r) => (r.mttrSeconds === null ? '—' : durationText(r.mttrSeconds * 1000)),
            },
          ]}
        />
      </Chart>
    </section>
  );
}

function TierChart({ tiers }: { tiers: ReturnType<typeof slaByTier> }) {
  const names = tiers.map((t) => t.tier);
  const { options, data } = useMemo(
    () =>
      pairedBars(names, 'Tier', 'SLA clocks', [
        { label: 'Met', colour: GOOD_COLOUR, values: tiers.map((t) => t.met) },
        { label: 'Breached', colour: BAD_COLOUR, values: tiers.map((t) => t.breached) },
      ]),
    [tiers],
  );
  const worst = [...tiers].sort((x, y) => y.breachRate - x.breachRate)[0]!;
  const summary = `${tiers.length} tier${tiers.length === 1 ? '' : 's'}; the most breached is ${
    worst.tier
  } with ${percent(worst.breachRate)} of its clocks breached.`;
  return (
    <section class="panel">
      <Chart title="SLA breaches by tier" options={options} data={data} summary={summary}>
        <DataTable
          caption="SLA clocks met and breached per customer tier"
          rows={tiers}
          rowKey={(t) => t.tier}
          columns={[
            { label: 'Tier', rowHeader: true, cell: (t) => t.tier },
            { label: 'Met', class: 'num', cell: (t) => t.met },
            { label: 'Breached', class: 'num', cell: (t) => t.breached },
            { label: 'Breach rate', class: 'num', cell: (t) => percent(t.breachRate) },
          ]}
        />
      </Chart>
    </section>
  );
}

function PagesChart({ people }: { people: ReturnType<typeof topPaged> }) {
  const names = people.map((p) => p.name);
  const { options, data } = useMemo(
    () =>
      pairedBars(names, 'Person', 'Pages', [
        { label: 'Pages', colour: MTTA_COLOUR, values: people.map((p) => p.pages) },
        {
          label: 'Off-hours pages',
          colour: MTTR_COLOUR,
          values: people.map((p) => p.offHoursPages),
        },
      ]),
    [people],
  );
  const offHours = people.reduce((n, p) => n + p.offHoursPages, 0);
  const pages = people.reduce((n, p) => n + p.pages, 0);
  const summary = `${people[0]!.name} was paged most (${people[0]!.pages}); ${offHours} of ${pages} pages came outside 09:00–18:00 on weekdays in each person's own time zone.`;
  return (
    <section class="panel">
      <Chart title="Pages per person" options={options} data={data} summary={summary}>
        <DataTable
          caption="Pages and off-hours pages per person"
          rows={people}
          rowKey={(p) => p.userId}
          columns={[
            { label: 'Person', rowHeader: true, cell: (p) => p.name },
            { label: 'Pages', class: 'num', cell: (p) => p.pages },
            { label: 'Off hours', class: 'num', cell: (p) => p.offHoursPages },
            { label: 'Messages', class: 'num', cell: (p) => p.messages },
          ]}
        />
      </Chart>
    </section>
  );
}

/** Two bar series side by side over named categories, counted in whole numbers. */
function pairedBars(
  names: string[],
  category: string,
  yLabel: string,
  pair: [Bars, Bars],
): { options: Omit<Options, 'width' | 'height'>; data: AlignedData } {
  const series = (b: Bars, align: -1 | 1) => ({
    label: b.label,
    fill: b.colour,
    stroke: b.colour,
    paths: bars(0.35, align),
    points: { show: false },
  });
  return {
    options: {
      scales: {
        x: { time: false, range: () => [-0.5, names.length - 0.5] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] },
      },
      axes: [categoryAxis(names), { label: yLabel, size: 48, incrs: COUNT_STEPS }],
      series: [
        { label: category, value: (_u, i) => names[i] ?? '' },
        series(pair[0], -1),
        series(pair[1], 1),
      ],
    },
    data: [names.map((_, i) => i), pair[0].values, pair[1].values],
  };
}

interface Bars {
  label: string;
  colour: string;
  values: number[];
}
