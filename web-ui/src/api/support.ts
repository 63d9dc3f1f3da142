// The support desk's part of the API: customers, tickets and their incidents, SLA policies,
// message templates, impact rules, similar tickets and support settings. Shapes follow
// docs/support/*.md; every call goes through the one client.

import { WEEKDAYS, type Weekday } from './schedules';
import { api, type IncidentStatus, type Urgency } from '../api';

const seg = (id: string) => encodeURIComponent(id);

export type TicketPriority = 'urgent' | 'high' | 'normal' | 'low';
export const TICKET_PRIORITIES: readonly TicketPriority[] = ['urgent', 'high', 'normal', 'low'];

export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
export const TICKET_STATUSES: readonly TicketStatus[] = [
  'new',
  'open',
  'pending',
  'on_hold',
  'solved',
  'closed',
];
/** The statuses of a ticket someone still has to work on. */
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

export const STATUS_LABELS: Record<TicketStatus, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending (waiting on the customer)',
  on_hold: 'On hold (waiting on a third party)',
  solved: 'Solved',
  closed: 'Closed',
};

export type SlaMetric = 'first_response' | 'next_response' | 'resolution';
export const METRIC_LABELS: Record<string, string> = {
  first_response: 'First response',
  next_response: 'Next response',
  resolution: 'Resolution',
};

export interface BreachPage {
  incidentId: string;
  incidentNumber: number;
  status: IncidentStatus;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
}

/** One SLA clock of a ticket. `dueAt` is null while paused; remainingSeconds is business time. */
export interface SlaClock {
  metric: SlaMetric;
  dueAt: string | null;
  status: 'active' | 'paused' | 'met' | 'breached';
  remainingSeconds: number | null;
  warnedAt: string | null;
  breachedAt: string | null;
  breachPage: BreachPage | null;
}

export interface Ticket {
  id: string;
  number: number;
  subject: string;
  description: string | null;
  requester: string | null;
  customerId: string | null;
  customerName: string | null;
  tier: string | null;
  priority: TicketPriority;
  status: TicketStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  serviceId: string | null;
  serviceName: string | null;
  externalId: string | null;
  externalUrl: string | null;
  incidentId: string | null;
  escalatedAt: string | null;
  followUpDue: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  solvedAt: string | null;
}

export interface TicketItem extends Ticket {
  sla: SlaClock[];
}

export interface TicketEvent {
  id: string;
  at: string;
  kind: string;
  actor: string | null;
  body: string | null;
  data: Record<string, unknown> | null;
}

export interface TimelineEvent {
  id: number;
  at: string;
  kind: string;
  actor: string | null;
  channel: string | null;
  message: string;
}

export interface LinkedIncident {
  id: string;
  number: number;
  title: string;
  serviceName: string | null;
  status: IncidentStatus;
  urgency: Urgency;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  how: 'escalated' | 'linked';
  linkedAt: string;
  timeline: TimelineEvent[];
}

export interface TicketDetail {
  ticket: Ticket;
  sla: SlaClock[];
  incident: LinkedIncident | null;
  events: TicketEvent[];
}

export interface EngineeringStatus {
  serviceId: string | null;
  serviceName: string | null;
  openIncidents: {
    id: string;
    number: number;
    title: string;
    status: IncidentStatus;
    urgency: Urgency;
    createdAt: string;
    linkedTickets: number;
  }[];
  similarServices: {
    serviceId: string;
    serviceName: string;
    groupId: string;
    tickets: number;
    score: number;
  }[];
}

export interface TicketGroup {
  id: string;
  serviceId: string | null;
  serviceName: string | null;
  ticketCount: number;
  recentCount: number;
  surging: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  alertedAt: string | null;
  topTerms: string[];
}

export interface GroupTicket {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  customerId: string | null;
  customerTier: string | null;
  serviceId: string | null;
  createdAt: string;
  score: number | null;
  incidentId: string | null;
  incidentStatus: IncidentStatus | null;
}

export interface SimilarTickets {
  ticketId: string;
  group: TicketGroup | null;
  items: GroupTicket[];
}

export interface Customer {
  id: string;
  name: string;
  tier: string;
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
}

