// The one way the UI talks to Switchboard: every call to /api/v1 goes through ApiClient, which
// sends JSON, echoes the session's CSRF token on writes and turns the API's error body
// {"error":{"code","message","fields":[{field,message}]}} into an ApiError.

export type Role = 'owner' | 'admin' | 'responder' | 'agent' | 'viewer';
export const ROLES: readonly Role[] = ['owner', 'admin', 'responder', 'agent', 'viewer'];

export type TeamKind = 'engineering' | 'support';
export const TEAM_KINDS: readonly TeamKind[] = ['engineering', 'support'];

export interface Tenant {
  id: string;
  slug: string;
  name: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  timeZone: string;
  active: boolean;
  /** Told by the channel that paged them when an incident they were paged for is handled. */
  statusUpdates: boolean;
  createdAt: string;
}

export interface Session {
  tenant: Tenant;
  user: User;
  authMethod: string;
  csrfToken: string | null;
  expiresAt: string | null;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedInvitation {
  invitation: Invitation;
  acceptUrl: string;
}

export interface Team {
  id: string;
  name: string;
  kind: TeamKind;
  description: string | null;
  memberCount: number;
  serviceCount: number;
  createdAt: string;
}

export interface TeamMember {
  id: string;
  name: string;
  email: string;
  active: boolean;
  addedAt: string;
}

export interface TeamDetail {
  id: string;
  name: string;
  kind: TeamKind;
  description: string | null;
  members: TeamMember[];
  services: { id: string; name: string }[];
  createdAt: string;
}

export interface Service {
  id: string;
  name: string;
  description: string | null;
  team: { id: string; name: string; kind: TeamKind };
  /** The escalation policy its incidents page; null: incidents open but page nobody. */
  escalationPolicyId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  tokenHint: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  key: ApiKey;
  token: string;
}

export interface AuditEvent {
  id: number;
  occurredAt: string;
  actorId: string | null;
  actorKind: string;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: string;
  clientIp: string | null;
}

export interface AuditPage {
  items: AuditEvent[];
  nextBefore: number | null;
}

export type IncidentStatus = 'triggered' | 'acknowledged' | 'resolved';
export const INCIDENT_STATUSES: readonly IncidentStatus[] = [
  'triggered',
  'acknowledged',
  'resolved',
];

export type Urgency = 'high' | 'low';
export const URGENCIES: readonly Urgency[] = ['high', 'low'];

/** An incident. The *By fields are display names ("Ann Owner", "api key ci", "Switchboard"). */
export interface Incident {
  id: string;
  number: number;
  serviceId: string;
  serviceName: string;
  title: string;
  details: string | null;
  urgency: Urgency;
  status: IncidentStatus;
  dedupKey: string | null;
  alertCount: number;
  createdBy: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type EscalationState = 'waiting' | 'active' | 'exhausted' | 'stopped';

/**
 * One policy (or one directly assigned user) paging for an incident. `round` and `step` count
 * from 0 and say which step fired last; `nextAt` is when the next one fires, if any.
 */
export interface Escalation {
  id: string;
  incidentId: string;
  policyId: string | null;
  policyName: string | null;
  userId: string | null;
  origin: 'service' | 'reassignment' | 'responder';
  state: EscalationState;
  round: number;
  step: number;
  nextAt: string | null;
  startedAt: string;
  endedAt: string | null;
}

export type NotificationStatus =
  | 'scheduled'
  | 'pending'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'failed'
  | 'cancelled'
  | 'suppressed';

/** One message to one person through one contact method, and what became of it. */
export interface Notification {
  id: string;
  incidentId: string;
  escalationId: string | null;
  userId: string;
  contactMethodId: string | null;
  channel: 'sms' | 'voice' | 'email';
  address: string;
  status: NotificationStatus;
  provider: string | null;
  providerMessageId: string | null;
  attempts: number;
  lastError: string | null;
  dueAt: string;
  claimedAt: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** One line of an incident's timeline; `message` says it in words (addresses masked). */
export interface TimelineEvent {
  id: number;
  at: string;
  kind: string;
  actor: string | null;
  /** web, api, sms, voice, email, or null for Switchboard's own steps. */
  channel: string | null;
  message: string;
  detail: Record<string, unknown> | null;
}

export interface IncidentDetail {
  incident: Incident;
  escalations: Escalation[];
  notifications: Notification[];
  timeline: TimelineEvent[];
}

export interface TriggerIncidentRequest {
  serviceId: string;
  title: string;
  details?: string;
  urgency: Urgency;
}

/** A trigger either opened `incident` or, with a matching dedup key, added an alert to it. */
export interface TriggerResult {
  incident: Incident;
  deduplicated: boolean;
}

export interface IncidentQuery {
  /** Empty or absent: every status. */
  statuses?: readonly IncidentStatus[];
  serviceId?: string;
  /** Only incidents with a lower number (the next page). */
  before?: number | null;
  limit?: number;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface SignupRequest {
  organization: string;
  slug?: string;
  name: string;
  email: string;
  password: string;
  timeZone?: string;
}

export interface LoginRequest {
  tenant: string;
  email: string;
  password: string;
}

export interface AcceptInvitationRequest {
  token: string;
  name: string;
  password: string;
  timeZone?: string;
}

/** A failed call: the HTTP status (0 when the server could not be reached) and the API's error. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }

  /** The messages the API gave for one request field. */
  messagesFor(field: string): string[] {
    return this.fields.filter((f) => f.field === field).map((f) => f.message);
  }
}

export const CSRF_COOKIE = 'sb_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClientOptions {
  /** Where /api/v1 lives; the page's own origin by default. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** The page's cookies, as document.cookie gives them. */
  cookies?: () => string;
}

/** Reads one cookie's value out of a document.cookie string. */
export function readCookie(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      if (value === '') return null;
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return null;
}

function omitBlank<T extends object>(body: T): T {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value !== undefined && !(typeof value === 'string' && value.trim() === '')) {
      copy[key] = value;
    }
  }
  return copy as T;
}

