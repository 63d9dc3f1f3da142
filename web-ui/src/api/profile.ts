// A person's own settings: contact methods (with verification by code), notification rules,
// their calendar feed, their on-call status, and the counts the home page shows.

import { api, type Urgency } from '../api';

export type Channel = 'sms' | 'voice' | 'email';
export const CHANNELS: readonly { value: Channel; label: string }[] = [
  { value: 'sms', label: 'SMS' },
  { value: 'voice', label: 'Voice call' },
  { value: 'email', label: 'Email' },
];

export function channelLabel(channel: Channel): string {
  return CHANNELS.find((c) => c.value === channel)?.label ?? channel;
}

/** Where a person can be reached; only a verified method that is not disabled is paged. */
export interface ContactMethod {
  id: string;
  userId: string;
  channel: Channel;
  address: string;
  label: string | null;
  verifiedAt: string | null;
  /** Set when the number replied STOP. */
  disabledAt: string | null;
  createdAt: string;
}

/** A method just added or sent a fresh code: whether a code went out, and why not. */
export interface ContactMethodSent {
  method: ContactMethod;
  codeSent: boolean;
  sendError: string | null;
}

export interface NotificationRule {
  id: string;
  userId: string;
  contactMethodId: string;
  urgency: Urgency;
  delayMinutes: number;
  createdAt: string;
}

const seg = encodeURIComponent;
const methods = (userId: string) => `/users/${seg(userId)}/contact-methods`;
const rules = (userId: string) => `/users/${seg(userId)}/notification-rules`;

export async function listContactMethods(userId: string): Promise<ContactMethod[]> {
  return (await api.request<{ items: ContactMethod[] }>('GET', methods(userId))).items;
}

export function addContactMethod(
  userId: string,
  request: { channel: Channel; address: string; label?: string },
): Promise<ContactMethodSent> {
  const body = request.label?.trim()
    ? request
    : { channel: request.channel, address: request.address };
  return api.request<ContactMethodSent>('POST', methods(userId), body);
}

export function sendCode(userId: string, methodId: string): Promise<ContactMethodSent> {
  return api.request<ContactMethodSent>('POST', `${methods(userId)}/${seg(methodId)}/send-code`);
}

export function verifyContactMethod(
  userId: string,
  methodId: string,
  code: string,
): Promise<ContactMethod> {
  return api.request<ContactMethod>('POST', `${methods(userId)}/${seg(methodId)}/verify`, {
    code: code.trim(),
  });
}

export function deleteContactMethod(userId: string, methodId: string): Promise<void> {
  return api.request<void>('DELETE', `${methods(userId)}/${seg(methodId)}`);
}

export async function listNotificationRules(userId: string): Promise<NotificationRule[]> {
  return (await api.request<{ items: NotificationRule[] }>('GET', rules(userId))).items;
}

export function addNotificationRule(
  userId: string,
  request: { contactMethodId: string; urgency: Urgency; delayMinutes: number },
): Promise<NotificationRule> {
  return api.request<NotificationRule>('POST', rules(userId), request);
}

export function deleteNotificationRule(userId: string, ruleId: string): Promise<void> {
  return api.request<void>('DELETE', `${rules(userId)}/${seg(ruleId)}`);
}

/** A secret iCalendar URL of someone's shifts; the URL is shown only at creation. */
export interface CalendarFeed {
  id: string;
  url: string;
}

export function createCalendarFeed(request: { userId: string }): Promise<CalendarFeed> {
  return api.request<CalendarFeed>('POST', '/calendar-feeds', request);
}

export function revokeCalendarFeed(id: string): Promise<void> {
  return api.request<void>('DELETE', `/calendar-feeds/${seg(id)}`);
}

export interface ScheduleRef {
  id: string;
  name: string;
  timeZone: string;
  team: { id: string; name: string } | null;
}

export interface UserRef {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

/** One schedule: who is on it now and (asked for a user) that user's next or current shift. */
export interface OnCallEntry {
  schedule: ScheduleRef;
  user: UserRef | null;
  nextShift: { start: string; end: string } | null;
}

export async function onCallOf(userId: string): Promise<{ at: string; items: OnCallEntry[] }> {
  return api.request('GET', `/oncall?userId=${seg(userId)}`);
}

/** How many tickets assigned to the user are still open (new, open, pending, on hold). */
export async function openTicketCount(userId: string): Promise<number> {
  const path = `/tickets?status=new,open,pending,on_hold&assigneeId=${seg(userId)}&limit=100`;
  return (await api.request<{ items: unknown[] }>('GET', path)).items.length;
}

/** A short test message on a verified method, through the paging provider. */
export function sendTestMessage(
  userId: string,
  methodId: string,
): Promise<{ method: ContactMethod; sent: boolean; sendError: string | null }> {
  return api.request('POST', `${methods(userId)}/${seg(methodId)}/test`);
}

/** Changes the signed-in person's password; their other sessions end, this one stays. */
export function changePassword(request: {
  currentPassword: string;
  newPassword: string;
}): Promise<void> {
  return api.request<void>('POST', '/session/password', request);
}
