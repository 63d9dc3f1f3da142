// The agent's desk: the queue of tickets by SLA risk, with live countdowns, filters and a form to
// open a ticket. The list refreshes every 5 s; the countdowns tick every second between loads.

import { useState } from 'preact/hooks';
import { useSearch } from 'wouter-preact';
import { navigate } from 'wouter-preact/use-browser-location';
import { api } from '../api';
import {
  createTicket,
  listCustomers,
  listTickets,
  METRIC_LABELS,
  OPEN_STATUSES,
  STATUS_LABELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketItem,
  type TicketStatus,
} from '../api/support';
import { Field, Form } from '../ui/form';
import { useLoad, useNow } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import {
  canWorkTickets,
  clockText,
  filterTickets,
  sortByRisk,
  ticketRisk,
  tiersOf,
  type QueueFilters,
} from './desk';
import './support.css';

type StatusFilter = 'open' | 'all' | TicketStatus;

export function TicketsPage() {
  const { session } = useSession();
  const me = session.user.id;
  const customerId = new URLSearchParams(useSearch()).get('customer') ?? undefined;
  const [status, setStatus] = useState<StatusFilter>('open');
  const [filters, setFilters] = useState<QueueFilters>({ who: 'all', priority: '', tier: '' });
  const tickets = useLoad(
    () =>
      listTickets({
        statuses: status === 'open' ? OPEN_STATUSES : status === 'all' ? undefined : [status],
        customerId,
        limit: 500,
      }),
    [status, customerId],
    { everyMs: 5000 },
  );
  const now = useNow(1000);
  const set = (change: Partial<QueueFilters>) => setFilters({ ...filters, ...change });

  return (
    <Page
      title="Tickets"
      lead="The queue, most at risk of missing its SLA first: breached, then soonest due, then paused."
    >
      <form class="queue-filters" aria-label="Filter tickets" onSubmit={(e) => e.preventDefault()}>
        <Field
          label="Show"
          name="who"
          required
          value={filters.who}
          onInput={(v) => set({ who: v as QueueFilters['who'] })}
          options={[
            { value: 'all', label: 'Everyone’s tickets' },
            { value: 'mine', label: 'Assigned to me' },
            { value: 'unassigned', label: 'Unassigned' },
          ]}
        />
        <Field
          label="In status"
          name="status"
          required
          value={status}
          onInput={(v) => setStatus(v as StatusFilter)}
          options={[
            { value: 'open', label: 'Not solved yet' },
            ...TICKET_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
            { value: 'all', label: 'Any status' },
          ]}
        />
        <Field
          label="With priority"
          name="priority"
          required
          value={filters.priority}
          onInput={(v) => set({ priority: v })}
          options={[
            { value: '', label: 'Any priority' },
            ...TICKET_PRIORITIES.map((p) => ({ value: p, label: p })),
          ]}
        />
        <Field
          label="Customer tier"
          name="tier"
          required
          value={filters.tier}
          onInput={(v) => set({ tier: v })}
          options={[
            { value: '', label: 'Any tier' },
            ...tiersOf(tickets.data ?? []).map((t) => ({ value: t, label: t })),
            { value: '-', label: 'No customer' },
          ]}
        />
      </form>
      {customerId && (
        <p>
          Only one customer’s tickets. <a href="/tickets">Show every customer’s</a>.
        </p>
      )}
      <div aria-live="polite">
        <Loading state={tickets}>
          {(all) => {
            const shown = sortByRisk(filterTickets(all, filters, me), now);
            if (shown.length === 0) {
              return (
                <Empty>
                  {all.length === 0
                    ? 'No tickets here. Open one below when a customer writes in, or connect a helpdesk.'
                    : 'No ticket matches these filters. Choose “Everyone’s tickets” and “Any priority” to see the whole queue.'}
                </Empty>
              );
            }
            return <Queue tickets={shown} now={now} />;
          }}
        </Loading>
      </div>
      {canWorkTickets(session.user.role) && <CreateTicket />}
    </Page>
  );
}

