import { describe, expect, it } from 'vitest';
import { parseRoute } from './router';

describe('parseRoute', () => {
  it('shows open incidents unless the status filter says resolved or all', () => {
    expect(parseRoute('/incidents', '')).toEqual({ name: 'incidents', filter: 'open' });
    expect(parseRoute('/incidents/', '?status=resolved')).toEqual({
      name: 'incidents',
      filter: 'resolved',
    });
    expect(parseRoute('/incidents', '?status=all')).toEqual({ name: 'incidents', filter: 'all' });
    expect(parseRoute('/incidents', '?status=bogus')).toEqual({
      name: 'incidents',
      filter: 'open',
    });
  });

  it('reads an incident id from its path, decoded', () => {
    expect(parseRoute('/incidents/6f1c-42', '')).toEqual({ name: 'incident', id: '6f1c-42' });
    expect(parseRoute('/incidents/a%20b', '')).toEqual({ name: 'incident', id: 'a b' });
  });

  it('does not take deeper or broken paths for an incident or a team', () => {
    expect(parseRoute('/incidents/1/timeline', '')).toEqual({
      name: 'not-found',
      path: '/incidents/1/timeline',
    });
    expect(parseRoute('/incidents/%E0%A4', '')).toEqual({
      name: 'not-found',
      path: '/incidents/%E0%A4',
    });
    expect(parseRoute('/teams/%zz', '')).toEqual({ name: 'not-found', path: '/teams/%zz' });
  });

  it('keeps the existing routes', () => {
    expect(parseRoute('/', '')).toEqual({ name: 'services', query: '' });
    expect(parseRoute('/services', '?q=pay')).toEqual({ name: 'services', query: 'pay' });
    expect(parseRoute('/teams/t-1', '')).toEqual({ name: 'team', id: 't-1' });
    expect(parseRoute('/accept-invitation', '?token=x')).toEqual({
      name: 'accept-invitation',
      token: 'x',
    });
  });
});
