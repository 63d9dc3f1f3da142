// An incident's page: where paging stands and who each step paged, the alerts behind it, its
// actions (acknowledge, resolve, escalate, urgency, reassign, add responders), status updates and
// notes, the customers its linked tickets stand for, and the whole timeline. It refreshes itself
// every 5 s.

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, type Escalation, type Urgency } from '../api';
import {
  addResponders,
  getImpact,
  getIncidentDetail,
  listPolicies,
  postStatusUpdate,
  reassignIncident,
  type CustomerImpact,
  type IncidentPageDetail,
  type PageMessage,
  type PolicySteps,
} from '../api/incidents';
import { pagingSteps, type EscalationSteps } from '../incidentPaging';
import {
  canAddNote,
  canRespond,
  escalationPosition,
  incidentActions,
  type IncidentAction,
} from '../incidents';
import { linkify } from '../links';
import { errorText, Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import { Time } from '../ui/Time';
import { AlertsSection } from './incidentAlerts';
import { INCIDENT_REFRESH_MS, StatusBadge, UrgencyBadge } from './incidents';
import './incidents.css';

const ACTION_LABELS: Record<IncidentAction, string> = {
  acknowledge: 'Acknowledge',
  resolve: 'Resolve',
  escalate: 'Escalate now',
};

const CHANNEL_LABELS: Record<string, string> = { sms: 'SMS', voice: 'Voice call', email: 'Email' };

export function IncidentPage({ params }: { params: { id: string } }) {
  const id = params.id;
  const { session } = useSession();
  const role = session.user.role;
  const announce = useAnnounce();
  const detail = useLoad(() => getIncidentDetail(id), [id], { everyMs: INCIDENT_REFRESH_MS });
  const impact = useLoad(() => getImpact(id), [id], { everyMs: INCIDENT_REFRESH_MS });
  const users = useLoad(() => api.listUsers(), []);
  const policies = useLoad(() => listPolicies(), []);
  const [busy, setBusy] = useState(false);

  if (detail.data === undefined) {
    return (
      <Page title="Incident" breadcrumb={{ href: '/incidents', label: 'All incidents' }}>
        <Loading state={detail}>{() => null}</Loading>
      </Page>
    );
  }

  const d = detail.data;
  const i = d.incident;
  const names = new Map((users.data ?? []).map((u) => [u.id, u.name]));
  const policyById = new Map((policies.data ?? []).map((p) => [p.id, p]));

  /** Runs one action, says how it went, and shows the incident as it is now. */
  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      const result = await work();
      announce(done);
      if (result && typeof result === 'object' && 'incident' in result) {
        detail.set(result as IncidentPageDetail);
      } else {
        await detail.reload();
      }
      void impact.reload();
    } catch (error) {
      announce(errorText(error), 'error');
      await detail.reload();
    } finally {
      setBusy(false);
    }
  };

  const runAction = (action: IncidentAction) => {
    switch (action) {
      case 'acknowledge':
        return act(() => api.acknowledgeIncident(i.id), `Acknowledged #${i.number}.`);
      case 'resolve':
        return act(() => api.resolveIncident(i.id), `Resolved #${i.number}.`);
      case 'escalate':
        return act(
          () => api.escalateIncident(i.id),
          `Escalated #${i.number}: the next step is paging now.`,
        );
    }
  };

  const actions = incidentActions(i.status, role);
  const otherUrgency: Urgency = i.urgency === 'high' ? 'low' : 'high';
  const mayWork = canRespond(role);

  return (
    <Page
      title={`#${i.number} ${i.title}`}
      titleExtra={
        <>
          {' '}
          <StatusBadge status={i.status} /> <UrgencyBadge urgency={i.urgency} />
        </>
      }
      breadcrumb={{ href: '/incidents', label: 'All incidents' }}
    >
      {(actions.length > 0 || (mayWork && i.status !== 'resolved')) && (
        <div class="incident-actions" role="group" aria-label="Actions">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              class={action === 'acknowledge' ? 'primary' : undefined}
              disabled={busy}
              onClick={() => void runAction(action)}
            >
              {ACTION_LABELS[action]}
            </button>
          ))}
          {mayWork && i.status !== 'resolved' && (
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void act(
                  () => api.changeIncidentUrgency(i.id, otherUrgency),
                  `#${i.number} is now ${otherUrgency} urgency.`,
                )
              }
            >
              Change to {otherUrgency} urgency
            </button>
          )}
        </div>
      )}
      {detail.error !== undefined && (
        <p class="muted" role="status">
          Could not refresh this incident: {errorText(detail.error)}
        </p>
      )}
      <dl class="facts" aria-label="Incident summary">
        <Fact term="Status">
          <StatusBadge status={i.status} />
          {i.status === 'acknowledged' && i.acknowledgedAt && (
            <>
              {' '}
              by {i.acknowledgedBy ?? 'someone'}, <Time at={i.acknowledgedAt} />
            </>
          )}
          {i.status === 'resolved' && i.resolvedAt && (
            <>
              {' '}
              by {i.resolvedBy ?? 'someone'}, <Time at={i.resolvedAt} />
            </>
          )}
        </Fact>
        <Fact term="Urgency">
          <UrgencyBadge urgency={i.urgency} short />
        </Fact>
        <Fact term="Service">
          <a href={`/services?q=${encodeURIComponent(i.serviceName)}`}>{i.serviceName}</a>
        </Fact>
        <Fact term="Triggered">
          <Time at={i.createdAt} />
          {i.createdBy ? ` by ${i.createdBy}` : null}
        </Fact>
        <Fact term="Alerts">{String(i.alertCount)}</Fact>
        <Fact term="Escalation">
          <EscalationList escalations={d.escalations} names={names} />
        </Fact>
      </dl>
      {i.details && (
        <section class="panel" aria-labelledby="incident-details">
          <h2 id="incident-details">Details</h2>
          <p class="pre-wrap">
            <LinkedText text={i.details} />
          </p>
        </section>
      )}
      <AlertsSection incidentId={i.id} />
      <PagingSection
        steps={pagingSteps(d.escalations, d.notifications, d.timeline, names, policyById)}
      />
      {impact.data && impact.data.ticketCount > 0 && <ImpactSection impact={impact.data} />}
      {mayWork && i.status !== 'resolved' && (
        <WorkSection
          incidentNumber={i.number}
          users={(users.data ?? []).filter((u) => u.active)}
          policies={policies.data ?? []}
          onReassign={async (to, label) => {
            detail.set(await reassignIncident(i.id, to));
            announce(`Reassigned #${i.number} to ${label}: paging them now.`);
          }}
          onAddResponders={async (policyId, label) => {
            detail.set(await addResponders(i.id, policyId));
            announce(`Added ${label} to #${i.number}: paging them now.`);
          }}
        />
      )}
      {mayWork && (
        <section class="panel" aria-labelledby="status-update">
          <h2 id="status-update">Post a status update</h2>
          <Form
            label="Post a status update"
            submit="Post update"
            resetOnSuccess
            onSubmit={async (v) => {
              detail.set(await postStatusUpdate(i.id, v.message ?? ''));
              void impact.reload();
              announce('Posted the status update; linked tickets get it too.');
            }}
          >
            <Field
              label="Status update"
              name="message"
              required
              multiline
              hint="For stakeholders and, through linked tickets, customers: what is known and what is next."
            />
          </Form>
        </section>
      )}
      {canAddNote(role) && (
        <section class="panel" aria-labelledby="add-note">
          <h2 id="add-note">Add a note</h2>
          <Form
            label="Add a note"
            submit="Add note"
            resetOnSuccess
            onSubmit={async (v) => {
              detail.set(
                (await api.addIncidentNote(i.id, v.text ?? '')) as unknown as IncidentPageDetail,
              );
              announce('Added your note to the timeline.');
            }}
          >
            <Field
              label="Note"
              name="text"
              required
              multiline
              hint="What you found or did; it goes on the timeline for everyone."
            />
          </Form>
        </section>
      )}
      <div class="incident-history">
        <Timeline detail={d} />
        <Messages messages={d.notifications} names={names} />
      </div>
    </Page>
  );
}

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Text with its http and https addresses as links that open a new tab. */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, n) =>
        'href' in part ? (
          <a key={n} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

function escalationName(e: Escalation, names: Map<string, string>): string {
  return e.policyId !== null
    ? (e.policyName ?? 'A deleted escalation policy')
    : `${names.get(e.userId ?? '') ?? 'Someone'}, paged directly`;
}

const ORIGIN_TEXT: Record<Escalation['origin'], string> = {
  service: '',
  reassignment: ' (reassigned)',
  responder: ' (added responders)',
};

function EscalationList({
  escalations,
  names,
}: {
  escalations: Escalation[];
  names: Map<string, string>;
}) {
  if (escalations.length === 0) {
    return <span class="muted">Nobody is paged: the service has no escalation policy.</span>;
  }
  return (
    <ul class="plain">
      {escalations.map((e) => (
        <li key={e.id}>
          <strong>{escalationName(e, names)}</strong>
          {ORIGIN_TEXT[e.origin]}: <span class={`state ${e.state}`}>{escalationPosition(e)}</span>
          {e.nextAt && (e.state === 'active' || e.state === 'waiting') && (
            <>
              {' '}
              · next {e.state === 'waiting' ? 'page' : 'step'} <Time at={e.nextAt} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function PagingSection({ steps }: { steps: EscalationSteps[] }) {
  return (
    <section class="panel paging" aria-labelledby="incident-paging">
      <h2 id="incident-paging">Who was paged</h2>
      {steps.length === 0 ? (
        <Empty>
          Nobody was paged: the service has no escalation policy. Reassign the incident to a person
          or a policy below, or ask an admin to attach a policy to the service.
        </Empty>
      ) : (
        steps.map(({ escalation, fired, next }) => (
          <div class="paging-escalation" key={escalation.id}>
            <h3>
              {escalation.policyId !== null
                ? (escalation.policyName ?? 'A deleted escalation policy')
                : 'Assigned directly'}
              {ORIGIN_TEXT[escalation.origin]}{' '}
              <span class={`badge state-${escalation.state}`}>{escalation.state}</span>
            </h3>
            {fired.length === 0 ? (
              <p class="muted">No step has fired yet.</p>
            ) : (
              <ol class="paging-steps">
                {fired.map((step) => (
                  <li key={`${step.round}:${step.step}`}>
                    <p class="step-head">
                      <strong>{step.label}</strong>
                      {step.firedAt && (
                        <>
                          {' '}
                          · <Time at={step.firedAt} />
                        </>
                      )}
                      {step.targets && <span class="muted"> · targets {step.targets}</span>}
                    </p>
                    {step.people.length === 0 && step.problems.length === 0 && (
                      <p class="muted">Nobody was paged by this step.</p>
                    )}
                    {step.people.length > 0 && (
                      <ul class="plain paged-people">
                        {step.people.map((p) => (
                          <li key={p.userId}>
                            Paged <strong>{p.name}</strong>:{' '}
                            {p.messages.map((m, n) => (
                              <span key={m.id}>
                                {n > 0 && ', '}
                                {CHANNEL_LABELS[m.channel] ?? m.channel}{' '}
                                <span class={`badge delivery ${m.status}`}>{m.status}</span>{' '}
                                <Time at={m.at} style="short" />
                              </span>
                            ))}
                          </li>
                        ))}
                      </ul>
                    )}
                    {step.problems.length > 0 && (
                      <ul class="plain warn">
                        {step.problems.map((p) => (
                          <li key={p}>{p}</li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
            )}
            {next && (
              <p class="next-step">
                Next: <strong>{next.label}</strong> at <Time at={next.at} />
                {next.targets && <> — pages {next.targets}</>}
              </p>
            )}
          </div>
        ))
      )}
    </section>
  );
}

function WorkSection({
  incidentNumber,
  users,
  policies,
  onReassign,
  onAddResponders,
}: {
  incidentNumber: number;
  users: { id: string; name: string }[];
  policies: PolicySteps[];
  onReassign: (to: { userId: string } | { policyId: string }, label: string) => Promise<void>;
  onAddResponders: (policyId: string, label: string) => Promise<void>;
}) {
  const choices = [
    ...users.map((u) => ({ value: `user:${u.id}`, label: `${u.name} (person)` })),
    ...policies.map((p) => ({ value: `policy:${p.id}`, label: `${p.name} (escalation policy)` })),
  ];
  return (
    <section class="panel" aria-labelledby="incident-work">
      <h2 id="incident-work">Get more help</h2>
      <div class="work-forms">
        <Form
          label="Reassign"
          submit="Reassign"
          fieldAliases={{ userId: 'to', policyId: 'to' }}
          onSubmit={async (v) => {
            const [kind, target] = (v.to ?? '').split(':');
            const label = choices.find((c) => c.value === v.to)?.label ?? 'them';
            if (!target) throw new Error('Choose a person or a policy.');
            await onReassign(
              kind === 'policy' ? { policyId: target } : { userId: target },
              label.replace(/ \((person|escalation policy)\)$/, ''),
            );
          }}
        >
          <Field
            label="Reassign to"
            name="to"
            required
            options={[{ value: '', label: 'Choose a person or a policy…' }, ...choices]}
            hint={`Stops the paging of #${incidentNumber} now and pages them instead.`}
          />
        </Form>
        {policies.length === 0 ? (
          <p>
            No escalation policies yet, so no responders to add.{' '}
            <a href="/escalation-policies">Create a policy</a>.
          </p>
        ) : (
          <Form
            label="Add responders"
            submit="Add responders"
            onSubmit={async (v) => {
              const policy = policies.find((p) => p.id === v.policyId);
              if (!policy) throw new Error('Choose a policy.');
              await onAddResponders(policy.id, policy.name);
            }}
          >
            <Field
              label="Policy to page too"
              name="policyId"
              required
              options={[
                { value: '', label: 'Choose a policy…' },
                ...policies.map((p) => ({ value: p.id, label: p.name })),
              ]}
              hint="Another team’s policy pages as well; the current paging goes on."
            />
          </Form>
        )}
      </div>
    </section>
  );
}

function ImpactSection({ impact }: { impact: CustomerImpact }) {
  return (
    <section class="panel" aria-labelledby="incident-impact">
      <h2 id="incident-impact">Customer impact</h2>
      <p>
        {impact.ticketCount} linked {impact.ticketCount === 1 ? 'ticket' : 'tickets'} from{' '}
        {impact.customerCount} {impact.customerCount === 1 ? 'customer' : 'customers'}.
      </p>
      {impact.byTier.length > 0 && (
        <ul class="plain tiers" aria-label="By tier">
          {impact.byTier.map((t) => (
            <li key={t.tier}>
              <span class="badge">{t.tier}</span> {t.tickets}{' '}
              {t.tickets === 1 ? 'ticket' : 'tickets'}, {t.customers}{' '}
              {t.customers === 1 ? 'customer' : 'customers'}
            </li>
          ))}
        </ul>
      )}
      <DataTable
        caption="Linked tickets"
        rows={impact.tickets}
        rowKey={(t) => t.id}
        columns={[
          {
            label: 'Ticket',
            rowHeader: true,
            cell: (t) => (
              <a href={`/tickets/${encodeURIComponent(t.id)}`}>
                T-{t.number} {t.subject}
              </a>
            ),
          },
          { label: 'Customer', cell: (t) => t.customerName ?? <span class="muted">—</span> },
          { label: 'Tier', cell: (t) => t.tier ?? <span class="muted">—</span> },
          { label: 'Priority', cell: (t) => t.priority },
          { label: 'Status', cell: (t) => t.status },
        ]}
      />
      {impact.rulesFired.length > 0 && (
        <p class="muted">
          Impact rules that fired: {impact.rulesFired.map((r) => r.name).join(', ')}.
        </p>
      )}
    </section>
  );
}

function Timeline({ detail }: { detail: IncidentPageDetail }) {
  return (
    <>
      <h2 id="incident-timeline">Timeline</h2>
      {detail.timeline.length === 0 ? (
        <Empty>Nothing has happened yet.</Empty>
      ) : (
        <DataTable
          caption="Timeline, oldest first"
          rows={detail.timeline}
          rowKey={(e) => String(e.id)}
          rowClass={(e) => `timeline-row kind-${e.kind}`}
          columns={[
            { label: 'When', class: 'nowrap', cell: (e) => <Time at={e.at} /> },
            { label: 'Who', cell: (e) => e.actor ?? <span class="muted">—</span> },
            {
              label: 'What happened',
              rowHeader: true,
              class: 'pre-wrap',
              cell: (e) =>
                e.kind === 'note' || e.kind === 'status_update' ? (
                  <>
                    <span class="badge">{e.kind === 'note' ? 'note' : 'status update'}</span>{' '}
                    <LinkedText text={e.message} />
                  </>
                ) : (
                  e.message
                ),
            },
            { label: 'Via', cell: (e) => <span class="muted">{e.channel ?? '—'}</span> },
          ]}
        />
      )}
    </>
  );
}

function Messages({ messages, names }: { messages: PageMessage[]; names: Map<string, string> }) {
  if (messages.length === 0) return null;
  // The addresses stay out of this table: the timeline shows them masked.
  return (
    <>
      <h2 id="incident-messages">Messages ({messages.length})</h2>
      <DataTable
        caption={`Messages (${messages.length})`}
        rows={messages}
        rowKey={(n) => n.id}
        columns={[
          {
            label: 'To',
            rowHeader: true,
            cell: (n) => names.get(n.userId) ?? <span class="muted">a former user</span>,
          },
          { label: 'By', cell: (n) => CHANNEL_LABELS[n.channel] ?? n.channel },
          {
            label: 'Delivery',
            cell: (n) => <span class={`badge delivery ${n.status}`}>{n.status}</span>,
          },
          { label: 'Tries', class: 'num', cell: (n) => n.attempts },
          {
            label: 'Sent (or due)',
            class: 'nowrap',
            cell: (n) => <Time at={n.sentAt ?? n.dueAt} />,
          },
          { label: 'Problem', cell: (n) => n.lastError ?? <span class="muted">—</span> },
        ]}
      />
    </>
  );
}