function Queue({ tickets, now }: { tickets: TicketItem[]; now: Date }) {
  return (
    <div class="desk-table">
      <DataTable
        caption="Tickets by SLA risk"
        rows={tickets}
        rowKey={(t) => t.id}
        rowClass={(t) => `risk-${ticketRisk(t, now).rank}`}
        columns={[
          {
            label: 'Ticket',
            rowHeader: true,
            cell: (t) => (
              <>
                <a href={`/tickets/${encodeURIComponent(t.id)}`}>
                  T-{t.number} {t.subject}
                </a>
                {t.incidentId && (
                  <>
                    {' '}
                    <a class="badge tier" href={`/incidents/${encodeURIComponent(t.incidentId)}`}>
                      incident
                    </a>
                  </>
                )}
              </>
            ),
          },
          { label: 'SLA', cell: (t) => <SlaSummary ticket={t} now={now} /> },
          {
            label: 'Priority',
            cell: (t) => <span class={`badge priority-${t.priority}`}>{t.priority}</span>,
          },
          {
            label: 'Status',
            cell: (t) => (
              <span class={`badge ticket-${t.status}`}>{t.status.replace('_', ' ')}</span>
            ),
          },
          {
            label: 'Customer',
            cell: (t) =>
              t.customerName ? (
                <>
                  {t.customerName} <span class="badge tier">{t.tier}</span>
                </>
              ) : (
                <span class="muted">No customer</span>
              ),
          },
          {
            label: 'Assignee',
            cell: (t) => t.assigneeName ?? <span class="warn">Unassigned</span>,
          },
        ]}
      />
    </div>
  );
}

/** The ticket's most pressing clock, counting down live. */
function SlaSummary({ ticket, now }: { ticket: TicketItem; now: Date }) {
  const risk = ticketRisk(ticket, now);
  if (!risk.clock) {
    return <span class="muted">{ticket.sla.length === 0 ? 'No SLA' : 'All met'}</span>;
  }
  return (
    <span class={`clock clock-${risk.rank === 0 ? 'breached' : risk.clock.status}`}>
      {METRIC_LABELS[risk.clock.metric]}: {clockText(risk.clock, now)}
    </span>
  );
}

function CreateTicket() {
  const announce = useAnnounce();
  const customers = useLoad(() => listCustomers(), []);
  const services = useLoad(() => api.searchServices('', 500), []);
  const users = useLoad(() => api.listUsers(), []);
  return (
    <section class="panel" aria-labelledby="create-ticket">
      <h2 id="create-ticket">Open a ticket</h2>
      <Form
        label="Open a ticket"
        submit="Open ticket"
        resetOnSuccess
        onSubmit={async (v) => {
          const detail = await createTicket({
            subject: v.subject ?? '',
            description: v.description || undefined,
            requester: v.requester || undefined,
            customerId: v.customerId || undefined,
            priority: v.priority ?? 'normal',
            serviceId: v.serviceId || undefined,
            assigneeId: v.assigneeId || undefined,
          });
          announce(`Opened T-${detail.ticket.number}: ${detail.ticket.subject}.`);
          navigate(`/tickets/${encodeURIComponent(detail.ticket.id)}`);
        }}
      >
        <Field label="Subject" name="subject" required />
        <Field label="Description" name="description" multiline />
        <Field label="Requester" name="requester" hint="Who wrote in, e.g. an email address." />
        <Field
          label="Customer"
          name="customerId"
          hint={
            <>
              The customer’s tier picks the SLA policy. <a href="/customers">Add customers</a>.
            </>
          }
          options={[
            { value: '', label: 'No customer' },
            ...(customers.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.tier})` })),
          ]}
        />
        <Field
          label="Priority"
          name="priority"
          required
          value="normal"
          options={TICKET_PRIORITIES.map((p) => ({ value: p, label: p }))}
        />
        <Field
          label="Service"
          name="serviceId"
          hint="The service it is about: escalating pages its owning team."
          options={[
            { value: '', label: 'Not known yet' },
            ...(services.data ?? []).map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        <Field
          label="Assignee"
          name="assigneeId"
          options={[
            { value: '', label: 'Unassigned' },
            ...(users.data ?? [])
              .filter((u) => u.active)
              .map((u) => ({ value: u.id, label: u.name })),
          ]}
        />
      </Form>
    </section>
  );
}