const segment = (id: string) => encodeURIComponent(id);

export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly cookies: () => string;
  /** The token from the last session response, used when the sb_csrf cookie is not readable. */
  private csrfToken: string | null = null;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.cookies =
      options.cookies ?? (() => (typeof document === 'undefined' ? '' : document.cookie));
  }

  /** Sends one request; resolves with the parsed JSON body (undefined for 204). */
  async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') {
      const csrf = readCookie(this.cookies(), CSRF_COOKIE) ?? this.csrfToken;
      if (csrf) headers[CSRF_HEADER] = csrf;
    }
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, 'network', 'Could not reach Switchboard. Check your connection.');
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (!response.ok) throw toError(response.status, parsed);
    return parsed as T;
  }

  private remember(session: Session): Session {
    this.csrfToken = session.csrfToken;
    return session;
  }

  // Sessions and accounts

  async signup(request: SignupRequest): Promise<Session> {
    return this.remember(await this.request<Session>('POST', '/signup', omitBlank(request)));
  }

  async login(request: LoginRequest): Promise<Session> {
    return this.remember(await this.request<Session>('POST', '/session', request));
  }

  currentSession(): Promise<Session> {
    return this.request<Session>('GET', '/session');
  }

  async logout(): Promise<void> {
    await this.request<void>('DELETE', '/session');
    this.csrfToken = null;
  }

  async acceptInvitation(request: AcceptInvitationRequest): Promise<Session> {
    return this.remember(
      await this.request<Session>('POST', '/invitations/accept', omitBlank(request)),
    );
  }

  // Users and invitations

  async listUsers(): Promise<User[]> {
    return (await this.request<{ items: User[] }>('GET', '/users')).items;
  }

  updateUser(
    id: string,
    change: { name?: string; timeZone?: string; role?: Role; statusUpdates?: boolean },
  ): Promise<User> {
    return this.request<User>('PATCH', `/users/${segment(id)}`, change);
  }

  deactivateUser(id: string): Promise<User> {
    return this.request<User>('POST', `/users/${segment(id)}/deactivate`);
  }

  reactivateUser(id: string): Promise<User> {
    return this.request<User>('POST', `/users/${segment(id)}/reactivate`);
  }

  invite(request: { email: string; role: Role }): Promise<CreatedInvitation> {
    return this.request<CreatedInvitation>('POST', '/users/invitations', request);
  }

  async listInvitations(): Promise<Invitation[]> {
    return (await this.request<{ items: Invitation[] }>('GET', '/users/invitations')).items;
  }

  revokeInvitation(id: string): Promise<void> {
    return this.request<void>('DELETE', `/users/invitations/${segment(id)}`);
  }

  // Teams and services

  async listTeams(): Promise<Team[]> {
    return (await this.request<{ items: Team[] }>('GET', '/teams')).items;
  }

  createTeam(request: { name: string; kind: TeamKind; description?: string }): Promise<Team> {
    return this.request<Team>('POST', '/teams', omitBlank(request));
  }

  getTeam(id: string): Promise<TeamDetail> {
    return this.request<TeamDetail>('GET', `/teams/${segment(id)}`);
  }

  updateTeam(
    id: string,
    change: { name?: string; kind?: TeamKind; description?: string },
  ): Promise<TeamDetail> {
    return this.request<TeamDetail>('PATCH', `/teams/${segment(id)}`, change);
  }

  deleteTeam(id: string): Promise<void> {
    return this.request<void>('DELETE', `/teams/${segment(id)}`);
  }

  addTeamMember(teamId: string, userId: string): Promise<TeamDetail> {
    return this.request<TeamDetail>('PUT', `/teams/${segment(teamId)}/members/${segment(userId)}`);
  }

  removeTeamMember(teamId: string, userId: string): Promise<TeamDetail> {
    return this.request<TeamDetail>(
      'DELETE',
      `/teams/${segment(teamId)}/members/${segment(userId)}`,
    );
  }

  /** Services matching the query (all, for an empty one); the API answers 100 unless `limit`. */
  async searchServices(query: string, limit?: number): Promise<Service[]> {
    const q = query.trim();
    const params = [
      q === '' ? null : `q=${encodeURIComponent(q)}`,
      limit === undefined ? null : `limit=${limit}`,
    ].filter((p) => p !== null);
    const path = params.length === 0 ? '/services' : `/services?${params.join('&')}`;
    return (await this.request<{ items: Service[] }>('GET', path)).items;
  }

  createService(request: { name: string; description?: string; teamId: string }): Promise<Service> {
    return this.request<Service>('POST', '/services', omitBlank(request));
  }

  updateService(
    id: string,
    change: { name?: string; description?: string; teamId?: string },
  ): Promise<Service> {
    return this.request<Service>('PATCH', `/services/${segment(id)}`, change);
  }

  deleteService(id: string): Promise<void> {
    return this.request<void>('DELETE', `/services/${segment(id)}`);
  }

  // Incidents

  triggerIncident(request: TriggerIncidentRequest): Promise<TriggerResult> {
    return this.request<TriggerResult>('POST', '/incidents', omitBlank(request));
  }

  /** Incidents newest first. */
  async listIncidents(query: IncidentQuery = {}): Promise<Incident[]> {
    const params = new URLSearchParams();
    if (query.statuses && query.statuses.length > 0) params.set('status', query.statuses.join(','));
    if (query.serviceId) params.set('serviceId', query.serviceId);
    if (query.before != null) params.set('before', String(query.before));
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const search = params.toString();
    const path = search === '' ? '/incidents' : `/incidents?${search}`;
    return (await this.request<{ items: Incident[] }>('GET', path)).items;
  }

  getIncident(id: string): Promise<IncidentDetail> {
    return this.request<IncidentDetail>('GET', `/incidents/${segment(id)}`);
  }

  acknowledgeIncident(id: string): Promise<Incident> {
    return this.request<Incident>('POST', `/incidents/${segment(id)}/acknowledge`);
  }

  resolveIncident(id: string): Promise<Incident> {
    return this.request<Incident>('POST', `/incidents/${segment(id)}/resolve`);
  }

  escalateIncident(id: string): Promise<Incident> {
    return this.request<Incident>('POST', `/incidents/${segment(id)}/escalate`);
  }

  addIncidentNote(id: string, text: string): Promise<IncidentDetail> {
    return this.request<IncidentDetail>('POST', `/incidents/${segment(id)}/notes`, { text });
  }

  changeIncidentUrgency(id: string, urgency: Urgency): Promise<IncidentDetail> {
    return this.request<IncidentDetail>('PUT', `/incidents/${segment(id)}/urgency`, { urgency });
  }

  // API keys and audit

  async listApiKeys(): Promise<ApiKey[]> {
    return (await this.request<{ items: ApiKey[] }>('GET', '/api-keys')).items;
  }

  createApiKey(request: { name: string; role: Role }): Promise<CreatedApiKey> {
    return this.request<CreatedApiKey>('POST', '/api-keys', request);
  }

  revokeApiKey(id: string): Promise<void> {
    return this.request<void>('DELETE', `/api-keys/${segment(id)}`);
  }

  auditPage(options: { before?: number | null; limit?: number } = {}): Promise<AuditPage> {
    const params = new URLSearchParams();
    if (options.limit !== undefined) params.set('limit', String(options.limit));
    if (options.before != null) params.set('before', String(options.before));
    const query = params.toString();
    return this.request<AuditPage>('GET', query === '' ? '/audit' : `/audit?${query}`);
  }
}

function toError(status: number, body: unknown): ApiError {
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body as { error: unknown }).error
      : undefined;
  if (typeof error === 'object' && error !== null) {
    const { code, message, fields } = error as {
      code?: unknown;
      message?: unknown;
      fields?: unknown;
    };
    const fieldErrors = Array.isArray(fields)
      ? fields.filter(
          (f): f is FieldError =>
            typeof f === 'object' &&
            f !== null &&
            typeof (f as FieldError).field === 'string' &&
            typeof (f as FieldError).message === 'string',
        )
      : [];
    return new ApiError(
      status,
      typeof code === 'string' ? code : `http_${status}`,
      typeof message === 'string' ? message : `Request failed (HTTP ${status}).`,
      fieldErrors,
    );
  }
  return new ApiError(status, `http_${status}`, `Request failed (HTTP ${status}).`);
}

/** The client the app uses. */
export const api = new ApiClient();
