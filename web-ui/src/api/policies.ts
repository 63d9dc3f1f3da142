// Escalation policies, their preview ("who would be paged right now") and a service's paging
// setup (its policy, support hours, maintenance windows). Every call goes through api.request.

import { api, ApiError, type Service } from '../api';

export type TargetType = 'user' | 'schedule' | 'team';
export type TeamMode = 'all' | 'round_robin';

/** A step's target as the API returns it; `name` is absent when the target was deleted. */
export interface Target {
  type: TargetType;
  id: string;
  teamMode?: TeamMode;
  name?: string;
}

export interface Step {
  delayMinutes: number;
  targets: Target[];
}

export interface UnreachableUser {
  id: string;
  name: string;
  reason: string;
}

export interface EscalationPolicy {
  id: string;
  name: string;
  description: string;
  /** How many more times the steps run after the last one; 0 runs them once. */
  repeatCount: number;
  steps: Step[];
  /** Users the policy can page who have no verified contact method. */
  unreachable: UnreachableUser[];
  createdAt: string;
  updatedAt: string;
}

/** What POST and PUT take: the whole policy. */
export interface PolicyDefinition {
  name: string;
  description?: string;
  repeatCount: number | null;
  steps: {
    delayMinutes: number | null;
    targets: { type: TargetType; id: string | null; teamMode?: TeamMode }[];
  }[];
}

/** One person a step would page; `reason` says why a page would not reach them. */
export interface PreviewPerson {
  id: string;
  name: string | null;
  reachable: boolean;
  reason: string | null;
  /** How a page would still reach them despite a gap in their setup. */
  warning: string | null;
}

export interface PreviewTarget extends Target {
  /** Who the target stands for at the instant. */
  userIds: string[];
  /** Why nobody, when nobody (nobody on call, no active members, deleted). */
  note: string | null;
}

export interface PolicyPreview {
  policyId: string;
  name: string;
  repeatCount: number;
  at: string;
  urgency: 'high' | 'low';
  services: { id: string; name: string }[];
  steps: {
    position: number;
    delayMinutes: number;
    targets: PreviewTarget[];
    people: PreviewPerson[];
  }[];
}

const segment = (id: string) => encodeURIComponent(id);

export async function listPolicies(): Promise<EscalationPolicy[]> {
  return (await api.request<{ items: EscalationPolicy[] }>('GET', '/escalation-policies')).items;
}

export function getPolicy(id: string): Promise<EscalationPolicy> {
  return api.request<EscalationPolicy>('GET', `/escalation-policies/${segment(id)}`);
}

export function createPolicy(definition: PolicyDefinition): Promise<EscalationPolicy> {
  return api.request<EscalationPolicy>('POST', '/escalation-policies', definition);
}

export function replacePolicy(id: string, definition: PolicyDefinition): Promise<EscalationPolicy> {
  return api.request<EscalationPolicy>('PUT', `/escalation-policies/${segment(id)}`, definition);
}

export function deletePolicy(id: string): Promise<void> {
  return api.request<void>('DELETE', `/escalation-policies/${segment(id)}`);
}

/**
 * Who each step would page at `at` (now by default), or null while the server has no preview
 * endpoint (an older server answers 404 for the path and 405 for the method).
 */
export async function previewPolicy(id: string, at?: string): Promise<PolicyPreview | null> {
  const query = at ? `?at=${encodeURIComponent(at)}` : '';
  try {
    return await api.request<PolicyPreview>(
      'GET',
      `/escalation-policies/${segment(id)}/preview${query}`,
    );
  } catch (error) {
    if (error instanceof ApiError && (error.status === 405 || isMissingRoute(error))) return null;
    throw error;
  }
}

/** A 404 for the address itself ("no such resource"), not for an unknown policy. */
function isMissingRoute(error: ApiError): boolean {
  return error.status === 404 && error.message.startsWith('no such resource');
}

// A service's paging setup

export function getService(id: string): Promise<Service> {
  return api.request<Service>('GET', `/services/${segment(id)}`);
}

/** Points the service at a policy; null leaves it paging nobody. */
export function setServicePolicy(serviceId: string, policyId: string | null): Promise<Service> {
  return api.request<Service>('PUT', `/services/${segment(serviceId)}/escalation-policy`, {
    policyId,
  });
}

export type DayOfWeek =
  'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

/** From startDay startTime to endDay endTime ("HH:mm" or "HH:mm:ss"), possibly over midnight. */
export interface HoursWindow {
  startDay: DayOfWeek;
  startTime: string;
  endDay: DayOfWeek;
  endTime: string;
}

export interface SupportHours {
  timeZone: string;
  windows: HoursWindow[];
}

/** Null: the service pages low urgency around the clock. */
export async function getSupportHours(serviceId: string): Promise<SupportHours | null> {
  return (
    await api.request<{ hours: SupportHours | null }>(
      'GET',
      `/services/${segment(serviceId)}/support-hours`,
    )
  ).hours;
}

export async function setSupportHours(
  serviceId: string,
  hours: SupportHours,
): Promise<SupportHours | null> {
  return (
    await api.request<{ hours: SupportHours | null }>(
      'PUT',
      `/services/${segment(serviceId)}/support-hours`,
      hours,
    )
  ).hours;
}

export function clearSupportHours(serviceId: string): Promise<void> {
  return api.request<void>('DELETE', `/services/${segment(serviceId)}/support-hours`);
}

export interface MaintenanceWindow {
  id: string;
  serviceId: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdBy: string;
}

/** Current and future windows, soonest first. */
export async function listMaintenance(serviceId: string): Promise<MaintenanceWindow[]> {
  return (
    await api.request<{ items: MaintenanceWindow[] }>(
      'GET',
      `/services/${segment(serviceId)}/maintenance-windows`,
    )
  ).items;
}

export function addMaintenance(
  serviceId: string,
  window: { start?: string | null; end: string | null; reason?: string },
): Promise<MaintenanceWindow> {
  return api.request<MaintenanceWindow>(
    'POST',
    `/services/${segment(serviceId)}/maintenance-windows`,
    window,
  );
}

export function deleteMaintenance(serviceId: string, windowId: string): Promise<void> {
  return api.request<void>(
    'DELETE',
    `/services/${segment(serviceId)}/maintenance-windows/${segment(windowId)}`,
  );
}

/** Schedules by name, for choosing a step's target. */
export async function listScheduleNames(): Promise<{ id: string; name: string }[]> {
  return (await api.request<{ items: { id: string; name: string }[] }>('GET', '/schedules')).items;
}
