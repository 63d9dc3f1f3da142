// The schedule screen's arithmetic, apart from the screen: which window the timeline shows,
// where a shift sits in it, the next hand-offs, and how a draft layer or override changes the
// schedule for the preview (mirroring what the server does when the draft is saved).

import { DateTime } from 'luxon';
import type { Layer, LayerInput, Override } from './api/schedules';
import type { CalcLayer, CalcOverride, CalcRange, CalcShift } from './schedule-calc';

export type Span = 'day' | 'week' | 'fortnight';

export const SPANS: readonly { value: Span; label: string; days: number }[] = [
  { value: 'day', label: '1 day', days: 1 },
  { value: 'week', label: '1 week', days: 7 },
  { value: 'fortnight', label: '2 weeks', days: 14 },
];

export function spanDays(span: Span): number {
  return SPANS.find((s) => s.value === span)?.days ?? 7;
}

/** Today's date ("2026-12-07") in a zone. */
export function today(zone: string, now: Date = new Date()): string {
  return DateTime.fromJSDate(now).setZone(zone).toISODate()!;
}

/** The window from midnight of `date` in `zone` for the span's days (a DST day is 23 or 25 h). */
export function windowOf(date: string, span: Span, zone: string): { from: number; to: number } {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  const safe = start.isValid ? start : DateTime.now().setZone(zone).startOf('day');
  return { from: safe.toMillis(), to: safe.plus({ days: spanDays(span) }).toMillis() };
}

/** The date a span earlier (-1) or later (+1). */
export function moveDate(date: string, span: Span, direction: -1 | 1): string {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  return d.plus({ days: direction * spanDays(span) }).toISODate()!;
}

/** Where [start, end) sits in [from, to), in percent of the width; null when outside. */
export function place(
  from: number,
  to: number,
  start: number,
  end: number,
): { left: number; width: number } | null {
  const a = Math.max(start, from);
  const b = Math.min(end, to);
  if (a >= b) return null;
  const total = to - from;
  return { left: ((a - from) / total) * 100, width: ((b - a) / total) * 100 };
}

/** The axis labels: each midnight (every 3 hours on a one-day view), in the viewer's zone. */
export function ticks(
  from: number,
  to: number,
  zone: string,
  span: Span,
): { at: number; left: number; label: string }[] {
  const out: { at: number; left: number; label: string }[] = [];
  let t = DateTime.fromMillis(from, { zone });
  const step = span === 'day' ? { hours: 3 } : { days: 1 };
  while (t.toMillis() < to) {
    const ms = t.toMillis();
    out.push({
      at: ms,
      left: ((ms - from) / (to - from)) * 100,
      label: span === 'day' ? t.toFormat('HH:mm') : t.toFormat(span === 'week' ? 'ccc d' : 'd'),
    });
    t = t.plus(step);
  }
  return out;
}

export interface Handoff {
  at: number;
  /** Who takes over; null when a gap begins. */
  userId: string | null;
}

/** The hand-offs after `now`: each shift start or gap start, in order, at most `limit`. */
export function upcomingHandoffs(
  shifts: CalcShift[],
  gaps: CalcRange[],
  now: number,
  limit = 3,
): Handoff[] {
  const all: Handoff[] = [
    ...shifts.map((s) => ({ at: s.start, userId: s.userId })),
    ...gaps.map((g) => ({ at: g.start, userId: null })),
  ];
  return all
    .filter((h) => h.at > now)
    .sort((a, b) => a.at - b.at)
    .slice(0, limit);
}

const ms = (iso: string) => Date.parse(iso);

export function toCalcLayer(layer: Layer): CalcLayer {
  return {
    id: layer.id,
    start: ms(layer.start),
    end: layer.end ? ms(layer.end) : null,
    turn: layer.turn,
    participants: layer.participants,
    restrictions: layer.restrictions,
  };
}

export function toCalcOverride(o: Override): CalcOverride {
  return { userId: o.userId, start: ms(o.start), end: ms(o.end), sequence: o.sequence };
}

/** A layer being written: a new one on top, a new version of `layerId`, or ending one now. */
export type LayerDraft =
  | { kind: 'add'; input: LayerInput }
  | { kind: 'edit'; layerId: string; input: LayerInput }
  | { kind: 'end'; layerId: string };

export const DRAFT_ID = 'draft';

/**
 * The schedule's layer versions (lowest first, as the server stacks them: by position, then
 * start) after the draft is saved at `now`: an edit ends the version at the draft's start and puts
 * the new version in its place (replacing it outright if it had not started); ending one ends it
 * now (or removes it if it had not started); a new layer goes on top.
 */
export function applyLayerDraft(
  layers: Layer[],
  draft: LayerDraft | null,
  now: number,
): CalcLayer[] {
  const stacked = layers.map((l) => ({ position: l.position, layer: toCalcLayer(l) }));
  if (draft?.kind === 'add') {
    const top = Math.max(-1, ...layers.map((l) => l.position)) + 1;
    const start = draft.input.start ? ms(draft.input.start) : now;
    stacked.push({ position: top, layer: draftLayer(draft.input, start, null) });
  } else if (draft) {
    const index = stacked.findIndex((s) => s.layer.id === draft.layerId);
    const old = stacked[index];
    if (old) {
      const from = draft.kind === 'edit' && draft.input.start ? ms(draft.input.start) : now;
      const replacement =
        draft.kind === 'edit'
          ? [{ position: old.position, layer: draftLayer(draft.input, from, old.layer.end) }]
          : [];
      if (old.layer.start < from) {
        stacked.splice(index, 1, { ...old, layer: { ...old.layer, end: from } }, ...replacement);
      } else {
        stacked.splice(index, 1, ...replacement);
      }
    }
  }
  return stacked
    .sort((a, b) => a.position - b.position || a.layer.start - b.layer.start)
    .map((s) => s.layer);
}

function draftLayer(input: LayerInput, start: number, end: number | null): CalcLayer {
  return {
    id: DRAFT_ID,
    start,
    end,
    turn: input.turn,
    participants: input.participants,
    restrictions: input.restrictions,
  };
}

/** The saved overrides plus a draft one, which, created last, wins where it overlaps. */
export function withOverrideDraft(
  overrides: Override[],
  draft: { userId: string; start: string; end: string } | null,
): CalcOverride[] {
  const saved = overrides.map(toCalcOverride);
  if (!draft) return saved;
  const sequence = Math.max(0, ...saved.map((o) => o.sequence)) + 1;
  return [...saved, { userId: draft.userId, start: ms(draft.start), end: ms(draft.end), sequence }];
}
