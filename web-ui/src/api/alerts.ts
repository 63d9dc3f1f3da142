// Alert intake: a service's integrations (owners and admins; the answers hold keys) and an
// incident's alerts (every role). docs/integrations/inbound.md and alerts.md.

import { api } from '../api';

export type IntegrationType = 'events_v2' | 'alertmanager' | 'generic' | 'heartbeat' | 'email';

export interface Integration {
  id: string;
  serviceId: string;
  type: IntegrationType;
  name: string;
  /** The integration key (for events_v2 the `routing_key`). */
  key: string;
  /** The URL to paste into the monitoring tool (null for types without a receiver yet). */
  url: string | null;
  createdAt: string;
  updatedAt: string;
  /** Heartbeat integrations: the interval, grace and state of the monitor. */
  heartbeat?: {
    intervalSeconds: number;
    graceSeconds: number;
    status: 'waiting' | 'up' | 'missed';
    lastPingAt: string | null;
    dueAt: string | null;
  } | null;
  /** Email integrations: the address that opens incidents. */
  email?: string | null;
}

export type Severity = 'critical' | 'error' | 'warning' | 'info';

export interface AlertLink {
  href: string;
  text: string | null;
}

export interface AlertImage {
  src: string;
  href: string | null;
  alt: string | null;
}

export interface IncidentAlert {
  id: string;
  serviceId: string;
  incidentId: string;
  dedupKey: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  summary: string;
  severity: Severity;
  source: string | null;
  component: string | null;
  group: string | null;
  eventClass: string | null;
  customDetails: unknown;
  links: AlertLink[] | null;
  images: AlertImage[] | null;
  client: string | null;
  clientUrl: string | null;
  eventCount: number;
  firstAt: string;
  lastAt: string;
  resolvedAt: string | null;
}

/** One page of alerts, newest first; `next` is the `before` of the next page. */
export interface AlertPage {
  items: IncidentAlert[];
  next: string | null;
}

const base = (serviceId: string) => `/services/${encodeURIComponent(serviceId)}/integrations`;

/** Oldest first. */
export async function listIntegrations(serviceId: string): Promise<Integration[]> {
  return (await api.request<{ items: Integration[] }>('GET', base(serviceId))).items;
}

export function createIntegration(
  serviceId: string,
  body: { type: string; name: string; intervalSeconds?: number },
): Promise<Integration> {
  return api.request<Integration>('POST', base(serviceId), body);
}

export function rotateIntegrationKey(serviceId: string, id: string): Promise<Integration> {
  return api.request<Integration>(
    'POST',
    `${base(serviceId)}/${encodeURIComponent(id)}/rotate-key`,
  );
}

export function deleteIntegration(serviceId: string, id: string): Promise<void> {
  return api.request<void>('DELETE', `${base(serviceId)}/${encodeURIComponent(id)}`);
}

export function listIncidentAlerts(
  incidentId: string,
  query: { before?: string | null; limit?: number } = {},
): Promise<AlertPage> {
  const params = new URLSearchParams({ limit: String(query.limit ?? 20) });
  if (query.before) params.set('before', query.before);
  return api.request<AlertPage>(
    'GET',
    `/incidents/${encodeURIComponent(incidentId)}/alerts?${params}`,
  );
}

export type Urgency = 'high' | 'low';

/** The tenant's severity → urgency mapping for inbound alerts (every severity present). */
export type SeverityUrgencies = Record<Severity, Urgency>;

export const SEVERITIES: Severity[] = ['critical', 'error', 'warning', 'info'];

export function getSeverityUrgencies(): Promise<SeverityUrgencies> {
  return api.request<SeverityUrgencies>('GET', '/alert-settings/severity-urgency');
}

/** Changes the severities given; answers the whole mapping. */
export function setSeverityUrgencies(
  changes: Partial<SeverityUrgencies>,
): Promise<SeverityUrgencies> {
  return api.request<SeverityUrgencies>('PUT', '/alert-settings/severity-urgency', changes);
}

/** A cap on the incidents a service's alerts open: at most `incidentsPerWindow` per window. */
export interface AlertLimits {
  incidentsPerWindow: number;
  windowSeconds: number;
}

/** What a service's alerts open now; `custom` is false while it takes the defaults. */
export interface AlertGrouping extends AlertLimits {
  serviceId: string;
  custom: boolean;
  defaults: AlertLimits;
}

const grouping = (serviceId: string) => `/services/${encodeURIComponent(serviceId)}/alert-grouping`;

export function getAlertGrouping(serviceId: string): Promise<AlertGrouping> {
  return api.request<AlertGrouping>('GET', grouping(serviceId));
}

export function setAlertGrouping(serviceId: string, limits: AlertLimits): Promise<AlertGrouping> {
  return api.request<AlertGrouping>('PUT', grouping(serviceId), limits);
}

/** Back to the defaults; answers what the service takes now. */
export function clearAlertGrouping(serviceId: string): Promise<AlertGrouping> {
  return api.request<AlertGrouping>('DELETE', grouping(serviceId));
}
