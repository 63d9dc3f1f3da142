import type { ComponentChildren } from 'preact';

/** What a one-line incident link needs; the incident list's and the status board's both fit. */
export interface IncidentSummary {
  id: string;
  number: number;
  title: string;
  status: string;
  urgency: string;
}

/** "#12 Checkout errors [triggered] [high] …": a link to the incident, then its state. */
export function IncidentItem({
  incident,
  children,
}: {
  incident: IncidentSummary;
  /** Said after the badges, e.g. when it opened. */
  children?: ComponentChildren;
}) {
  return (
    <li>
      <a href={`/incidents/${encodeURIComponent(incident.id)}`}>
        #{incident.number} {incident.title}
      </a>{' '}
      <span class={`badge ${incident.status}`}>{incident.status}</span>{' '}
      <span class={`badge urgency-${incident.urgency}`}>{incident.urgency}</span>{' '}
      <span class="muted">{children}</span>
    </li>
  );
}
