// The incident screens' calls beyond the ones api.ts already has (trigger, get, acknowledge,
// resolve, escalate, note, urgency): the list with who each incident paged, reassigning, adding
// responders, status updates, customer impact, and the escalation policies to choose from.

import {
  api,
  type Incident,
  type IncidentDetail,
  type IncidentQuery,
  type Notification,
} from '../api';

const segment = (id: string) => encodeURIComponent(id);

/** Someone an incident paged, or who is assigned to it directly. */
export interface PagedUser {
  id: string;
  name: string;
}

/** A page of the incident list: newest first, and by incident id who each one paged. */
export interface IncidentListPage {
  items: Incident[];
  paged: Record<string, PagedUser[]>;
}

export interface IncidentListQuery extends IncidentQuery {
  /** Only incidents that paged this person or are assigned to them. */
  userId?: string | null;
}

export function listIncidentPage(query: IncidentListQuery = {}): Promise<IncidentListPage> {
  const params = new URLSearchParams();
  if (query.statuses && query.statuses.length > 0) params.set('status', query.statuses.join(','));
  if (query.serviceId) params.set('serviceId', query.serviceId);
  if (query.userId) params.set('userId', query.userId);
  if (query.before != null) params.set('before', String(query.before));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  const search = params.toString();
  return api.request<IncidentListPage>(
    'GET',
    search === '' ? '/incidents' : `/incidents?${search}`,
  );
}

/**
 * A message as the incident's detail carries it. `idempotencyKey` is
 * `incident:escalation:round:step:user:rule[:fallback:method]`, which says which step sent it.
 */
export interface PageMessage extends Notification {
  idempotencyKey?: string;
}

export interface IncidentPageDetail extends IncidentDetail {
  notifications: PageMessage[];
  /** Pages that failed on every contact method of their person. */
  failedPages?: number;
}

export function getIncidentDetail(id: string): Promise<IncidentPageDetail> {
  return api.request<IncidentPageDetail>('GET', `/incidents/${segment(id)}`);
}

/** Stops the current paging and pages the user or policy now (exactly one of the two). */
export function reassignIncident(
  id: string,
  to: { userId: string } | { policyId: string },
): Promise<IncidentPageDetail> {
  return api.request<IncidentPageDetail>('POST', `/incidents/${segment(id)}/reassign`, to);
}

/** Another policy pages too. */
export function addResponders(id: string, policyId: string): Promise<IncidentPageDetail> {
  return api.request<IncidentPageDetail>('POST', `/incidents/${segment(id)}/responders`, {
    policyId,
  });
}

/** A status update for stakeholders; it reaches every linked ticket. */
export function postStatusUpdate(id: string, message: string): Promise<IncidentPageDetail> {
  return api.request<IncidentPageDetail>('POST', `/incidents/${segment(id)}/status-updates`, {
    message,
  });
}

export interface ImpactTicket {
  id: string;
  number: number;
  subject: string;
  customerName: string | null;
  tier: string | null;
  priority: string;
  status: string;
}

/** Linked tickets, the customers behind them, by tier, and the impact rules that fired. */
export interface CustomerImpact {
  incidentId: string;
  ticketCount: number;
  customerCount: number;
  byTier: { tier: string; tickets: number; customers: number }[];
  tickets: ImpactTicket[];
  rulesFired: { ruleId: string; name: string; firedAt: string }[];
}

export function getImpact(id: string): Promise<CustomerImpact> {
  return api.request<CustomerImpact>('GET', `/incidents/${segment(id)}/impact`);
}

/** An escalation policy as the incident page needs it: its steps and their targets' names. */
export interface PolicySteps {
  id: string;
  name: string;
  repeatCount: number;
  steps: {
    delayMinutes: number;
    targets: {
      type: 'user' | 'schedule' | 'team';
      id: string;
      teamMode?: 'all' | 'round_robin';
      name?: string;
    }[];
  }[];
}

export async function listPolicies(): Promise<PolicySteps[]> {
  return (await api.request<{ items: PolicySteps[] }>('GET', '/escalation-policies')).items;
}
