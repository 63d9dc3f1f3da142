// An incident's alerts (what the monitoring tools sent), newest first: summary, severity, source,
// event count, first and last seen, status, links, images (as links), client and custom details.
// The first page refreshes with the incident; "Show more" adds older pages through `before`.

import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { listIncidentAlerts, type IncidentAlert } from '../api/alerts';
import { detailRows, imageLinks, mergeAlerts, safeLinks } from '../alerts';
import { safeHref } from '../links';
import { errorText } from '../ui/form';
import { useLoad } from '../ui/load';
import { Time } from '../ui/Time';
import { INCIDENT_REFRESH_MS } from './incidents';
import './alerts.css';

const PAGE_SIZE = 20;

export function AlertsSection({ incidentId }: { incidentId: string }) {
  const first = useLoad(() => listIncidentAlerts(incidentId, { limit: PAGE_SIZE }), [incidentId], {
    everyMs: INCIDENT_REFRESH_MS,
  });
  const [older, setOlder] = useState<IncidentAlert[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  const page = first.data;
  // The section shows only once the incident has alerts (an incident opened by hand has none).
  if (!page || page.items.length === 0) return null;

  const alerts = mergeAlerts(page.items, older);
  // Until "Show more" ran, the first page's `next` says whether there are older alerts.
  const cursor = next === undefined ? page.next : next;
  const more = async () => {
    setBusy(true);
    setMoreError(null);
    try {
      const before = alerts[alerts.length - 1]?.id ?? cursor;
      const got = await listIncidentAlerts(incidentId, { before, limit: PAGE_SIZE });
      setOlder([...older, ...got.items]);
      setNext(got.next);
    } catch (error) {
      setMoreError(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="incident-alerts">
      <h2 id="incident-alerts">Alerts</h2>
      <p class="muted">What the monitoring tools sent, newest first.</p>
      <ul class="plain alert-list">
        {alerts.map((a) => (
          <AlertItem key={a.id} alert={a} />
        ))}
      </ul>
      {moreError && (
        <p class="field-error" role="alert">
          Could not load older alerts: {moreError}
        </p>
      )}
      {cursor && (
        <p>
          <button type="button" disabled={busy} onClick={() => void more()}>
            Show more
          </button>
        </p>
      )}
    </section>
  );
}

function AlertItem({ alert: a }: { alert: IncidentAlert }) {
  const links = safeLinks(a.links);
  // Images stay links, never inline <img>: an arbitrary host's image is a tracking pixel (it
  // tells that host who opened the incident, and when), and showing them would need a
  // Content-Security-Policy img-src open to every host.
  const images = imageLinks(a.images);
  const details = detailRows(a.customDetails);
  const clientHref = a.clientUrl ? safeHref(a.clientUrl) : null;
  return (
    <li class="alert-item" aria-label={`Alert ${a.summary}`}>
      <h3>{a.summary}</h3>
      <p class="alert-meta">
        <span>
          <span class={`badge severity-${a.severity}`}>{a.severity}</span>{' '}
          <span class={`badge ${a.status}`}>{a.status}</span>
        </span>
        {a.source && <span>Source: {a.source}</span>}
        <span>
          {a.eventCount} {a.eventCount === 1 ? 'event' : 'events'}
        </span>
        <span>
          First seen <Time at={a.firstAt} />
        </span>
        <span>
          Last seen <Time at={a.lastAt} />
        </span>
        {(a.client || clientHref) && (
          <span>
            From{' '}
            {clientHref ? (
              <a href={clientHref} target="_blank" rel="noopener noreferrer">
                {a.client || a.clientUrl}
              </a>
            ) : (
              a.client
            )}
          </span>
        )}
      </p>
      {(links.length > 0 || images.length > 0) && (
        <ul class="alert-links" aria-label="Links">
          {links.map((l, n) => (
            <li key={`l${n}`}>
              <a href={l.href} target="_blank" rel="noopener noreferrer">
                {l.text}
              </a>
            </li>
          ))}
          {images.map((l, n) => (
            <li key={`i${n}`}>
              <a href={l.href} target="_blank" rel="noopener noreferrer">
                {l.text}
              </a>{' '}
              <span class="muted">(image)</span>
            </li>
          ))}
        </ul>
      )}
      {details.length > 0 && (
        <dl class="alert-details" aria-label="Custom details">
          {details.map((d) => (
            <Fragment key={d.key}>
              <dt>{d.key}</dt>
              <dd>{d.value}</dd>
            </Fragment>
          ))}
        </dl>
      )}
    </li>
  );
}
