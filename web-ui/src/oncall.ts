// The on-call page's logic: the text filter, and one person's coming shifts across schedules.

import type { ScheduleSummary, ShiftView, TenantOnCall } from './api/schedules';

/** Whether a row matches the text filter: schedule, team or the person on call, any case. */
export function matchesOnCall(item: TenantOnCall['items'][number], text: string): boolean {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [item.schedule.name, item.schedule.team?.name, item.user?.name, item.user?.email]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return words.every((w) => haystack.includes(w));
}

export interface MyShift {
  schedule: ScheduleSummary;
  start: string;
  end: string;
}

/** The person's shifts on every schedule, soonest first. */
export function myUpcomingShifts(
  schedules: { schedule: ScheduleSummary; shifts: ShiftView[] }[],
  userId: string,
): MyShift[] {
  return schedules
    .flatMap(({ schedule, shifts }) =>
      shifts
        .filter((s) => s.userId === userId)
        .map((s) => ({ schedule, start: s.start, end: s.end })),
    )
    .sort(
      (a, b) =>
        Date.parse(a.start) - Date.parse(b.start) || a.schedule.name.localeCompare(b.schedule.name),
    );
}