export type Day = Weekday;
export const DAYS: readonly Day[] = WEEKDAYS;

export interface BusinessWindow {
  startDay: Day;
  startTime: string;
  endDay: Day;
  endTime: string;
}

export interface SlaTarget {
  priority: TicketPriority;
  firstResponseMinutes: number;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

export interface BusinessHours {
  timeZone: string;
  windows: BusinessWindow[];
  holidays: string[];
}

export interface SlaPolicyDefinition {
  name: string;
  tier: string;
  targets: {
    priority: string;
    firstResponseMinutes: number | null;
    nextResponseMinutes: number | null;
    resolutionMinutes: number | null;
  }[];
  businessHours: BusinessHours | null;
  warningPercent: number | null;
  escalationPolicyId: string | null;
}

export interface SlaPolicy {
  id: string;
  name: string;
  tier: string;
  targets: SlaTarget[];
  businessHours: BusinessHours | null;
  warningPercent: number;
  escalationPolicyId: string;
  createdAt: string;
  updatedAt: string;
}

export interface MessageTemplate {
  event: 'acknowledged' | 'status_update' | 'resolved';
  body: string;
  builtIn: boolean;
  updatedAt: string | null;
}

export type ImpactAction = 'raise_urgency' | 'add_responders';

export interface ImpactRule {
  id: string;
  name: string;
  minTickets: number | null;
  tier: string | null;
  action: ImpactAction;
  policyId: string | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ImpactRuleRequest {
  name: string;
  minTickets?: number | null;
  tier?: string | null;
  action: string;
  policyId?: string | null;
  enabled?: boolean;
}

export interface SupportSettings {
  surgeThreshold: number;
  surgeWindowMinutes: number;
  surgeAlertPolicyId: string | null;
}

export interface PolicyName {
  id: string;
  name: string;
}

interface Items<T> {
  items: T[];
}

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
  }
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
}

// Tickets

export interface TicketQuery {
  statuses?: readonly TicketStatus[];
  assigneeId?: string;
  customerId?: string;
  serviceId?: string;
  limit?: number;
}

export async function listTickets(q: TicketQuery = {}): Promise<TicketItem[]> {
  const path = `/tickets${query({
    status: q.statuses?.join(','),
    assigneeId: q.assigneeId,
    customerId: q.customerId,
    serviceId: q.serviceId,
    limit: q.limit,
  })}`;
  return (await api.request<Items<TicketItem>>('GET', path)).items;
}

export interface CreateTicket {
  subject: string;
  description?: string;
  requester?: string;
  customerId?: string;
  priority: string;
  serviceId?: string;
  assigneeId?: string;
}

export function createTicket(request: CreateTicket): Promise<TicketDetail> {
  return api.request('POST', '/tickets', request);
}

export function getTicket(id: string): Promise<TicketDetail> {
  return api.request('GET', `/tickets/${seg(id)}`);
}

export function updateTicket(
  id: string,
  change: { priority?: string; customerId?: string; serviceId?: string },
): Promise<TicketDetail> {
  return api.request('PATCH', `/tickets/${seg(id)}`, change);
}

export function changeTicketStatus(id: string, status: string): Promise<TicketDetail> {
  return api.request('PUT', `/tickets/${seg(id)}/status`, { status });
}

export function assignTicket(id: string, assigneeId: string | null): Promise<TicketDetail> {
  return api.request('PUT', `/tickets/${seg(id)}/assignee`, { assigneeId });
}

export type MessageKind = 'replies' | 'notes' | 'customer-replies';

export function addTicketMessage(id: string, kind: MessageKind, body: string) {
  return api.request<TicketDetail>('POST', `/tickets/${seg(id)}/${kind}`, { body });
}

export function engineeringStatus(id: string, serviceId?: string): Promise<EngineeringStatus> {
  return api.request('GET', `/tickets/${seg(id)}/engineering-status${query({ serviceId })}`);
}

export function escalateTicket(
  id: string,
  request: { serviceId?: string; urgency?: string },
): Promise<TicketDetail> {
  return api.request('POST', `/tickets/${seg(id)}/escalate`, request);
}

