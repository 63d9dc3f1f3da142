// One ticket as the agent works it: its SLA clocks counting down, the conversation (replies,
// customer replies, internal notes, suggested replies from templates), status / assignee /
// priority, "does engineering know?" with escalate or link, the linked incident's live status and
// timeline, and similar tickets. The ticket reloads every 5 s, so the incident's status and the
// suggested replies arrive without a reload.

import { useState } from 'preact/hooks';
import { api } from '../api';
import {
  addTicketMessage,
  assignTicket,
  changeTicketStatus,
  engineeringStatus,
  escalateGroup,
  escalateTicket,
  getTicket,
  linkTicket,
  listCustomers,
  METRIC_LABELS,
  similarTickets,
  STATUS_LABELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  unlinkTicket,
  updateTicket,
  type LinkedIncident,
  type MessageKind,
  type SlaClock,
  type Ticket,
  type TicketDetail,
  type TicketEvent,
} from '../api/support';
import { errorText, Field, Form } from '../ui/form';
import { useLoad, useNow } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import { Time } from '../ui/Time';
import {
  canWorkTickets,
  clockText,
  eventSummary,
  isOverdue,
  MESSAGE_KINDS,
  pendingSuggestion,
} from './desk';
import './support.css';

const enc = encodeURIComponent;

export function TicketPage({ params }: { params: { id: string } }) {
  const id = params.id;
  const detail = useLoad(() => getTicket(id), [id], { everyMs: 5000 });
  const d = detail.data;
  return (
    <Page
      title={d ? `T-${d.ticket.number} ${d.ticket.subject}` : 'Ticket'}
      titleExtra={
        d && (
          <>
            {' '}
            <span class={`badge ticket-${d.ticket.status}`}>
              {d.ticket.status.replace('_', ' ')}
            </span>
          </>
        )
      }
      breadcrumb={{ href: '/tickets', label: 'Tickets' }}
    >
      <Loading state={detail}>
        {(data) => <TicketView detail={data} changed={detail.set} />}
      </Loading>
    </Page>
  );
}

type Changed = (detail: TicketDetail) => void;

/** What a panel of the ticket page gets: the ticket, whether one may work it, and the update. */
interface PanelProps {
  ticket: Ticket;
  canWork: boolean;
  changed: Changed;
}

function TicketView({ detail, changed }: { detail: TicketDetail; changed: Changed }) {
  const { session } = useSession();
  const canWork = canWorkTickets(session.user.role);
  const { ticket, incident } = detail;
  const engineeringKnows = incident !== null && incident.status !== 'resolved';
  return (
    <>
      <Facts ticket={ticket} />
      {ticket.description && (
        <section aria-labelledby="ticket-description">
          <h2 id="ticket-description" class="visually-hidden">
            Description
          </h2>
          <p class="pre-wrap ticket-description">{ticket.description}</p>
        </section>
      )}
      <Clocks sla={detail.sla} />
      {incident && <LinkedIncidentPanel ticket={ticket} incident={incident} changed={changed} />}
      {!engineeringKnows && (
        <EngineeringPanel ticket={ticket} canWork={canWork} changed={changed} />
      )}
      {canWork && <WorkPanel ticket={ticket} changed={changed} />}
      <Conversation detail={detail} changed={changed} />
      <Similar ticket={ticket} canWork={canWork} changed={changed} />
    </>
  );
}

