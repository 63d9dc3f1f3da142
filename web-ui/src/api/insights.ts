// The status board (GET /status-board) and metrics (GET /metrics/incidents, /metrics/support).
// Any role may read them. Times in the metrics are seconds; null when nothing had one.

import { api, type IncidentStatus, type Urgency } from '../api';

export type ServiceState = 'operational' | 'degraded' | 'major_outage';

export interface BoardIncident {
  id: string;
  number: number;
  title: string;
  urgency: Urgency;
  status: IncidentStatus;
  createdAt: string;
}

export interface ServiceStatus {
  serviceId: string;
  serviceName: string;
  teamId: string;
  teamName: string;
  status: ServiceState;
  openIncidents: BoardIncident[];
}

export interface StatusBoard {
  at: string;
  items: ServiceStatus[];
}

export function getStatusBoard(): Promise<StatusBoard> {
  return api.request<StatusBoard>('GET', '/status-board');
}

export interface ResponseTimes {
  id: string | null;
  name: string;
  incidents: number;
  acknowledged: number;
  resolved: number;
  mttaSeconds: number | null;
  mttrSeconds: number | null;
}

export interface PagesPerPerson {
  userId: string;
  name: string;
  pages: number;
  offHoursPages: number;
  messages: number;
}

export interface IncidentMetrics {
  from: string;
  to: string;
  byService: ResponseTimes[];
  byTeam: ResponseTimes[];
  pagesPerPerson: PagesPerPerson[];
}

export interface SlaOutcome {
  tier: string;
  policyId: string;
  policyName: string;
  met: number;
  breached: number;
}

export interface SupportMetrics {
  from: string;
  to: string;
  ticketsCreated: number;
  ticketsEscalated: number;
  medianSecondsToEscalate: number | null;
  p90SecondsToEscalate: number | null;
  ticketsSolved: number;
  firstContactResolution: number | null;
  incidentsWithTickets: number;
  ticketsPerIncident: number | null;
  sla: SlaOutcome[];
}

function window(from: string, to: string): string {
  return `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
}

export function incidentMetrics(from: string, to: string): Promise<IncidentMetrics> {
  return api.request<IncidentMetrics>('GET', `/metrics/incidents?${window(from, to)}`);
}

export function supportMetrics(from: string, to: string): Promise<SupportMetrics> {
  return api.request<SupportMetrics>('GET', `/metrics/support?${window(from, to)}`);
}
