// What the incident screens decide without the DOM: which statuses a filter shows, who may do
// what, which actions fit an incident's status, and how an escalation's position reads.

import type { Escalation, IncidentStatus, Role } from './api';

/** The list's status filter: open (triggered and acknowledged), resolved, or everything. */
export type IncidentFilter = 'open' | 'resolved' | 'all';

export const INCIDENT_FILTERS: readonly { value: IncidentFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];

/** `?status=` of /incidents; anything unknown (or nothing) means open. */
export function parseIncidentFilter(value: string | null): IncidentFilter {
  return value === 'resolved' || value === 'all' ? value : 'open';
}

/** The statuses to ask the API for; empty means all. */
export function filterStatuses(filter: IncidentFilter): IncidentStatus[] {
  switch (filter) {
    case 'open':
      return ['triggered', 'acknowledged'];
    case 'resolved':
      return ['resolved'];
    case 'all':
      return [];
  }
}

/** The list's address for a filter (open is the default, so it has no parameter). */
export function incidentsPath(filter: IncidentFilter): string {
  return filter === 'open' ? '/incidents' : `/incidents?status=${filter}`;
}

/** Owners, admins, responders and support agents may trigger incidents. */
export function canTrigger(role: Role): boolean {
  return role !== 'viewer';
}

/** Owners, admins and responders work incidents: urgency, reassignment, responders. */
export function canRespond(role: Role): boolean {
  return role === 'owner' || role === 'admin' || role === 'responder';
}

/**
 * Whoever may be paged acknowledges, resolves and escalates: responders and up, and support
 * agents (specialists are paged when a ticket's SLA breaches). Not viewers.
 */
export function canAcknowledge(role: Role): boolean {
  return role !== 'viewer';
}

/** Everyone but viewers may add notes. */
export function canAddNote(role: Role): boolean {
  return role !== 'viewer';
}

export type IncidentAction = 'acknowledge' | 'resolve' | 'escalate';

/**
 * The actions that make sense for the status, in the order they are shown: only a triggered
 * incident is acknowledged or escalated; an open one may be resolved; a resolved one takes none.
 */
export function incidentActions(status: IncidentStatus, role: Role): IncidentAction[] {
  if (!canAcknowledge(role)) return [];
  switch (status) {
    case 'triggered':
      return ['acknowledge', 'resolve', 'escalate'];
    case 'acknowledged':
      return ['resolve'];
    case 'resolved':
      return [];
  }
}

/** "step 2, repeat 1" — counted from 1 as the timeline does; the first round is no repeat. */
export function stepText(escalation: Pick<Escalation, 'round' | 'step'>): string {
  return `step ${escalation.step + 1}${escalation.round > 0 ? `, repeat ${escalation.round}` : ''}`;
}

/** Where an escalation stands, in words (without its times, which the view formats). */
export function escalationPosition(
  escalation: Pick<Escalation, 'state' | 'round' | 'step' | 'userId' | 'policyId'>,
): string {
  const direct = escalation.policyId === null && escalation.userId !== null;
  switch (escalation.state) {
    case 'waiting':
      return 'Waiting for a maintenance window to end or for support hours to start';
    case 'active':
      return direct ? 'Paging' : `Paging, at ${stepText(escalation)}`;
    case 'exhausted':
      return direct
        ? 'Exhausted: nobody acknowledged'
        : `Exhausted after ${stepText(escalation)}: every step ran and nobody acknowledged`;
    case 'stopped':
      return direct ? 'Stopped' : `Stopped at ${stepText(escalation)}`;
  }
}

/** What the list shows, as its address says: status, only mine, one service. */
export interface IncidentListFilters {
  status: IncidentFilter;
  /** Only incidents that paged me or are assigned to me. */
  mine: boolean;
  /** One service's incidents; empty for every service. */
  serviceId: string;
}

/** Reads `?status=&mine=1&service=` (the part after `?`, or with it). */
export function parseListFilters(search: string): IncidentListFilters {
  const params = new URLSearchParams(search);
  return {
    status: parseIncidentFilter(params.get('status')),
    mine: params.get('mine') === '1',
    serviceId: params.get('service') ?? '',
  };
}

/** The list's address for some filters; the defaults (open, everyone's, every service) are left out. */
export function listFiltersPath(filters: IncidentListFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== 'open') params.set('status', filters.status);
  if (filters.mine) params.set('mine', '1');
  if (filters.serviceId !== '') params.set('service', filters.serviceId);
  const search = params.toString();
  return search === '' ? '/incidents' : `/incidents?${search}`;
}

/** What an empty list says, and what to do about it. */
export function emptyListText(filters: IncidentListFilters): string {
  const narrowed = filters.mine || filters.serviceId !== '';
  const base =
    filters.status === 'open'
      ? narrowed
        ? 'No open incidents here. All quiet.'
        : 'No open incidents. All quiet.'
      : filters.status === 'resolved'
        ? 'No resolved incidents yet.'
        : 'No incidents yet.';
  if (filters.mine)
    return `${base} None paged you or was assigned to you; show everyone’s to see the rest.`;
  if (filters.serviceId !== '') return `${base} Choose “All services” to see the others.`;
  return filters.status === 'open' ? `${base} Trigger one below when something is wrong.` : base;
}
