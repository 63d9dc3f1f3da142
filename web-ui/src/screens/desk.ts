// The desk's arithmetic, kept apart from the screens so it is tested on its own: how long a
// clock has left at an instant, how at risk a ticket is, the queue's order and its filters.

import type { SlaClock, TicketEvent, TicketItem, TicketPriority } from '../api/support';
import { durationText } from '../ui/time';

const PRIORITY_RANK: Record<TicketPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/**
 * Milliseconds a clock has left at `now` (negative once overdue): counted down to its due time
 * while running, frozen at the server's remaining time while paused; null once met.
 */
export function clockRemainingMs(clock: SlaClock, now: Date): number | null {
  if (clock.status === 'met') return null;
  if (clock.status !== 'paused' && clock.dueAt) {
    return Date.parse(clock.dueAt) - now.getTime();
  }
  return clock.remainingSeconds === null ? null : clock.remainingSeconds * 1000;
}

/** Whether a clock is past its target at `now` (breached, or due and the server not yet told). */
export function isOverdue(clock: SlaClock, now: Date): boolean {
  if (clock.status === 'breached') return true;
  if (clock.status !== 'active') return false;
  const left = clockRemainingMs(clock, now);
  return left !== null && left <= 0;
}

/** "due in 12 min", "breached 5 min ago", "paused, 2 h left", "met". */
export function clockText(clock: SlaClock, now: Date): string {
  if (clock.status === 'met') return 'met';
  const left = clockRemainingMs(clock, now);
  if (clock.status === 'paused') {
    return left === null ? 'paused' : `paused, ${durationText(left)} left`;
  }
  if (left === null) return clock.status;
  if (isOverdue(clock, now)) return `breached ${durationText(-left)} ago`;
  return `due in ${durationText(left)}`;
}

export interface Risk {
  /** 0 breached, 1 running, 2 only paused clocks, 3 no running clock. */
  rank: 0 | 1 | 2 | 3;
  /** Within the rank: the most pressing clock's time left (ms); most overdue or soonest first. */
  ms: number;
  /** The clock that decides, if any. */
  clock: SlaClock | null;
}

/** How close a ticket is to missing its SLA: its most pressing clock. */
export function ticketRisk(ticket: { sla: SlaClock[] }, now: Date): Risk {
  let best: Risk = { rank: 3, ms: Number.POSITIVE_INFINITY, clock: null };
  for (const clock of ticket.sla) {
    const left = clockRemainingMs(clock, now);
    if (left === null) continue;
    const rank = isOverdue(clock, now) ? 0 : clock.status === 'paused' ? 2 : 1;
    if (rank < best.rank || (rank === best.rank && left < best.ms)) {
      best = { rank, ms: left, clock };
    }
  }
  return best;
}

/**
 * The queue by SLA risk: breached first (most overdue first), then running clocks by the soonest
 * due, then tickets whose clocks are all paused, then tickets without clocks; ties by priority
 * and then the oldest ticket first.
 */
export function sortByRisk<T extends TicketItem>(tickets: readonly T[], now: Date): T[] {
  const risks = new Map(tickets.map((t) => [t.id, ticketRisk(t, now)]));
  return [...tickets].sort((a, b) => {
    const ra = risks.get(a.id)!;
    const rb = risks.get(b.id)!;
    if (ra.rank !== rb.rank) return ra.rank - rb.rank;
    if (ra.ms !== rb.ms) return ra.ms < rb.ms ? -1 : 1;
    const pa = PRIORITY_RANK[a.priority] ?? 9;
    const pb = PRIORITY_RANK[b.priority] ?? 9;
    if (pa !== pb) return pa - pb;
    return Date.parse(a.createdAt) - Date.parse(b.createdAt);
  });
}

export interface QueueFilters {
  /** 'all', 'mine' or 'unassigned'. */
  who: 'all' | 'mine' | 'unassigned';
  /** A priority, or '' for any. */
  priority: string;
  /** A tier, or '' for any; '-' for tickets without a customer tier. */
  tier: string;
}

export function filterTickets<T extends TicketItem>(
  tickets: readonly T[],
  filters: QueueFilters,
  me: string,
): T[] {
  return tickets.filter(
    (t) =>
      (filters.who === 'all' ||
        (filters.who === 'mine' ? t.assigneeId === me : t.assigneeId === null)) &&
      (filters.priority === '' || t.priority === filters.priority) &&
      (filters.tier === '' || (filters.tier === '-' ? t.tier === null : t.tier === filters.tier)),
  );
}

/** The tiers that occur among the tickets, sorted, for the tier filter. */
export function tiersOf(tickets: readonly TicketItem[]): string[] {
  return [...new Set(tickets.map((t) => t.tier).filter((t): t is string => t !== null))].sort();
}

/** Who may work tickets (create, reply, change, escalate, link): owners, admins and agents. */
export function canWorkTickets(role: string): boolean {
  return role === 'owner' || role === 'admin' || role === 'agent';
}

/** Kinds of ticket event whose body is a message someone reads in the conversation. */
export const MESSAGE_KINDS: ReadonlySet<string> = new Set([
  'public_reply',
  'customer_reply',
  'internal_note',
  'incident_update',
  'suggested_reply',
]);

const words = (value: unknown) => String(value ?? '').replace(/_/g, ' ');

/** One line saying what a ticket event was, e.g. "Ann changed the status from new to open". */
export function eventSummary(event: TicketEvent): string {
  const who = event.actor ?? 'Someone';
  const data = event.data ?? {};
  switch (event.kind) {
    case 'created':
      return `${who} opened the ticket (priority ${words(data.priority)})`;
    case 'public_reply':
      return `${who} replied to the customer`;
    case 'customer_reply':
      return `The customer wrote${event.actor ? ` (through ${event.actor})` : ''}`;
    case 'internal_note':
      return `Internal note by ${who}`;
    case 'status_changed':
      return `${who} changed the status from ${words(data.from)} to ${words(data.to)}`;
    case 'priority_changed':
      return `${who} changed the priority from ${words(data.from)} to ${words(data.to)}`;
    case 'customer_changed':
      return `${who} changed the customer`;
    case 'service_changed':
      return `${who} changed the service`;
    case 'incident_update':
      return `Incident update${event.actor ? ` from ${event.actor}` : ''}`;
    case 'suggested_reply':
      return `Suggested reply from the “${words(data.template)}” template`;
    case 'follow_up_due':
      return `Follow-up due${event.body ? `: ${event.body}` : ''}`;
    default:
      return event.body ? `${who}: ${event.body}` : `${who}: ${words(event.kind)}`;
  }
}

/** The newest suggested reply no public reply has answered yet, if any. */
export function pendingSuggestion(events: readonly TicketEvent[]): TicketEvent | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.kind === 'public_reply') return null;
    if (e.kind === 'suggested_reply' && e.body) return e;
  }
  return null;
}