function Facts({ ticket }: { ticket: Ticket }) {
  return (
    <dl class="facts" aria-label="Ticket summary">
      <div>
        <dt>Customer</dt>
        <dd>
          {ticket.customerName ? (
            <>
              {ticket.customerName} <span class="badge tier">{ticket.tier}</span>
            </>
          ) : (
            <span class="muted">No customer</span>
          )}
        </dd>
      </div>
      <div>
        <dt>Requester</dt>
        <dd>{ticket.requester ?? <span class="muted">Not given</span>}</dd>
      </div>
      <div>
        <dt>Priority</dt>
        <dd>
          <span class={`badge priority-${ticket.priority}`}>{ticket.priority}</span>
        </dd>
      </div>
      <div>
        <dt>Service</dt>
        <dd>
          {ticket.serviceId ? (
            <a href={`/services/${enc(ticket.serviceId)}`}>{ticket.serviceName}</a>
          ) : (
            <span class="muted">Not known yet</span>
          )}
        </dd>
      </div>
      <div>
        <dt>Assignee</dt>
        <dd>{ticket.assigneeName ?? <span class="warn">Unassigned</span>}</dd>
      </div>
      <div>
        <dt>Opened</dt>
        <dd>
          <Time at={ticket.createdAt} />
          {ticket.createdBy ? ` by ${ticket.createdBy}` : ''}
        </dd>
      </div>
      {ticket.externalUrl && (
        <div>
          <dt>In the helpdesk</dt>
          <dd class="wrap-anywhere">
            <a href={ticket.externalUrl} target="_blank" rel="noopener noreferrer">
              {ticket.externalUrl}
            </a>
          </dd>
        </div>
      )}
      {ticket.followUpDue && (
        <div>
          <dt>Follow-up</dt>
          <dd class="warn">Due: its incident is resolved; tell the customer.</dd>
        </div>
      )}
    </dl>
  );
}

function Clocks({ sla }: { sla: SlaClock[] }) {
  const now = useNow(1000);
  return (
    <section class="panel" aria-labelledby="sla-clocks">
      <h2 id="sla-clocks">SLA clocks</h2>
      {sla.length === 0 ? (
        <Empty>
          No SLA clocks: the ticket has no customer, or no SLA policy covers its customer’s tier and
          priority. Set the customer below, or <a href="/sla-policies">add an SLA policy</a>.
        </Empty>
      ) : (
        <DataTable
          caption="SLA clocks"
          rows={sla}
          rowKey={(c) => c.metric}
          columns={[
            { label: 'Clock', rowHeader: true, cell: (c) => METRIC_LABELS[c.metric] ?? c.metric },
            {
              label: 'Status',
              cell: (c) => (
                <span class={`badge clock-status-${isOverdue(c, now) ? 'breached' : c.status}`}>
                  {isOverdue(c, now) ? 'breached' : c.status}
                </span>
              ),
            },
            {
              label: 'Due',
              cell: (c) =>
                c.status === 'paused' ? (
                  <span class="muted">Paused while pending or on hold</span>
                ) : c.dueAt ? (
                  <Time at={c.dueAt} />
                ) : (
                  <span class="muted">—</span>
                ),
            },
            {
              label: 'Remaining',
              cell: (c) => (
                <span class={`clock clock-${isOverdue(c, now) ? 'breached' : c.status}`}>
                  {clockText(c, now)}
                </span>
              ),
            },
            {
              label: 'Warning and breach',
              cell: (c) => <ClockAlarms clock={c} />,
            },
          ]}
        />
      )}
    </section>
  );
}

function ClockAlarms({ clock }: { clock: SlaClock }) {
  const page = clock.breachPage;
  if (!clock.warnedAt && !clock.breachedAt) return <span class="muted">None yet</span>;
  return (
    <ul class="plain">
      {clock.warnedAt && (
        <li>
          Warned <Time at={clock.warnedAt} style="short" />
        </li>
      )}
      {clock.breachedAt && (
        <li>
          Breached <Time at={clock.breachedAt} style="short" />
        </li>
      )}
      {page && (
        <li>
          Paged: <a href={`/incidents/${enc(page.incidentId)}`}>incident #{page.incidentNumber}</a>{' '}
          <span class={`badge ${page.status}`}>{page.status}</span>
          {page.acknowledgedBy && (
            <>
              {' '}
              by {page.acknowledgedBy}
              {page.acknowledgedAt && (
                <>
                  {' '}
                  <Time at={page.acknowledgedAt} style="short" />
                </>
              )}
            </>
          )}
        </li>
      )}
    </ul>
  );
}

