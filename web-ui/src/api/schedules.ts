// Schedules, layers, overrides, who is on call, and calendar feeds: the types and calls of
// /api/v1/schedules, /api/v1/oncall and /api/v1/calendar-feeds (service/…/schedule/).

import { api } from '../api';

export type Weekday =
  'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

export const WEEKDAYS: readonly Weekday[] = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
];

export type TurnKind = 'hours' | 'days' | 'weeks' | 'weekly';

/** `count` for hours, days and weeks; `day` and `time` ("09:00") for weekly. */
export interface Turn {
  kind: TurnKind;
  count?: number | null;
  day?: Weekday | null;
  time?: string | null;
}

/** A weekly window in the schedule's zone; it may cross midnight and the week's end. */
export interface WeeklyWindow {
  startDay: Weekday;
  startTime: string;
  endDay: Weekday;
  endTime: string;
}

export interface TeamRef {
  id: string;
  name: string;
}

export interface UserRef {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

/** One version of a rotation; `replacesId` is the version it took over from. */
export interface Layer {
  id: string;
  name: string;
  position: number;
  start: string;
  end: string | null;
  turn: Turn;
  participants: string[];
  restrictions: WeeklyWindow[];
  replacesId: string | null;
}

export interface ScheduleSummary {
  id: string;
  name: string;
  timeZone: string;
  team: TeamRef | null;
}

export interface Schedule extends ScheduleSummary {
  description: string;
  layers: Layer[];
  createdAt: string;
  updatedAt: string;
}

/** A rotation as sent: `start` is when the rotation starts (or, editing, when the change does). */
export interface LayerInput {
  name: string;
  start?: string;
  turn: Turn;
  participants: string[];
  restrictions: WeeklyWindow[];
}

export interface CreateSchedule {
  name: string;
  timeZone: string;
  description?: string;
  teamId?: string | null;
  layers: LayerInput[];
}

export interface ShiftView {
  userId: string;
  start: string;
  end: string;
}

export interface Range {
  start: string;
  end: string;
}

export interface Shifts {
  scheduleId: string;
  timeZone: string;
  from: string;
  to: string;
  shifts: ShiftView[];
  layers: { layerId: string; name: string; shifts: ShiftView[] }[];
  gaps: Range[];
  users: Record<string, UserRef>;
}

export interface ScheduleOnCall {
  schedule: ScheduleSummary;
  at: string;
  user: UserRef | null;
  shift: Range | null;
}

export interface TenantOnCall {
  at: string;
  items: { schedule: ScheduleSummary; user: UserRef | null; nextShift: Range | null }[];
}

export interface Override {
  id: string;
  scheduleId: string;
  userId: string;
  start: string;
  end: string;
  sequence: number;
  note: string;
  createdBy: string | null;
  createdAt: string;
}

export interface OverrideInput {
  userId: string;
  start: string;
  end: string;
  note?: string;
}

/** A secret calendar URL; shown once, at creation. */
export interface CalendarFeed {
  id: string;
  url: string;
}

const seg = (id: string) => encodeURIComponent(id);
const query = (params: Record<string, string | undefined | null>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
};

export async function listSchedules(): Promise<ScheduleSummary[]> {
  return (await api.request<{ items: ScheduleSummary[] }>('GET', '/schedules')).items;
}

export function getSchedule(id: string, history = false): Promise<Schedule> {
  return api.request<Schedule>('GET', `/schedules/${seg(id)}${history ? '?history=true' : ''}`);
}

export function createSchedule(request: CreateSchedule): Promise<Schedule> {
  return api.request<Schedule>('POST', '/schedules', request);
}

export function updateSchedule(
  id: string,
  change: { name?: string; timeZone?: string; description?: string; teamId?: string },
): Promise<Schedule> {
  return api.request<Schedule>('PATCH', `/schedules/${seg(id)}`, change);
}

export function deleteSchedule(id: string): Promise<void> {
  return api.request<void>('DELETE', `/schedules/${seg(id)}`);
}

export function addLayer(scheduleId: string, layer: LayerInput): Promise<Schedule> {
  return api.request<Schedule>('POST', `/schedules/${seg(scheduleId)}/layers`, layer);
}

/** A new version of the layer from `layer.start` (now when absent). */
export function editLayer(
  scheduleId: string,
  layerId: string,
  layer: LayerInput,
): Promise<Schedule> {
  return api.request<Schedule>(
    'PUT',
    `/schedules/${seg(scheduleId)}/layers/${seg(layerId)}`,
    layer,
  );
}

/** Ends the layer now (history kept). */
export function endLayer(scheduleId: string, layerId: string): Promise<Schedule> {
  return api.request<Schedule>('DELETE', `/schedules/${seg(scheduleId)}/layers/${seg(layerId)}`);
}

export function scheduleShifts(id: string, from: string, to: string): Promise<Shifts> {
  return api.request<Shifts>('GET', `/schedules/${seg(id)}/shifts${query({ from, to })}`);
}

export function scheduleOnCall(id: string, at?: string): Promise<ScheduleOnCall> {
  return api.request<ScheduleOnCall>('GET', `/schedules/${seg(id)}/oncall${query({ at })}`);
}

export async function listOverrides(id: string, from: string, to: string): Promise<Override[]> {
  const path = `/schedules/${seg(id)}/overrides${query({ from, to })}`;
  return (await api.request<{ items: Override[] }>('GET', path)).items;
}

export function createOverride(id: string, override: OverrideInput): Promise<Override> {
  return api.request<Override>('POST', `/schedules/${seg(id)}/overrides`, override);
}

export function deleteOverride(id: string, overrideId: string): Promise<void> {
  return api.request<void>('DELETE', `/schedules/${seg(id)}/overrides/${seg(overrideId)}`);
}

export function tenantOnCall(
  filter: { teamId?: string; userId?: string } = {},
): Promise<TenantOnCall> {
  return api.request<TenantOnCall>('GET', `/oncall${query(filter)}`);
}

export function createCalendarFeed(target: { scheduleId: string } | { userId: string }) {
  return api.request<CalendarFeed>('POST', '/calendar-feeds', target);
}

export function revokeCalendarFeed(id: string): Promise<void> {
  return api.request<void>('DELETE', `/calendar-feeds/${seg(id)}`);
}