export function linkTicket(id: string, incidentId: string): Promise<TicketDetail> {
  return api.request('POST', `/tickets/${seg(id)}/link`, { incidentId });
}

export function unlinkTicket(id: string): Promise<TicketDetail> {
  return api.request('DELETE', `/tickets/${seg(id)}/link`);
}

export function similarTickets(id: string): Promise<SimilarTickets> {
  return api.request('GET', `/tickets/${seg(id)}/similar`);
}

// Customers

export async function listCustomers(tier?: string, q?: string): Promise<Customer[]> {
  const path = `/customers${query({ tier, q, limit: 500 })}`;
  return (await api.request<Items<Customer>>('GET', path)).items;
}

export function createCustomer(request: {
  name: string;
  tier: string;
  externalId?: string;
}): Promise<Customer> {
  return api.request('POST', '/customers', request);
}

export function updateCustomer(
  id: string,
  change: { name?: string; tier?: string; externalId?: string },
): Promise<Customer> {
  return api.request('PATCH', `/customers/${seg(id)}`, change);
}

// SLA policies

export async function listSlaPolicies(): Promise<SlaPolicy[]> {
  return (await api.request<Items<SlaPolicy>>('GET', '/sla-policies')).items;
}

export function getSlaPolicy(id: string): Promise<SlaPolicy> {
  return api.request('GET', `/sla-policies/${seg(id)}`);
}

export function createSlaPolicy(definition: SlaPolicyDefinition): Promise<SlaPolicy> {
  return api.request('POST', '/sla-policies', definition);
}

export function replaceSlaPolicy(id: string, definition: SlaPolicyDefinition): Promise<SlaPolicy> {
  return api.request('PUT', `/sla-policies/${seg(id)}`, definition);
}

export function deleteSlaPolicy(id: string): Promise<void> {
  return api.request('DELETE', `/sla-policies/${seg(id)}`);
}

// Message templates, impact rules, settings

export function listMessageTemplates(): Promise<{
  items: MessageTemplate[];
  placeholders: string[];
}> {
  return api.request('GET', '/message-templates');
}

export function saveMessageTemplate(event: string, body: string): Promise<MessageTemplate> {
  return api.request('PUT', `/message-templates/${seg(event)}`, { body });
}

export function resetMessageTemplate(event: string): Promise<MessageTemplate> {
  return api.request('DELETE', `/message-templates/${seg(event)}`);
}

export async function listImpactRules(): Promise<ImpactRule[]> {
  return (await api.request<Items<ImpactRule>>('GET', '/impact-rules')).items;
}

export function createImpactRule(request: ImpactRuleRequest): Promise<ImpactRule> {
  return api.request('POST', '/impact-rules', request);
}

export function replaceImpactRule(id: string, request: ImpactRuleRequest): Promise<ImpactRule> {
  return api.request('PUT', `/impact-rules/${seg(id)}`, request);
}

export function deleteImpactRule(id: string): Promise<void> {
  return api.request('DELETE', `/impact-rules/${seg(id)}`);
}

export function getSupportSettings(): Promise<SupportSettings> {
  return api.request('GET', '/support-settings');
}

export function saveSupportSettings(settings: SupportSettings): Promise<SupportSettings> {
  return api.request('PUT', '/support-settings', settings);
}

/** Escalation policies by name, for the pickers of SLA policies, impact rules and settings. */
export async function listPolicyNames(): Promise<PolicyName[]> {
  const list = await api.request<Items<PolicyName>>('GET', '/escalation-policies');
  return list.items.map((p) => ({ id: p.id, name: p.name }));
}

export interface GroupEscalation {
  groupId: string;
  incidentId: string;
  opened: boolean;
  escalatedTicketId: string | null;
  linkedTicketIds: string[];
  skipped: { ticketId: string; reason: string }[];
}

/** Opens one incident for a group's open tickets (or joins the one some are linked to). */
export function escalateGroup(
  groupId: string,
  request: { serviceId?: string; urgency?: string } = {},
): Promise<GroupEscalation> {
  return api.request('POST', `/ticket-groups/${seg(groupId)}/escalate`, request);
}