function LinkedIncidentPanel({
  ticket,
  incident,
  changed,
}: {
  ticket: Ticket;
  incident: LinkedIncident;
  changed: Changed;
}) {
  const { session } = useSession();
  const announce = useAnnounce();
  const unlink = async () => {
    if (!window.confirm(`Unlink T-${ticket.number} from incident #${incident.number}?`)) return;
    try {
      changed(await unlinkTicket(ticket.id));
      announce(`Unlinked from incident #${incident.number}.`);
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  const newestFirst = [...incident.timeline].reverse();
  return (
    <section class="panel linked-incident" aria-labelledby="linked-incident">
      <h2 id="linked-incident">
        Incident{' '}
        <a href={`/incidents/${enc(incident.id)}`}>
          #{incident.number} {incident.title}
        </a>
      </h2>
      <p role="group" aria-label="Incident status" class="incident-line">
        <span class={`badge ${incident.status}`}>{incident.status}</span>{' '}
        <span class={`badge urgency-${incident.urgency}`}>{incident.urgency} urgency</span>{' '}
        {incident.serviceName && <>on {incident.serviceName} · </>}
        {incident.how === 'escalated' ? 'escalated' : 'linked'} <Time at={incident.linkedAt} />
        {incident.acknowledgedBy && (
          <>
            {' '}
            · acknowledged by {incident.acknowledgedBy}
            {incident.acknowledgedAt && (
              <>
                {' '}
                <Time at={incident.acknowledgedAt} style="short" />
              </>
            )}
          </>
        )}
        {incident.resolvedBy && <> · resolved by {incident.resolvedBy}</>}
      </p>
      <h3>Timeline (newest first)</h3>
      {newestFirst.length === 0 ? (
        <Empty>Nothing has happened on the incident yet.</Empty>
      ) : (
        <div class="desk-table">
          <DataTable
            caption="Incident timeline"
            rows={newestFirst.slice(0, 30)}
            rowKey={(e) => String(e.id)}
            columns={[
              { label: 'When', cell: (e) => <Time at={e.at} style="short" /> },
              { label: 'What', rowHeader: true, cell: (e) => e.message },
              { label: 'Who', cell: (e) => e.actor ?? <span class="muted">Switchboard</span> },
            ]}
          />
        </div>
      )}
      {canWorkTickets(session.user.role) && (
        <div class="actions desk-actions">
          <button type="button" onClick={() => void unlink()}>
            Unlink from this incident
          </button>
        </div>
      )}
    </section>
  );
}

function EngineeringPanel({ ticket, canWork, changed }: PanelProps) {
  const announce = useAnnounce();
  const [serviceId, setServiceId] = useState(ticket.serviceId ?? '');
  const services = useLoad(() => api.searchServices('', 500), []);
  const status = useLoad(
    () => (serviceId === '' ? Promise.resolve(null) : engineeringStatus(ticket.id, serviceId)),
    [ticket.id, serviceId],
    { everyMs: 5000 },
  );
  const link = async (incidentId: string, number: number) => {
    try {
      changed(await linkTicket(ticket.id, incidentId));
      announce(`Linked T-${ticket.number} to incident #${number}.`);
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  const highByDefault = ticket.priority === 'urgent' || ticket.priority === 'high';
  return (
    <section class="panel" aria-labelledby="engineering">
      <h2 id="engineering">Does engineering know?</h2>
      <Field
        label="Service"
        name="engineeringService"
        required
        value={serviceId}
        onInput={setServiceId}
        hint="The service the customer’s problem is in; its owning team is paged on escalation."
        options={[
          { value: '', label: 'Choose a service' },
          ...(services.data ?? []).map((s) => ({ value: s.id, label: s.name })),
        ]}
      />
      {serviceId === '' ? (
        <Empty>
          Choose the service to see its open incidents before paging anyone, and to escalate.
        </Empty>
      ) : (
        <Loading state={status}>
          {(s) =>
            s && (
              <>
                {s.openIncidents.length === 0 ? (
                  <p class="ok">
                    No open incident on {s.serviceName}: engineering does not know yet.
                    {canWork && ' Escalate below to page its team.'}
                  </p>
                ) : (
                  <>
                    <p class="warn">
                      Yes — {s.serviceName} has {s.openIncidents.length} open incident
                      {s.openIncidents.length === 1 ? '' : 's'}. Link this ticket instead of paging
                      again.
                    </p>
                    <ul class="list">
                      {s.openIncidents.map((i) => (
                        <li key={i.id}>
                          <span class="who">
                            <a href={`/incidents/${enc(i.id)}`}>
                              #{i.number} {i.title}
                            </a>{' '}
                            <span class={`badge ${i.status}`}>{i.status}</span>{' '}
                            <span class="muted">
                              {i.linkedTickets} linked ticket{i.linkedTickets === 1 ? '' : 's'},
                              opened <Time at={i.createdAt} style="relative" />
                            </span>
                          </span>
                          {canWork && (
                            <button
                              type="button"
                              class="small"
                              aria-label={`Link to incident #${i.number}`}
                              onClick={() => void link(i.id, i.number)}
                            >
                              Link
                            </button>
                          )}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {s.similarServices.length > 0 && (
                  <p>
                    Tickets like this one came in lately for:{' '}
                    {s.similarServices.map((x, n) => (
                      <span key={x.serviceId}>
                        {n > 0 && ', '}
                        <a href={`/services/${enc(x.serviceId)}`}>{x.serviceName}</a> ({x.tickets}{' '}
                        ticket{x.tickets === 1 ? '' : 's'})
                      </span>
                    ))}
                    .
                  </p>
                )}
              </>
            )
          }
        </Loading>
      )}
      {canWork && serviceId !== '' && (
        <Form
          label="Escalate to an incident"
          submit="Escalate to an incident"
          onSubmit={async (v) => {
            const next = await escalateTicket(ticket.id, {
              serviceId: serviceId || undefined,
              urgency: v.urgency,
            });
            changed(next);
            announce(
              next.incident
                ? `Escalated to incident #${next.incident.number}: its team is being paged.`
                : 'Escalated.',
            );
          }}
        >
          <Field
            label="Urgency"
            name="urgency"
            required
            value={highByDefault ? 'high' : 'low'}
            options={[
              { value: 'high', label: 'High: page now, day or night' },
              { value: 'low', label: 'Low: by the team’s low-urgency rules' },
            ]}
          />
        </Form>
      )}
    </section>
  );
}

function WorkPanel({ ticket, changed }: { ticket: Ticket; changed: Changed }) {
  const { session } = useSession();
  const announce = useAnnounce();
  const users = useLoad(() => api.listUsers(), []);
  const customers = useLoad(() => listCustomers(), []);
  const closed = ticket.status === 'closed';
  const act = async (run: () => Promise<TicketDetail>, message: string) => {
    changed(await run());
    announce(message);
  };
  return (
    <section class="panel" aria-labelledby="work-ticket">
      <h2 id="work-ticket">Status, assignee, customer and priority</h2>
      {closed ? (
        <p class="muted">A closed ticket is final.</p>
      ) : (
        <div class="work-forms">
          <Form
            label="Change status"
            submit="Change status"
            onSubmit={(v) =>
              act(
                () => changeTicketStatus(ticket.id, v.status ?? ''),
                `T-${ticket.number} is now ${(v.status ?? '').replace('_', ' ')}.`,
              )
            }
          >
            <Field
              label="Status"
              name="status"
              required
              value={ticket.status}
              options={TICKET_STATUSES.filter((s) => s !== 'new' || ticket.status === 'new').map(
                (s) => ({ value: s, label: STATUS_LABELS[s] }),
              )}
            />
          </Form>
          <Form
            label="Assign"
            submit="Assign"
            onSubmit={(v) =>
              act(
                () => assignTicket(ticket.id, v.assigneeId || null),
                v.assigneeId ? `Assigned T-${ticket.number}.` : `T-${ticket.number} is unassigned.`,
              )
            }
            actions={
              ticket.assigneeId !== session.user.id && (
                <button
                  type="button"
                  onClick={() =>
                    void act(
                      () => assignTicket(ticket.id, session.user.id),
                      `T-${ticket.number} is yours.`,
                    ).catch((e) => announce(errorText(e), 'error'))
                  }
                >
                  Assign to me
                </button>
              )
            }
          >
            <Field
              label="Assignee"
              name="assigneeId"
              value={ticket.assigneeId ?? ''}
              options={[
                { value: '', label: 'Unassigned' },
                ...(users.data ?? [])
                  .filter((u) => u.active || u.id === ticket.assigneeId)
                  .map((u) => ({ value: u.id, label: u.name })),
              ]}
            />
          </Form>
          <Form
            label="Change customer"
            submit="Change customer"
            onSubmit={(v) =>
              act(
                () => updateTicket(ticket.id, { customerId: v.customerId }),
                `T-${ticket.number} is now for ${customers.data?.find((c) => c.id === v.customerId)?.name ?? 'that customer'}; its SLA clocks follow the tier.`,
              )
            }
          >
            <Field
              label="Customer"
              name="customerId"
              required
              value={ticket.customerId ?? ''}
              hint={<a href="/customers">Add a customer</a>}
              options={[
                ...(ticket.customerId ? [] : [{ value: '', label: 'Choose a customer' }]),
                ...(customers.data ?? []).map((c) => ({
                  value: c.id,
                  label: `${c.name} (${c.tier})`,
                })),
              ]}
            />
          </Form>
          <Form
            label="Change priority"
            submit="Change priority"
            onSubmit={(v) =>
              act(
                () => updateTicket(ticket.id, { priority: v.priority }),
                `T-${ticket.number} is now ${v.priority ?? ''} priority.`,
              )
            }
          >
            <Field
              label="Priority"
              name="priority"
              required
              value={ticket.priority}
              options={TICKET_PRIORITIES.map((p) => ({ value: p, label: p }))}
            />
          </Form>
        </div>
      )}
    </section>
  );
}

const KIND_OPTIONS: { value: MessageKind; label: string }[] = [
  { value: 'replies', label: 'Public reply to the customer' },
  { value: 'notes', label: 'Internal note (the customer does not see it)' },
  { value: 'customer-replies', label: 'The customer’s reply (copied from email or phone)' },
];

function Conversation({ detail, changed }: { detail: TicketDetail; changed: Changed }) {
  const { session } = useSession();
  const announce = useAnnounce();
  const canWork = canWorkTickets(session.user.role);
  const canNote = canWork || session.user.role === 'responder';
  const [kind, setKind] = useState<MessageKind>(canWork ? 'replies' : 'notes');
  const [text, setText] = useState('');
  const suggestion = canWork ? pendingSuggestion(detail.events) : null;
  const closed = detail.ticket.status === 'closed';
  return (
    <section class="panel" aria-labelledby="conversation">
      <h2 id="conversation">Conversation</h2>
      <ol class="conversation">
        {detail.events.map((e) => (
          <EventItem key={e.id} event={e} />
        ))}
      </ol>
      {canNote && !closed && (
        <>
          {suggestion && (
            <div class="suggestion" role="group" aria-label="Suggested reply">
              <p>
                <strong>Suggested reply</strong> from the incident’s latest update:
              </p>
              <p class="pre-wrap">{suggestion.body}</p>
              <button
                type="button"
                onClick={() => {
                  setKind('replies');
                  setText(suggestion.body ?? '');
                }}
              >
                Use suggested reply
              </button>
            </div>
          )}
          <Form
            label="Add to the conversation"
            submit={kind === 'replies' ? 'Send reply' : kind === 'notes' ? 'Add note' : 'Add'}
            fieldAliases={{ body: 'message' }}
            onSubmit={async () => {
              changed(await addTicketMessage(detail.ticket.id, kind, text));
              setText('');
              announce(
                kind === 'replies'
                  ? 'Reply sent.'
                  : kind === 'notes'
                    ? 'Note added.'
                    : 'Customer reply added.',
              );
            }}
          >
            {canWork && (
              <Field
                label="Kind"
                name="kind"
                required
                value={kind}
                onInput={(v) => setKind(v as MessageKind)}
                options={KIND_OPTIONS}
              />
            )}
            <Field
              label="Message"
              name="message"
              required
              multiline
              value={text}
              onInput={setText}
            />
          </Form>
        </>
      )}
    </section>
  );
}

function EventItem({ event }: { event: TicketEvent }) {
  const message = MESSAGE_KINDS.has(event.kind) && event.body;
  return (
    <li class={`event event-${event.kind}${message ? ' message' : ''}`}>
      <p class="event-head">
        <span>{eventSummary(event)}</span>{' '}
        <span class="muted">
          <Time at={event.at} style="short" />
        </span>
      </p>
      {message && <p class="pre-wrap event-body">{event.body}</p>}
    </li>
  );
}

function Similar({ ticket, canWork, changed }: PanelProps) {
  const announce = useAnnounce();
  const ticketId = ticket.id;
  const similar = useLoad(() => similarTickets(ticketId), [ticketId]);
  const escalateAll = async (groupId: string) => {
    try {
      const result = await escalateGroup(groupId, {
        serviceId: ticket.serviceId ?? undefined,
      });
      const joined = result.linkedTicketIds.length;
      announce(
        `${result.opened ? 'Opened one incident' : 'Joined the open incident'} for the group: ${joined} ticket${joined === 1 ? '' : 's'} linked${result.skipped.length ? `, ${result.skipped.length} skipped` : ''}.`,
      );
      changed(await getTicket(ticketId));
      await similar.reload();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  return (
    <section class="panel" aria-labelledby="similar">
      <h2 id="similar">Similar tickets</h2>
      <Loading state={similar}>
        {(s) =>
          !s.group || s.items.length === 0 ? (
            <Empty>
              No similar ticket in the last 24 hours. When more customers write about the same
              problem they are grouped here.
            </Empty>
          ) : (
            <>
              <p>
                Part of a group of {s.group.ticketCount} ticket
                {s.group.ticketCount === 1 ? '' : 's'}
                {s.group.serviceName ? ` on ${s.group.serviceName}` : ''} about “
                {s.group.topTerms.join(', ')}”
                {s.group.surging && (
                  <>
                    {' '}
                    <span class="badge triggered">surging</span>
                  </>
                )}
                .
              </p>
              <DataTable
                caption="Similar tickets"
                rows={s.items}
                rowKey={(t) => t.id}
                columns={[
                  {
                    label: 'Ticket',
                    rowHeader: true,
                    cell: (t) => (
                      <a href={`/tickets/${enc(t.id)}`}>
                        T-{t.number} {t.subject}
                      </a>
                    ),
                  },
                  { label: 'Status', cell: (t) => t.status.replace('_', ' ') },
                  {
                    label: 'Customer tier',
                    cell: (t) => t.customerTier ?? <span class="muted">None</span>,
                  },
                  { label: 'Opened', cell: (t) => <Time at={t.createdAt} style="short" /> },
                  {
                    label: 'Incident',
                    cell: (t) =>
                      t.incidentId ? (
                        <a href={`/incidents/${enc(t.incidentId)}`}>{t.incidentStatus}</a>
                      ) : (
                        <span class="muted">None</span>
                      ),
                  },
                ]}
              />
              {canWork && (s.group.serviceId || ticket.serviceId) && (
                <div class="actions desk-actions">
                  <button type="button" onClick={() => void escalateAll(s.group!.id)}>
                    Escalate the whole group as one incident
                  </button>
                </div>
              )}
            </>
          )
        }
      </Loading>
    </section>
  );
}
