// The escalation policy editor's draft and the service page's support-hours wording: pure logic,
// tested in escalation.test.ts. The draft keeps what the person typed (numbers as text) and stable
// keys so moving a step moves its inputs with it; definitionOf turns it into the PUT body, whose
// field paths (steps[0].targets[1].id) name the draft's inputs.

import type {
  DayOfWeek,
  EscalationPolicy,
  HoursWindow,
  PolicyDefinition,
  TargetType,
  TeamMode,
} from './api/policies';

export interface DraftTarget {
  key: number;
  type: TargetType;
  /** '' until chosen. */
  id: string;
  teamMode: TeamMode;
}

export interface DraftStep {
  key: number;
  /** As typed: minutes before the next step. */
  delayMinutes: string;
  targets: DraftTarget[];
}

export interface Draft {
  name: string;
  description: string;
  repeatCount: string;
  steps: DraftStep[];
}

let nextKey = 1;
const key = () => nextKey++;

export function newTarget(type: TargetType = 'user'): DraftTarget {
  return { key: key(), type, id: '', teamMode: 'all' };
}

export function newStep(delayMinutes = '15'): DraftStep {
  return { key: key(), delayMinutes, targets: [newTarget()] };
}

export function emptyDraft(): Draft {
  return { name: '', description: '', repeatCount: '0', steps: [newStep()] };
}

export function draftOf(policy: EscalationPolicy): Draft {
  return {
    name: policy.name,
    description: policy.description ?? '',
    repeatCount: String(policy.repeatCount),
    steps: policy.steps.map((s) => ({
      key: key(),
      delayMinutes: String(s.delayMinutes),
      targets: s.targets.map((t) => ({
        key: key(),
        type: t.type,
        id: t.id,
        teamMode: t.teamMode ?? 'all',
      })),
    })),
  };
}

/** A whole number as typed, or null (blank or not a number) for the API to name. */
function whole(text: string): number | null {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** The request body: every step in order, team mode only on team targets. */
export function definitionOf(draft: Draft): PolicyDefinition {
  return {
    name: draft.name,
    description: draft.description.trim() === '' ? undefined : draft.description,
    repeatCount: whole(draft.repeatCount),
    steps: draft.steps.map((s) => ({
      delayMinutes: whole(s.delayMinutes),
      targets: s.targets.map((t) =>
        t.type === 'team'
          ? { type: t.type, id: t.id || null, teamMode: t.teamMode }
          : { type: t.type, id: t.id || null },
      ),
    })),
  };
}

export function addStep(draft: Draft): Draft {
  return { ...draft, steps: [...draft.steps, newStep()] };
}

export function removeStep(draft: Draft, index: number): Draft {
  return { ...draft, steps: draft.steps.filter((_, i) => i !== index) };
}

/** Moves step `index` by `by` places (-1 up, +1 down); out of range leaves the draft as it is. */
export function moveStep(draft: Draft, index: number, by: number): Draft {
  const to = index + by;
  if (index < 0 || index >= draft.steps.length || to < 0 || to >= draft.steps.length) return draft;
  const steps = [...draft.steps];
  const [moved] = steps.splice(index, 1);
  steps.splice(to, 0, moved!);
  return { ...draft, steps };
}

export function updateStep(draft: Draft, index: number, change: Partial<DraftStep>): Draft {
  return {
    ...draft,
    steps: draft.steps.map((s, i) => (i === index ? { ...s, ...change } : s)),
  };
}

export function addTarget(draft: Draft, step: number): Draft {
  const s = draft.steps[step];
  return s ? updateStep(draft, step, { targets: [...s.targets, newTarget()] }) : draft;
}

export function removeTarget(draft: Draft, step: number, target: number): Draft {
  const s = draft.steps[step];
  return s ? updateStep(draft, step, { targets: s.targets.filter((_, i) => i !== target) }) : draft;
}

/** Changes a target; a new kind forgets the chosen id (it named something of the old kind). */
export function updateTarget(
  draft: Draft,
  step: number,
  target: number,
  change: Partial<Omit<DraftTarget, 'key'>>,
): Draft {
  const s = draft.steps[step];
  if (!s) return draft;
  return updateStep(draft, step, {
    targets: s.targets.map((t, i) => {
      if (i !== target) return t;
      const next = { ...t, ...change };
      if (change.type && change.type !== t.type && change.id === undefined) next.id = '';
      return next;
    }),
  });
}

export const TARGET_KIND_LABELS: Record<TargetType, string> = {
  user: 'Person',
  schedule: 'Schedule (on call)',
  team: 'Team',
};

export const TEAM_MODE_LABELS: Record<TeamMode, string> = {
  all: 'All members at once',
  round_robin: 'One member in turn (round-robin)',
};

/** "Then wait 15 min before step 2", or for the last step what happens next. */
export function delayText(delayMinutes: number, index: number, steps: number, repeats: number) {
  const wait = minutesText(delayMinutes);
  if (index < steps - 1) return `then ${wait} before step ${index + 2}`;
  if (repeats > 0) {
    return `then ${wait} before starting over at step 1 (${repeats} more ${repeats === 1 ? 'round' : 'rounds'})`;
  }
  return `then ${wait}; if nobody has acknowledged, paging stops`;
}

export function minutesText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

// Support hours

export const DAYS: readonly DayOfWeek[] = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
];

export const DAY_LABELS: Record<DayOfWeek, string> = {
  MONDAY: 'Monday',
  TUESDAY: 'Tuesday',
  WEDNESDAY: 'Wednesday',
  THURSDAY: 'Thursday',
  FRIDAY: 'Friday',
  SATURDAY: 'Saturday',
  SUNDAY: 'Sunday',
};

/** "09:00" from "09:00:00" or "09:00". */
export function clockText(time: string): string {
  return time.slice(0, 5);
}

/** "Monday 09:00 – Monday 18:00", or "Monday 09:00–18:00" within a day. */
export function windowText(w: HoursWindow): string {
  const start = `${DAY_LABELS[w.startDay]} ${clockText(w.startTime)}`;
  return w.startDay === w.endDay && clockText(w.startTime) < clockText(w.endTime)
    ? `${start}–${clockText(w.endTime)}`
    : `${start} – ${DAY_LABELS[w.endDay]} ${clockText(w.endTime)}`;
}

/** One window per chosen day from `start` to `end` (over midnight when `end` is not later). */
export function weeklyWindows(days: readonly DayOfWeek[], start: string, end: string) {
  return DAYS.filter((d) => days.includes(d)).map((day) => {
    const overnight = end <= start;
    const endDay = overnight ? DAYS[(DAYS.indexOf(day) + 1) % 7]! : day;
    return { startDay: day, startTime: start, endDay, endTime: end };
  });
}

/**
 * The days, start and end when every window is the same hours on its own day (so the simple form
 * can show it), or null when the hours are irregular.
 */
export function simpleHours(
  windows: readonly HoursWindow[],
): { days: DayOfWeek[]; start: string; end: string } | null {
  if (windows.length === 0) return null;
  const start = clockText(windows[0]!.startTime);
  const end = clockText(windows[0]!.endTime);
  const days = windows.map((w) => w.startDay);
  const again = weeklyWindows(days, start, end);
  const same =
    again.length === windows.length &&
    again.every((w) =>
      windows.some(
        (x) =>
          x.startDay === w.startDay &&
          x.endDay === w.endDay &&
          clockText(x.startTime) === w.startTime &&
          clockText(x.endTime) === w.endTime,
      ),
    );
  return same ? { days: again.map((w) => w.startDay), start, end } : null;
}
