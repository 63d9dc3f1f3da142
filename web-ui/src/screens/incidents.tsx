// Incidents: the live list (status, mine and service filters in the address, 50 a page), with
// acknowledge in place, and the form to trigger one. The incident's own page is incident.tsx.

import { useEffect, useState } from 'preact/hooks';
import { useSearch } from 'wouter-preact';
import { navigate } from 'wouter-preact/use-browser-location';
import { api, URGENCIES, type Incident, type Service, type Urgency } from '../api';
import { listIncidentPage, type IncidentListPage, type PagedUser } from '../api/incidents';
import {
  canAcknowledge,
  canTrigger,
  emptyListText,
  filterStatuses,
  INCIDENT_FILTERS,
  listFiltersPath,
  parseListFilters,
  type IncidentListFilters,
} from '../incidents';
import { errorText, Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import { Time } from '../ui/Time';
import './incidents.css';

export const INCIDENT_PAGE_SIZE = 50;
/** How often the list and an incident's page ask for news while shown. */
export const INCIDENT_REFRESH_MS = 5_000;

export const URGENCY_OPTIONS = URGENCIES.map((u) => ({
  value: u,
  label: u === 'high' ? 'High — page now, day or night' : 'Low — may wait for support hours',
}));

export function incidentPath(incident: Pick<Incident, 'id'>): string {
  return `/incidents/${encodeURIComponent(incident.id)}`;
}

export function StatusBadge({ status }: { status: Incident['status'] }) {
  return <span class={`badge ${status}`}>{status}</span>;
}

/** "high urgency", or just "high" where a column heading already says urgency. */
export function UrgencyBadge({ urgency, short }: { urgency: Urgency; short?: boolean }) {
  return <span class={`badge urgency-${urgency}`}>{short ? urgency : `${urgency} urgency`}</span>;
}

export function IncidentsPage() {
  const { session } = useSession();
  const role = session.user.role;
  const announce = useAnnounce();
  const search = useSearch();
  const filters = parseListFilters(search);
  // The cursors of the pages before the current one, so "Newer" can go back.
  const [cursors, setCursors] = useState<(number | null)[]>([]);
  const [before, setBefore] = useState<number | null>(null);
  useEffect(() => {
    setCursors([]);
    setBefore(null);
  }, [search]);

  const list = useLoad(
    () =>
      listIncidentPage({
        statuses: filterStatuses(filters.status),
        serviceId: filters.serviceId || undefined,
        userId: filters.mine ? session.user.id : undefined,
        before,
        limit: INCIDENT_PAGE_SIZE,
      }),
    [search, before],
    { everyMs: INCIDENT_REFRESH_MS },
  );
  const services = useLoad(() => api.searchServices('', 500), []);

  const go = (next: IncidentListFilters) => navigate(listFiltersPath(next), { replace: true });

  const acknowledge = async (incident: Incident, button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      const updated = await api.acknowledgeIncident(incident.id);
      const current = list.data;
      if (current) {
        list.set({
          ...current,
          items: current.items.map((i) => (i.id === updated.id ? updated : i)),
        });
      }
      announce(`Acknowledged #${updated.number}.`);
    } catch (error) {
      announce(errorText(error), 'error');
      button.disabled = false;
      await list.reload();
    }
  };

  return (
    <Page
      title="Incidents"
      lead="Something is wrong with a service and someone is being paged. Open an incident to acknowledge it, resolve it or read what happened. This list refreshes itself."
    >
      <div class="incident-filters">
        <nav class="filters" aria-label="Show incidents">
          <ul>
            {INCIDENT_FILTERS.map((f) => (
              <li key={f.value}>
                <a
                  href={listFiltersPath({ ...filters, status: f.value })}
                  aria-current={f.value === filters.status ? 'page' : undefined}
                >
                  {f.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <label class="check">
          <input
            type="checkbox"
            checked={filters.mine}
            onChange={(e) => go({ ...filters, mine: e.currentTarget.checked })}
          />{' '}
          Only mine (paged me or assigned to me)
        </label>
        <div class="field inline-field">
          <label for="incident-service-filter">Filter by service</label>
          <select
            id="incident-service-filter"
            value={filters.serviceId}
            onChange={(e) => go({ ...filters, serviceId: e.currentTarget.value })}
          >
            <option value="">All services</option>
            {(services.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            {filters.serviceId !== '' &&
              services.data &&
              !services.data.some((s) => s.id === filters.serviceId) && (
                <option value={filters.serviceId}>A service not in the directory</option>
              )}
          </select>
        </div>
      </div>
      <div class="results incident-list">
        <Loading state={list}>
          {(page) => (
            <>
              <IncidentTable
                page={page}
                filters={filters}
                mayAcknowledge={canAcknowledge(role)}
                onAcknowledge={(i, b) => void acknowledge(i, b)}
              />
              <Pager
                page={page}
                cursors={cursors}
                onNewer={() => {
                  const rest = cursors.slice(0, -1);
                  setBefore(cursors[cursors.length - 1] ?? null);
                  setCursors(rest);
                }}
                onOlder={(last) => {
                  setCursors([...cursors, before]);
                  setBefore(last);
                }}
              />
            </>
          )}
        </Loading>
      </div>
      {canTrigger(role) && (
        <TriggerSection
          services={services.data}
          onTriggered={async () => {
            // A new incident is open: show the first page of open incidents.
            if (filters.status === 'resolved') go({ ...filters, status: 'open' });
            else if (before !== null) {
              setCursors([]);
              setBefore(null);
            } else await list.reload();
          }}
        />
      )}
    </Page>
  );
}

function PagedNames({ people }: { people: PagedUser[] | undefined }) {
  if (!people || people.length === 0) return <span class="muted">Nobody</span>;
  return <>{people.map((p) => p.name).join(', ')}</>;
}

function IncidentTable({
  page,
  filters,
  mayAcknowledge,
  onAcknowledge,
}: {
  page: IncidentListPage;
  filters: IncidentListFilters;
  mayAcknowledge: boolean;
  onAcknowledge: (incident: Incident, button: HTMLButtonElement) => void;
}) {
  if (page.items.length === 0) return <Empty>{emptyListText(filters)}</Empty>;
  return (
    <DataTable
      caption="Incidents, newest first"
      rows={page.items}
      rowKey={(i) => i.id}
      rowClass={(i) => `incident-row ${i.status}`}
      columns={[
        {
          label: '#',
          class: 'num',
          cell: (i) => <a href={incidentPath(i)}>#{i.number}</a>,
        },
        {
          label: 'Title',
          rowHeader: true,
          cell: (i) => <a href={incidentPath(i)}>{i.title}</a>,
        },
        { label: 'Service', cell: (i) => i.serviceName },
        { label: 'Urgency', cell: (i) => <UrgencyBadge urgency={i.urgency} short /> },
        { label: 'Status', cell: (i) => <StatusBadge status={i.status} /> },
        { label: 'Triggered', cell: (i) => <Time at={i.createdAt} /> },
        {
          label: 'Paged',
          cell: (i) => <PagedNames people={page.paged[i.id]} />,
        },
        {
          label: 'Acknowledged by',
          cell: (i) => i.acknowledgedBy ?? <span class="muted">—</span>,
        },
        ...(mayAcknowledge
          ? [
              {
                label: 'Actions',
                class: 'row-actions',
                cell: (i: Incident) =>
                  i.status === 'triggered' ? (
                    <button
                      type="button"
                      class="primary small"
                      aria-label={`Acknowledge #${i.number} ${i.title}`}
                      onClick={(e) => onAcknowledge(i, e.currentTarget)}
                    >
                      Acknowledge
                    </button>
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}

function Pager({
  page,
  cursors,
  onNewer,
  onOlder,
}: {
  page: IncidentListPage;
  cursors: (number | null)[];
  onNewer: () => void;
  onOlder: (lastNumber: number) => void;
}) {
  const last = page.items[page.items.length - 1];
  const more = page.items.length === INCIDENT_PAGE_SIZE && last !== undefined;
  if (cursors.length === 0 && !more) return null;
  return (
    <nav class="pager" aria-label="Incident pages">
      <button type="button" disabled={cursors.length === 0} onClick={onNewer}>
        ← Newer
      </button>
      <span class="muted">Page {cursors.length + 1}</span>
      <button type="button" disabled={!more} onClick={() => last && onOlder(last.number)}>
        Older →
      </button>
    </nav>
  );
}

function TriggerSection({
  services,
  onTriggered,
}: {
  services: Service[] | undefined;
  onTriggered: () => Promise<void>;
}) {
  const { isAdmin } = useSession();
  const announce = useAnnounce();
  return (
    <section class="panel" aria-labelledby="trigger-incident">
      <h2 id="trigger-incident">Trigger an incident</h2>
      {services === undefined ? (
        <p class="loading">Loading…</p>
      ) : services.length === 0 ? (
        <p>
          Incidents belong to a service.{' '}
          {isAdmin ? (
            <>
              <a href="/services">Add a service</a> first.
            </>
          ) : (
            'Ask an admin to add one first.'
          )}
        </p>
      ) : (
        <Form
          label="Trigger an incident"
          submit="Trigger incident"
          resetOnSuccess
          onSubmit={async (v) => {
            const result = await api.triggerIncident({
              serviceId: v.serviceId ?? '',
              title: v.title ?? '',
              details: v.details,
              urgency: v.urgency === 'low' ? 'low' : 'high',
            });
            const i = result.incident;
            announce(
              result.deduplicated
                ? `#${i.number} was already open for this; added an alert to it.`
                : `Triggered #${i.number}: ${i.title}.`,
            );
            await onTriggered();
          }}
        >
          <Field
            label="Service"
            name="serviceId"
            required
            options={services.map((s) => ({
              value: s.id,
              label:
                `${s.name} (${s.team.name})` +
                (s.escalationPolicyId === null ? ' — pages nobody' : ''),
            }))}
          />
          <Field label="Title" name="title" required hint="What is wrong." />
          <Field
            label="Details"
            name="details"
            multiline
            hint="What you see, links to graphs, what you tried."
          />
          <Field label="Urgency" name="urgency" required options={URGENCY_OPTIONS} value="high" />
        </Form>
      )}
    </section>
  );
}
