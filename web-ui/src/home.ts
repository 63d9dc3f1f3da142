// What the home page decides without the DOM: which open incidents paged the viewer, and
// where they stand on call (on now, until when; next shift).

import type { Incident } from './api';
import type { IncidentListPage } from './api/incidents';
import type { OnCallEntry } from './api/profile';

/**
 * Splits a page of open incidents into those that paged this person or are assigned to them (the
 * list's `paged` map, as its "only mine" filter reads it) and the others, both newest first.
 */
export function splitMine(page: IncidentListPage, userId: string) {
  const paging: Incident[] = [];
  const others: Incident[] = [];
  for (const incident of page.items) {
    const mine = (page.paged[incident.id] ?? []).some((person) => person.id === userId);
    (mine ? paging : others).push(incident);
  }
  return { paging, others };
}

export interface OnCallSummary {
  /** Schedules the person is on call for now, each with the end of the current shift. */
  now: { schedule: OnCallEntry['schedule']; until: string | null }[];
  /** Their next shift that has not started, on whichever schedule comes first. */
  next: { schedule: OnCallEntry['schedule']; start: string; end: string } | null;
}

export function onCallSummary(
  items: readonly OnCallEntry[],
  userId: string,
  now: Date,
): OnCallSummary {
  const at = now.getTime();
  const onNow = items
    .filter((i) => i.user?.id === userId)
    .map((i) => ({
      schedule: i.schedule,
      until: i.nextShift && Date.parse(i.nextShift.start) <= at ? i.nextShift.end : null,
    }));
  const upcoming = items
    .filter((i) => i.nextShift && Date.parse(i.nextShift.start) > at)
    .map((i) => ({ schedule: i.schedule, start: i.nextShift!.start, end: i.nextShift!.end }))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return { now: onNow, next: upcoming[0] ?? null };
}
