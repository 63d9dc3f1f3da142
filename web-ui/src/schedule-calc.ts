// Who is on call, computed in the browser so the schedule screen can preview a layer or an
// override before it is saved. This mirrors the server's ShiftCalculator, Rotation, LocalClock
// and WeeklyWindow (service/…/schedule/) rule for rule; the saved timeline always comes from the
// server (GET /schedules/{id}/shifts), this only draws drafts.
//
// Instants are epoch milliseconds. "Local seconds" are a wall-clock reading in the schedule's zone
// counted as if the zone were UTC, so "the same time N days later" is plain addition.

import { DateTime } from 'luxon';
import type { Turn, WeeklyWindow, Weekday } from './api/schedules';
import { WEEKDAYS } from './api/schedules';

export interface CalcLayer {
  id: string;
  start: number;
  end: number | null;
  turn: Turn;
  participants: string[];
  restrictions: WeeklyWindow[];
}

export interface CalcOverride {
  userId: string;
  start: number;
  end: number;
  /** Later-created overrides win where they overlap. */
  sequence: number;
}

export interface CalcShift {
  userId: string;
  start: number;
  end: number;
}

export interface CalcRange {
  start: number;
  end: number;
}

export interface CalcTimeline {
  shifts: CalcShift[];
  layers: { layerId: string; shifts: CalcShift[] }[];
  gaps: CalcRange[];
}

const DAY = 86_400;
const WEEK = 7 * DAY;
/** 1970-01-05, the first Monday of the epoch, as an epoch day; local weeks count from it. */
const EPOCH_MONDAY_DAY = 4;

/** The wall clock of one zone, with the server's LocalClock rule for local times. */
export class LocalClock {
  private readonly zone: string;
  private readonly offsets = new Map<number, number>();

  constructor(zone: string) {
    this.zone = zone;
  }

  /** The zone's offset from UTC in seconds at an instant (ms). */
  offsetAt(ms: number): number {
    // Offsets change on whole minutes at most every few hours; caching per minute keeps it cheap.
    const key = Math.floor(ms / 60_000);
    let offset = this.offsets.get(key);
    if (offset === undefined) {
      offset = DateTime.fromMillis(ms, { zone: this.zone }).offset * 60;
      this.offsets.set(key, offset);
    }
    return offset;
  }

  /** The wall-clock reading at an instant, in local seconds (fractions kept). */
  localSecond(ms: number): number {
    return ms / 1000 + this.offsetAt(ms);
  }

  /**
   * The instant (ms) of a local time, as java.time's ZonedDateTime.of resolves it: a time in a
   * gap moves later by the gap's length (02:30 on a spring-forward day is 03:30 of the new
   * offset), a time that happens twice means the earlier instant. Both use the offset in force
   * before the transition.
   */
  resolve(localSecond: number): number {
    const before = this.offsetAt((localSecond - DAY) * 1000);
    const after = this.offsetAt((localSecond + DAY) * 1000);
    const valid = [before, after].filter((o) => this.offsetAt((localSecond - o) * 1000) === o);
    if (valid.length === 0) return (localSecond - before) * 1000;
    // Both valid: an overlap (or no transition at all); the earlier instant has the larger offset.
    return (localSecond - Math.max(...valid)) * 1000;
  }
}

function weekOf(localSecond: number): number {
  return Math.floor((Math.floor(localSecond / DAY) - EPOCH_MONDAY_DAY) / 7);
}

function weekStart(week: number): number {
  return (EPOCH_MONDAY_DAY + 7 * week) * DAY;
}

/** "09:00" or "09:00:00" as seconds of the day; NaN when unreadable. */
export function secondOfDay(time: string): number {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(time);
  if (!m) return NaN;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}

function dayIndex(day: Weekday): number {
  return WEEKDAYS.indexOf(day);
}

/** The turn arithmetic of one layer: turn k belongs to participant k mod n. */
interface Rotation {
  turnAt(ms: number): number;
  turnStart(k: number): number;
}

function rotationOf(layer: CalcLayer, clock: LocalClock): Rotation {
  const start = layer.start;
  const turn = layer.turn;
  if (turn.kind === 'hours') {
    const length = (turn.count ?? 1) * 3_600_000;
    return {
      turnAt: (ms) => Math.floor((ms - start) / length),
      turnStart: (k) => start + k * length,
    };
  }
  const localStart = clock.localSecond(start);
  let anchor: number;
  let period: number;
  if (turn.kind === 'days') {
    anchor = localStart;
    period = (turn.count ?? 1) * DAY;
  } else if (turn.kind === 'weeks') {
    anchor = localStart;
    period = 7 * (turn.count ?? 1) * DAY;
  } else {
    // The last weekly hand-off at or before the start, on the wall clock.
    const startDay = Math.floor(localStart / DAY);
    const weekday = (((startDay - EPOCH_MONDAY_DAY) % 7) + 7) % 7;
    const back = (weekday - dayIndex(turn.day ?? 'MONDAY') + 7) % 7;
    anchor = (startDay - back) * DAY + secondOfDay(turn.time ?? '00:00');
    if (anchor > localStart) anchor -= WEEK;
    period = WEEK;
  }
  while (clock.resolve(anchor) > start) anchor -= period;
  while (clock.resolve(anchor + period) <= start) anchor += period;
  const turnStart = (k: number) => (k === 0 ? start : clock.resolve(anchor + k * period));
  return {
    turnStart,
    turnAt: (ms) => {
      let k = Math.max(0, Math.floor((clock.localSecond(ms) - anchor) / period));
      while (k > 0 && turnStart(k) > ms) k--;
      while (turnStart(k + 1) <= ms) k++;
      return k;
    },
  };
}

