// The SLA policy editor's state and its translation to and from the API's definition, kept pure
// so it is tested apart from the screen. Field names in the editor are the API's own paths
// (targets[0].firstResponseMinutes, businessHours.windows[1].endTime…) so every error the API
// names lands under its field.

import type {
  BusinessWindow,
  Day,
  SlaPolicy,
  SlaPolicyDefinition,
  TicketPriority,
} from '../api/support';
import { DAYS, TICKET_PRIORITIES } from '../api/support';

export interface TargetRow {
  priority: string;
  first: string;
  next: string;
  resolution: string;
}

export interface SlaDraft {
  name: string;
  tier: string;
  warningPercent: string;
  escalationPolicyId: string;
  allDay: boolean;
  timeZone: string;
  windows: BusinessWindow[];
  /** One local date (YYYY-MM-DD) a line. */
  holidays: string;
  targets: TargetRow[];
}

const WEEKDAYS: Day[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];

export function officeHours(): BusinessWindow[] {
  return WEEKDAYS.map((d) => ({ startDay: d, startTime: '09:00', endDay: d, endTime: '17:00' }));
}

/** A new policy: every priority listed (remove what you do not need), office hours ready. */
export function newDraft(zone: string): SlaDraft {
  return {
    name: '',
    tier: '',
    warningPercent: '75',
    escalationPolicyId: '',
    allDay: true,
    timeZone: zone,
    windows: officeHours(),
    holidays: '',
    targets: TICKET_PRIORITIES.map((p) => ({ priority: p, first: '', next: '', resolution: '' })),
  };
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function draftOf(policy: SlaPolicy, zone: string): SlaDraft {
  const hours = policy.businessHours;
  return {
    name: policy.name,
    tier: policy.tier,
    warningPercent: String(policy.warningPercent),
    escalationPolicyId: policy.escalationPolicyId,
    allDay: hours === null,
    timeZone: hours?.timeZone ?? zone,
    windows: hours ? hours.windows.map((w) => ({ ...w, ...times(w) })) : officeHours(),
    holidays: (hours?.holidays ?? []).join('\n'),
    targets: policy.targets.map((t) => ({
      priority: t.priority,
      first: text(t.firstResponseMinutes),
      next: text(t.nextResponseMinutes),
      resolution: text(t.resolutionMinutes),
    })),
  };
}

/** "09:00:00" as the API may write it, for an <input type="time">. */
function times(w: BusinessWindow): Pick<BusinessWindow, 'startTime' | 'endTime'> {
  return { startTime: w.startTime.slice(0, 5), endTime: w.endTime.slice(0, 5) };
}

function minutes(value: string): number | null {
  const v = value.trim();
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** The body of POST/PUT /sla-policies; the API validates it and names every field in error. */
export function definitionOf(draft: SlaDraft): SlaPolicyDefinition {
  return {
    name: draft.name,
    tier: draft.tier.trim(),
    warningPercent: minutes(draft.warningPercent),
    escalationPolicyId: draft.escalationPolicyId === '' ? null : draft.escalationPolicyId,
    targets: draft.targets.map((t) => ({
      priority: t.priority,
      firstResponseMinutes: minutes(t.first),
      nextResponseMinutes: minutes(t.next),
      resolutionMinutes: minutes(t.resolution),
    })),
    businessHours: draft.allDay
      ? null
      : {
          timeZone: draft.timeZone.trim(),
          windows: draft.windows,
          holidays: draft.holidays
            .split(/[\s,]+/)
            .map((d) => d.trim())
            .filter((d) => d !== ''),
        },
  };
}

const DAY_SHORT: Record<Day, string> = {
  MONDAY: 'Mon',
  TUESDAY: 'Tue',
  WEDNESDAY: 'Wed',
  THURSDAY: 'Thu',
  FRIDAY: 'Fri',
  SATURDAY: 'Sat',
  SUNDAY: 'Sun',
};

export function dayLabel(day: Day): string {
  return DAY_SHORT[day] ?? day;
}

export const DAY_OPTIONS = DAYS.map((d) => ({
  value: d,
  label: d[0] + d.slice(1).toLowerCase(),
}));

/** "Mon 09:00–17:00", or "Fri 22:00 – Mon 06:00" for a window across days. */
export function windowText(w: BusinessWindow): string {
  const { startTime, endTime } = times(w);
  return w.startDay === w.endDay
    ? `${dayLabel(w.startDay)} ${startTime}–${endTime}`
    : `${dayLabel(w.startDay)} ${startTime} – ${dayLabel(w.endDay)} ${endTime}`;
}

/** "30 min", "4 h", "1 d 2 h 30 min", or "no clock" for a metric without a target. */
export function targetText(minutesValue: number | null): string {
  if (minutesValue === null) return 'no clock';
  const d = Math.floor(minutesValue / 1440);
  const h = Math.floor((minutesValue % 1440) / 60);
  const m = minutesValue % 60;
  const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`].filter(Boolean);
  return parts.length === 0 ? '0 min' : parts.join(' ');
}

/**
 * Weekly windows in a few words: runs of consecutive days with the same hours joined, e.g.
 * "Mon–Fri 09:00–17:00, Sat 10:00–14:00"; windows across days as they are.
 */
export function windowsText(windows: readonly BusinessWindow[]): string {
  const parts: string[] = [];
  let run: { first: Day; last: Day; start: string; end: string } | null = null;
  const flush = () => {
    if (!run) return;
    const days =
      run.first === run.last ? dayLabel(run.first) : `${dayLabel(run.first)}–${dayLabel(run.last)}`;
    parts.push(`${days} ${run.start}–${run.end}`);
    run = null;
  };
  for (const w of windows) {
    const { startTime, endTime } = times(w);
    if (w.startDay !== w.endDay) {
      flush();
      parts.push(windowText(w));
      continue;
    }
    const follows =
      run !== null &&
      run.start === startTime &&
      run.end === endTime &&
      DAYS.indexOf(w.startDay) === DAYS.indexOf(run.last) + 1;
    if (follows) {
      run!.last = w.startDay;
    } else {
      flush();
      run = { first: w.startDay, last: w.startDay, start: startTime, end: endTime };
    }
  }
  flush();
  return parts.join(', ');
}

export function priorityLabel(p: string): string {
  return (TICKET_PRIORITIES as readonly string[]).includes(p as TicketPriority)
    ? p[0]!.toUpperCase() + p.slice(1)
    : p;
}
