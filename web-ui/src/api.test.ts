import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, readCookie, type Session } from './api';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A client whose fetch records each request and answers with the given responses in turn. */
function client(responses: Response[], cookies = '') {
  const sent: Sent[] = [];
  const api = new ApiClient({
    cookies: () => cookies,
    fetch: async (input, init) => {
      sent.push({
        url: String(input),
        method: init?.method ?? 'GET',
        headers: (init?.headers ?? {}) as Record<string, string>,
        body: init?.body as string | undefined,
      });
      const next = responses.shift();
      if (!next) throw new Error('no response queued');
      return next;
    },
  });
  return { api, sent };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const session: Session = {
  tenant: { id: 't1', slug: 'acme', name: 'Acme' },
  user: {
    id: 'u1',
    email: 'ann@acme.test',
    name: 'Ann',
    role: 'owner',
    timeZone: 'UTC',
    active: true,
    statusUpdates: false,
    createdAt: '2026-01-01T00:00:00Z',
  },
  authMethod: 'SESSION',
  csrfToken: 'token-from-body',
  expiresAt: '2026-01-02T00:00:00Z',
};

describe('ApiClient', () => {
  it('sends JSON to /api/v1 and parses the JSON answer', async () => {
    const { api, sent } = client([json(201, { id: 'team-1', name: 'Payments' })]);

    const team = await api.createTeam({ name: 'Payments', kind: 'engineering' });

    expect(team.name).toBe('Payments');
    expect(sent[0]).toMatchObject({ url: '/api/v1/teams', method: 'POST' });
    expect(sent[0]?.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(sent[0]?.body ?? '')).toEqual({ name: 'Payments', kind: 'engineering' });
  });

  it('echoes the sb_csrf cookie in X-CSRF-Token on writes but not on reads', async () => {
    const { api, sent } = client(
      [json(200, { items: [] }), new Response(null, { status: 204 })],
      'theme=dark; sb_csrf=abc123; other=1',
    );

    await api.listTeams();
    await api.deleteTeam('t-9');

    expect(sent[0]?.headers['X-CSRF-Token']).toBeUndefined();
    expect(sent[1]?.method).toBe('DELETE');
    expect(sent[1]?.url).toBe('/api/v1/teams/t-9');
    expect(sent[1]?.headers['X-CSRF-Token']).toBe('abc123');
  });

  it('falls back to the token from the login response when the cookie is not readable', async () => {
    const { api, sent } = client([json(200, session), json(201, { id: 'x' })]);

    await api.login({ tenant: 'acme', email: 'ann@acme.test', password: 'correct horse' });
    await api.createTeam({ name: 'Ops', kind: 'support' });

    expect(sent[1]?.headers['X-CSRF-Token']).toBe('token-from-body');
  });

  it('turns the API error body into an ApiError with its field messages', async () => {
    const { api } = client([
      json(422, {
        error: {
          code: 'validation_failed',
          message: 'password size must be between 10 and 200',
          fields: [{ field: 'password', message: 'size must be between 10 and 200' }],
        },
      }),
    ]);

    const error = await api
      .signup({ organization: 'Acme', name: 'Ann', email: 'a@acme.test', password: 'short' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.code).toBe('validation_failed');
    expect(apiError.message).toBe('password size must be between 10 and 200');
    expect(apiError.messagesFor('password')).toEqual(['size must be between 10 and 200']);
  });

  it('reports a non-JSON failure by its status', async () => {
    const { api } = client([new Response('<html>Bad gateway</html>', { status: 502 })]);

    const error = (await api.listUsers().catch((e: unknown) => e)) as ApiError;

    expect(error.status).toBe(502);
    expect(error.code).toBe('http_502');
    expect(error.fields).toEqual([]);
  });

  it('reports an unreachable server as status 0', async () => {
    const api = new ApiClient({
      cookies: () => '',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });

    const error = (await api.currentSession().catch((e: unknown) => e)) as ApiError;

    expect(error.status).toBe(0);
    expect(error.code).toBe('network');
  });

  it('leaves blank optional fields out of signup so the server picks its defaults', async () => {
    const { api, sent } = client([json(201, session)]);

    await api.signup({
      organization: 'Acme',
      slug: '  ',
      name: 'Ann',
      email: 'ann@acme.test',
      password: 'long enough password',
      timeZone: '',
    });

    expect(JSON.parse(sent[0]?.body ?? '')).toEqual({
      organization: 'Acme',
      name: 'Ann',
      email: 'ann@acme.test',
      password: 'long enough password',
    });
  });

  it('encodes search text and path ids', async () => {
    const { api, sent } = client([json(200, { items: [] }), json(200, { items: [] })]);

    await api.searchServices('  checkout & pay ');
    await api.auditPage({ before: 42, limit: 25 });

    expect(sent[0]?.url).toBe('/api/v1/services?q=checkout%20%26%20pay');
    expect(sent[1]?.url).toBe('/api/v1/audit?limit=25&before=42');
  });

  it('asks for every service up to a limit when the query is empty', async () => {
    const { api, sent } = client([json(200, { items: [] })]);

    await api.searchServices('', 500);

    expect(sent[0]?.url).toBe('/api/v1/services?limit=500');
  });

  it('lists incidents by status as a comma list, a page before a number', async () => {
    const { api, sent } = client([
      json(200, { items: [] }),
      json(200, { items: [{ id: 'i-1', number: 7 }] }),
    ]);

    await api.listIncidents();
    const items = await api.listIncidents({
      statuses: ['triggered', 'acknowledged'],
      before: 12,
      limit: 50,
    });

    expect(sent[0]?.url).toBe('/api/v1/incidents');
    expect(sent[1]?.url).toBe(
      '/api/v1/incidents?status=triggered%2Cacknowledged&before=12&limit=50',
    );
    expect(items).toEqual([{ id: 'i-1', number: 7 }]);
  });

  it('triggers without a blank details field and acts on an incident with the CSRF token', async () => {
    const { api, sent } = client(
      [
        json(201, { incident: { id: 'i/1', number: 3 }, deduplicated: false }),
        json(200, { id: 'i/1', status: 'acknowledged' }),
        json(200, { incident: { id: 'i/1' } }),
      ],
      'sb_csrf=tok',
    );

    const result = await api.triggerIncident({
      serviceId: 's-1',
      title: 'Checkout is down',
      details: '  ',
      urgency: 'high',
    });
    await api.acknowledgeIncident('i/1');
    await api.changeIncidentUrgency('i/1', 'low');

    expect(result.incident.number).toBe(3);
    expect(JSON.parse(sent[0]?.body ?? '')).toEqual({
      serviceId: 's-1',
      title: 'Checkout is down',
      urgency: 'high',
    });
    expect(sent[1]).toMatchObject({ url: '/api/v1/incidents/i%2F1/acknowledge', method: 'POST' });
    expect(sent[1]?.body).toBeUndefined();
    expect(sent[1]?.headers['X-CSRF-Token']).toBe('tok');
    expect(sent[2]).toMatchObject({ url: '/api/v1/incidents/i%2F1/urgency', method: 'PUT' });
    expect(JSON.parse(sent[2]?.body ?? '')).toEqual({ urgency: 'low' });
  });

  it('reports a conflicting action with the API message', async () => {
    const { api } = client([
      json(409, { error: { code: 'conflict', message: 'incident is resolved' } }),
    ]);

    const error = (await api.escalateIncident('i-1').catch((e: unknown) => e)) as ApiError;

    expect(error.status).toBe(409);
    expect(error.message).toBe('incident is resolved');
  });
});

describe('readCookie', () => {
  it('finds a cookie by exact name', () => {
    expect(readCookie('sb_csrf_old=1; sb_csrf=two', 'sb_csrf')).toBe('two');
    expect(readCookie('a=1', 'sb_csrf')).toBeNull();
    expect(readCookie('sb_csrf=', 'sb_csrf')).toBeNull();
  });
});