function participant(layer: CalcLayer, k: number): string {
  const n = layer.participants.length;
  return layer.participants[((k % n) + n) % n]!;
}

/** Adds a shift, extending the last one instead when it is the same user's and touches. */
function append(shifts: CalcShift[], userId: string, start: number, end: number) {
  const last = shifts[shifts.length - 1];
  if (last && last.userId === userId && last.end === start) last.end = end;
  else shifts.push({ userId, start, end });
}

function addTurns(layer: CalcLayer, rotation: Rotation, a: number, b: number, out: CalcShift[]) {
  let k = rotation.turnAt(a);
  let turnStart = rotation.turnStart(k);
  while (turnStart < b) {
    const turnEnd = rotation.turnStart(k + 1);
    const start = Math.max(turnStart, a);
    const end = Math.min(turnEnd, b);
    if (start < end) append(out, participant(layer, k), start, end);
    turnStart = turnEnd;
    k++;
  }
}

function windowStartSecond(w: WeeklyWindow): number {
  return dayIndex(w.startDay) * DAY + secondOfDay(w.startTime);
}

function windowLength(w: WeeklyWindow): number {
  const end = dayIndex(w.endDay) * DAY + secondOfDay(w.endTime);
  return (((end - windowStartSecond(w)) % WEEK) + WEEK) % WEEK;
}

/** The union of the windows' occurrences clipped to [a, b): sorted, disjoint, not touching. */
export function activeRanges(
  windows: WeeklyWindow[],
  clock: LocalClock,
  a: number,
  b: number,
): CalcRange[] {
  const first = weekOf(clock.localSecond(a)) - 3;
  const last = weekOf(clock.localSecond(b)) + 2;
  const occurrences: CalcRange[] = [];
  for (let week = first; week <= last; week++) {
    for (const w of windows) {
      const local = weekStart(week) + windowStartSecond(w);
      const start = Math.max(clock.resolve(local), a);
      const end = Math.min(clock.resolve(local + windowLength(w)), b);
      if (start < end) occurrences.push({ start, end });
    }
  }
  occurrences.sort((x, y) => x.start - y.start);
  const union: CalcRange[] = [];
  for (const r of occurrences) {
    const top = union[union.length - 1];
    if (top && r.start <= top.end) top.end = Math.max(top.end, r.end);
    else union.push({ ...r });
  }
  return union;
}

/** One layer's own shifts in [from, to), after its restrictions. */
export function layerShifts(
  layer: CalcLayer,
  clock: LocalClock,
  from: number,
  to: number,
): CalcShift[] {
  const a = Math.max(from, layer.start);
  const b = layer.end === null ? to : Math.min(layer.end, to);
  if (a >= b || layer.participants.length === 0) return [];
  const rotation = rotationOf(layer, clock);
  const shifts: CalcShift[] = [];
  if (layer.restrictions.length === 0) {
    addTurns(layer, rotation, a, b, shifts);
  } else {
    for (const range of activeRanges(layer.restrictions, clock, a, b)) {
      addTurns(layer, rotation, range.start, range.end, shifts);
    }
  }
  return shifts;
}

interface Piece extends CalcShift {
  priority: number;
}

/**
 * Everything in [from, to): `layers` lowest first (a later layer wins where it has someone),
 * overrides above every layer (the higher sequence wins), and the gaps where nobody is on call.
 */
export function computeTimeline(
  zone: string,
  layers: CalcLayer[],
  overrides: CalcOverride[],
  from: number,
  to: number,
): CalcTimeline {
  const clock = new LocalClock(zone);
  const perLayer = layers.map((layer) => ({
    layerId: layer.id,
    shifts: layerShifts(layer, clock, from, to),
  }));
  const pieces: Piece[] = [];
  perLayer.forEach((l, i) => l.shifts.forEach((s) => pieces.push({ ...s, priority: i })));
  const ranked = overrides
    .map((o, index) => ({ o, index }))
    .sort((x, y) => x.o.sequence - y.o.sequence || x.index - y.index);
  ranked.forEach(({ o }, rank) => {
    if (o.start < to && o.end > from) {
      pieces.push({
        userId: o.userId,
        start: Math.max(o.start, from),
        end: Math.min(o.end, to),
        priority: layers.length + rank,
      });
    }
  });
  pieces.sort((x, y) => x.start - y.start);

  const shifts: CalcShift[] = [];
  const gaps: CalcRange[] = [];
  let active: Piece[] = [];
  let cursor = from;
  let next = 0;
  while (cursor < to) {
    while (next < pieces.length && pieces[next]!.start <= cursor) active.push(pieces[next++]!);
    active = active.filter((p) => p.end > cursor);
    const nextStart = next < pieces.length ? pieces[next]!.start : to;
    if (active.length === 0) {
      gaps.push({ start: cursor, end: nextStart });
      cursor = nextStart;
      continue;
    }
    const top = active.reduce((best, p) => (p.priority > best.priority ? p : best));
    const until = Math.min(top.end, nextStart);
    append(shifts, top.userId, cursor, until);
    cursor = until;
  }
  return { shifts, layers: perLayer, gaps };
}

/** Who is on call at `at` in a computed timeline, or null in a gap. */
export function onCallAt(timeline: { shifts: CalcShift[] }, at: number): string | null {
  return timeline.shifts.find((s) => s.start <= at && at < s.end)?.userId ?? null;
}
