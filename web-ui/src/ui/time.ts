// Times as the viewer reads them: in their profile's time zone (the browser's when the profile
// has none), always with the zone named, so "14:00" never means two things on one screen.

import { DateTime, Duration } from 'luxon';

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function knownZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : ['UTC'];
}

export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

function inZone(iso: string, zone: string): DateTime {
  const dt = DateTime.fromISO(iso, { setZone: false }).setZone(zone);
  return dt.isValid ? dt : DateTime.fromISO(iso).setZone('UTC');
}

/** "7 Dec 2026, 15:04 CET": the date, the time and the zone's short name. */
export function formatDateTime(iso: string, zone: string): string {
  return inZone(iso, zone).toFormat('d LLL yyyy, HH:mm ZZZZ');
}

/** "Mon 7 Dec, 15:04 CET", for schedules and shifts. */
export function formatShort(iso: string, zone: string): string {
  return inZone(iso, zone).toFormat('ccc d LLL, HH:mm ZZZZ');
}

/** "15:04 CET". */
export function formatClock(iso: string, zone: string): string {
  return inZone(iso, zone).toFormat('HH:mm ZZZZ');
}

/** A zone's name and current offset, e.g. "Europe/Berlin (UTC+1)". */
export function zoneLabel(zone: string, at: Date = new Date()): string {
  const offset = DateTime.fromJSDate(at).setZone(zone).toFormat('ZZ');
  return `${zone} (UTC${offset})`;
}

/** "3 min ago", "in 2 h 5 min": relative to now, coarse enough to read at a glance. */
export function relative(iso: string, now: Date = new Date()): string {
  const ms = DateTime.fromISO(iso).toMillis() - now.getTime();
  const text = durationText(Math.abs(ms));
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

/** "45 s", "12 min", "2 h 5 min", "3 d 4 h". */
export function durationText(ms: number): string {
  const d = Duration.fromMillis(Math.max(0, ms)).shiftTo('days', 'hours', 'minutes', 'seconds');
  if (d.days >= 1) return `${d.days} d ${d.hours} h`;
  if (d.hours >= 1) return `${d.hours} h ${d.minutes} min`;
  if (d.minutes >= 1) return `${d.minutes} min`;
  return `${Math.floor(d.seconds)} s`;
}

/** The value for an <input type="datetime-local"> showing `iso` in `zone`. */
export function toLocalInput(iso: string, zone: string): string {
  return inZone(iso, zone).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** The instant an <input type="datetime-local"> value means in `zone`, as ISO-8601 UTC. */
export function fromLocalInput(value: string, zone: string): string | null {
  const dt = DateTime.fromISO(value, { zone });
  return dt.isValid ? dt.toUTC().toISO({ suppressMilliseconds: true }) : null;
}
