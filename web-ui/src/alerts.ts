// Pure helpers for the alert intake screens: integration type names, what an integration asks a
// monitoring tool to paste, custom details as key/value rows, the safe links and images of an
// alert, and merging a live first page of alerts with older pages already shown.

import type { AlertImage, AlertLink, IncidentAlert, IntegrationType } from './api/alerts';
import { safeHref } from './links';

export const INTEGRATION_TYPE_NAMES: Record<IntegrationType, string> = {
  events_v2: 'PagerDuty Events API v2',
  alertmanager: 'Prometheus Alertmanager',
  generic: 'Generic webhook',
  heartbeat: 'Heartbeat',
  email: 'Email',
};

/** The types the create form offers: every type the API takes. */
export const CREATABLE_TYPES: IntegrationType[] = [
  'events_v2',
  'alertmanager',
  'generic',
  'heartbeat',
  'email',
];

/**
 * What a tool is given to reach the integration: for email the address mail goes to, for the
 * others the URL (a heartbeat's is the one a cron job pings). Null when the answer has neither.
 */
export function integrationTarget(integration: {
  type: string;
  url: string | null;
  email?: string | null;
}): { label: string; value: string } | null {
  if (integration.type === 'email') {
    return integration.email ? { label: 'Email address', value: integration.email } : null;
  }
  if (!integration.url) return null;
  return { label: integration.type === 'heartbeat' ? 'Ping URL' : 'URL', value: integration.url };
}

/** The heartbeat interval to send: whole minutes as seconds, or undefined for the default. */
export function heartbeatIntervalSeconds(minutes: string | undefined): number | undefined {
  const trimmed = (minutes ?? '').trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? Math.round(value * 60) : undefined;
}

/** A human name for an integration type; an unknown type shows as sent. */
export function integrationTypeName(type: string): string {
  return (INTEGRATION_TYPE_NAMES as Record<string, string>)[type] ?? type;
}

/** Whether the tool needs the key besides the URL (events_v2: the key is `routing_key`). */
export function needsSeparateKey(type: string): boolean {
  return type === 'events_v2';
}

export interface DetailRow {
  key: string;
  value: string;
}

/**
 * Custom details as key/value rows: an object gives one row per key (in its order), nested values
 * JSON-stringified; anything else (a string, a number, an array) is one row named "details".
 * Null, undefined and an empty object give no rows.
 */
export function detailRows(details: unknown): DetailRow[] {
  if (details === null || details === undefined) return [];
  if (typeof details !== 'object' || Array.isArray(details)) {
    return [{ key: 'details', value: valueText(details) }];
  }
  return Object.entries(details as Record<string, unknown>).map(([key, value]) => ({
    key,
    value: valueText(value),
  }));
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value) ?? String(value);
}

export interface SafeLink {
  href: string;
  text: string;
}

/** The alert's links that are http or https, each with a text (its address when none). */
export function safeLinks(links: readonly AlertLink[] | null | undefined): SafeLink[] {
  const out: SafeLink[] = [];
  for (const link of links ?? []) {
    const href = safeHref(link.href);
    if (href !== null) out.push({ href, text: link.text?.trim() || link.href });
  }
  return out;
}

/**
 * The alert's images as links (never inline: see the screen): to the image's own link when it is
 * safe, else to the image; the text is its alt text, else "Image n".
 */
export function imageLinks(images: readonly AlertImage[] | null | undefined): SafeLink[] {
  const out: SafeLink[] = [];
  for (const image of images ?? []) {
    const href = (image.href ? safeHref(image.href) : null) ?? safeHref(image.src);
    if (href !== null) out.push({ href, text: image.alt?.trim() || `Image ${out.length + 1}` });
  }
  return out;
}

/**
 * The alerts to show: the freshly polled first page, then the older pages loaded by "Show more"
 * without the alerts the first page now holds (newest first throughout, each alert once; a
 * polled alert replaces its older copy).
 */
export function mergeAlerts(
  first: readonly IncidentAlert[],
  older: readonly IncidentAlert[],
): IncidentAlert[] {
  const seen = new Set(first.map((a) => a.id));
  const out = [...first];
  for (const alert of older) {
    if (!seen.has(alert.id)) {
      seen.add(alert.id);
      out.push(alert);
    }
  }
  return out;
}
