import { describe, expect, it } from 'vitest';
import { ROLES } from './api';
import {
  canAddNote,
  canAcknowledge,
  canRespond,
  canTrigger,
  emptyListText,
  escalationPosition,
  filterStatuses,
  incidentActions,
  incidentsPath,
  listFiltersPath,
  parseListFilters,
  parseIncidentFilter,
} from './incidents';

describe('incident filters', () => {
  it('asks the API for triggered and acknowledged when open, nothing when all', () => {
    expect(filterStatuses('open')).toEqual(['triggered', 'acknowledged']);
    expect(filterStatuses('resolved')).toEqual(['resolved']);
    expect(filterStatuses('all')).toEqual([]);
  });

  it('round-trips each filter through its address', () => {
    for (const filter of ['open', 'resolved', 'all'] as const) {
      const url = new URL(incidentsPath(filter), 'http://x');
      expect(parseIncidentFilter(url.searchParams.get('status'))).toBe(filter);
    }
    expect(incidentsPath('open')).toBe('/incidents');
  });
});

describe('who may do what with incidents', () => {
  it('follows the API roles: agents trigger, add notes and acknowledge; responders and up do the rest', () => {
    const allowed = (check: (role: (typeof ROLES)[number]) => boolean) => ROLES.filter(check);
    expect(allowed(canTrigger)).toEqual(['owner', 'admin', 'responder', 'agent']);
    expect(allowed(canAddNote)).toEqual(['owner', 'admin', 'responder', 'agent']);
    expect(allowed(canRespond)).toEqual(['owner', 'admin', 'responder']);
    expect(allowed(canAcknowledge)).toEqual(['owner', 'admin', 'responder', 'agent']);
  });

  it('offers only the actions that fit the status', () => {
    expect(incidentActions('triggered', 'responder')).toEqual([
      'acknowledge',
      'resolve',
      'escalate',
    ]);
    expect(incidentActions('acknowledged', 'admin')).toEqual(['resolve']);
    expect(incidentActions('resolved', 'owner')).toEqual([]);
    expect(incidentActions('triggered', 'agent')).toEqual(['acknowledge', 'resolve', 'escalate']);
    expect(incidentActions('triggered', 'viewer')).toEqual([]);
  });
});

describe('escalationPosition', () => {
  const policy = { policyId: 'p-1', userId: null };

  it('counts steps from 1 and repeats after the first round, as the timeline does', () => {
    expect(escalationPosition({ ...policy, state: 'active', round: 0, step: 0 })).toBe(
      'Paging, at step 1',
    );
    expect(escalationPosition({ ...policy, state: 'active', round: 2, step: 1 })).toBe(
      'Paging, at step 2, repeat 2',
    );
  });

  it('says when a policy is exhausted, stopped or waiting', () => {
    expect(escalationPosition({ ...policy, state: 'exhausted', round: 1, step: 1 })).toBe(
      'Exhausted after step 2, repeat 1: every step ran and nobody acknowledged',
    );
    expect(escalationPosition({ ...policy, state: 'stopped', round: 0, step: 0 })).toBe(
      'Stopped at step 1',
    );
    expect(escalationPosition({ ...policy, state: 'waiting', round: 0, step: 0 })).toMatch(
      /^Waiting/,
    );
  });

  it('leaves steps out for someone paged directly', () => {
    const direct = { policyId: null, userId: 'u-1', round: 0, step: 0 };
    expect(escalationPosition({ ...direct, state: 'active' })).toBe('Paging');
    expect(escalationPosition({ ...direct, state: 'stopped' })).toBe('Stopped');
  });
});

describe('the list’s filters in its address', () => {
  it('reads status, mine and service, defaulting to everyone’s open incidents', () => {
    expect(parseListFilters('')).toEqual({ status: 'open', mine: false, serviceId: '' });
    expect(parseListFilters('?status=resolved&mine=1&service=s-1')).toEqual({
      status: 'resolved',
      mine: true,
      serviceId: 's-1',
    });
  });

  it('round-trips through the address and leaves the defaults out', () => {
    expect(listFiltersPath({ status: 'open', mine: false, serviceId: '' })).toBe('/incidents');
    for (const filters of [
      { status: 'all' as const, mine: true, serviceId: 'a b' },
      { status: 'open' as const, mine: false, serviceId: 'x' },
      { status: 'resolved' as const, mine: true, serviceId: '' },
    ]) {
      const path = listFiltersPath(filters);
      expect(parseListFilters(path.slice(path.indexOf('?')))).toEqual(filters);
    }
  });

  it('says what to do when nothing matches', () => {
    expect(emptyListText({ status: 'open', mine: false, serviceId: '' })).toMatch(
      /^No open incidents\. All quiet\./,
    );
    expect(emptyListText({ status: 'open', mine: true, serviceId: '' })).toMatch(/everyone’s/);
    expect(emptyListText({ status: 'all', mine: false, serviceId: 's' })).toMatch(/All services/);
  });
});
