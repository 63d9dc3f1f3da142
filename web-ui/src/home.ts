// What the home page decides without the DOM: which open incidents are paging the viewer, and
// where they stand on call (on now, until when; next shift).

import type { IncidentDetail } from './api';
import type { OnCallEntry } from './api/profile';

/** Is the incident paging this person: a direct assignment, or a message sent or due to them? */
export function isPaging(
  detail: Pick<IncidentDetail, 'escalations' | 'notifications'>,
  userId: string,
) {
  return (
    detail.escalations.some((e) => e.userId === userId && e.endedAt === null) ||
    detail.notifications.some((n) => n.userId === userId)
  );
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
