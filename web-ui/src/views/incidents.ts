// Incidents: the list (filtered by status, a page at a time), triggering one, and an incident's
// page with where paging stands, its actions, notes and the whole timeline.

import {
  api,
  ApiError,
  URGENCIES,
  type Escalation,
  type Incident,
  type IncidentDetail,
  type Notification,
  type Service,
  type TimelineEvent,
  type Urgency,
} from '../api';
import { errorText, type AppContext } from '../context';
import { formatTime, h, replace, type Child } from '../dom';
import { field, form } from '../forms';
import {
  canAddNote,
  canRespond,
  canTrigger,
  escalationPosition,
  filterStatuses,
  INCIDENT_FILTERS,
  incidentActions,
  incidentsPath,
  type IncidentAction,
  type IncidentFilter,
} from '../incidents';
import { navigate } from '../router';
import { whileShown } from '../widgets';

export const INCIDENT_PAGE_SIZE = 50;
/** How often an incident's page asks for news while it is shown. */
export const INCIDENT_REFRESH_MS = 10_000;

const URGENCY_OPTIONS = URGENCIES.map((u) => ({
  value: u,
  label: u === 'high' ? 'High — page now, day or night' : 'Low — may wait for support hours',
}));

const FILTER_EMPTY: Record<IncidentFilter, string> = {
  open: 'No open incidents. All quiet.',
  resolved: 'No resolved incidents yet.',
  all: 'No incidents yet.',
};

export async function incidentsView(ctx: AppContext, filter: IncidentFilter): Promise<Node> {
  const mayTrigger = canTrigger(ctx.session.user.role);
  const statuses = filterStatuses(filter);
  const [firstPage, services] = await Promise.all([
    api.listIncidents({ statuses, limit: INCIDENT_PAGE_SIZE }),
    mayTrigger ? api.searchServices('', 500) : Promise.resolve([] as Service[]),
  ]);

  const table = h('div', { 'aria-live': 'polite' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Incident pages' });
  // The cursors of the pages before the current one, so "Newer" can go back.
  const history: (number | null)[] = [];
  let current: number | null = null;

  const show = (items: Incident[], before: number | null) => {
    current = before;
    replace(table, incidentsTable(ctx, items, filter));
    const last = items[items.length - 1];
    const more = items.length === INCIDENT_PAGE_SIZE && last !== undefined;
    if (history.length === 0 && !more) {
      replace(pager);
      return;
    }
    replace(
      pager,
      h(
        'button',
        {
          type: 'button',
          disabled: history.length === 0,
          onclick: () => go(() => load(history.pop() ?? null)),
        },
        '← Newer',
      ),
      h('span', { class: 'muted' }, `Page ${history.length + 1}`),
      h(
        'button',
        {
          type: 'button',
          disabled: !more,
          onclick: () => {
            history.push(current);
            go(() => load(last?.number ?? null));
          },
        },
        'Older →',
      ),
    );
  };
  const load = async (before: number | null) => {
    show(await api.listIncidents({ statuses, before, limit: INCIDENT_PAGE_SIZE }), before);
  };
  const go = (work: () => Promise<void>) => {
    work().catch((error) => ctx.announce(errorText(error), 'error'));
  };
  show(firstPage, null);

  const reloadFirstPage = async () => {
    history.length = 0;
    await load(null);
  };

  return h(
    'div',
    null,
    h('h1', { tabindex: '-1' }, 'Incidents'),
    h(
      'p',
      { class: 'lead' },
      'Something is wrong with a service and someone is being paged. Open an incident to ' +
        'acknowledge it, resolve it or read what happened.',
    ),
    h(
      'nav',
      { class: 'filters', 'aria-label': 'Show incidents' },
      h(
        'ul',
        null,
        ...INCIDENT_FILTERS.map((f) =>
          h(
            'li',
            null,
            h(
              'a',
              {
                href: incidentsPath(f.value),
                'aria-current': f.value === filter ? 'page' : null,
              },
              f.label,
            ),
          ),
        ),
      ),
    ),
    table,
    pager,
    mayTrigger ? triggerSection(ctx, services, filter, reloadFirstPage) : null,
  );
}

function incidentsTable(ctx: AppContext, items: Incident[], filter: IncidentFilter): Node {
  if (items.length === 0) return h('p', { class: 'empty' }, FILTER_EMPTY[filter]);
  const zone = ctx.session.user.timeZone;
  return h(
    'table',
    { class: 'table' },
    h('caption', { class: 'visually-hidden' }, 'Incidents, newest first'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col', class: 'num' }, '#'),
        h('th', { scope: 'col' }, 'Title'),
        h('th', { scope: 'col' }, 'Service'),
        h('th', { scope: 'col' }, 'Urgency'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Triggered'),
        h('th', { scope: 'col' }, 'Acknowledged by'),
      ),
    ),
    h(
      'tbody',
      null,
      ...items.map((i) =>
        h(
          'tr',
          null,
          h('td', { class: 'num' }, h('a', { href: incidentPath(i) }, `#${i.number}`)),
          h('th', { scope: 'row' }, h('a', { href: incidentPath(i) }, i.title)),
          h('td', null, i.serviceName),
          h('td', null, urgencyBadge(i.urgency, true)),
          h('td', null, statusBadge(i)),
          h(
            'td',
            { class: 'nowrap' },
            h('time', { datetime: i.createdAt }, formatTime(i.createdAt, zone)),
          ),
          h('td', null, i.acknowledgedBy ?? h('span', { class: 'muted' }, '—')),
        ),
      ),
    ),
  );
}

function triggerSection(
  ctx: AppContext,
  services: Service[],
  filter: IncidentFilter,
  reload: () => Promise<void>,
): Node {
  const body =
    services.length === 0
      ? h(
          'p',
          null,
          'Incidents belong to a service. ',
          ctx.isAdmin
            ? [h('a', { href: '/services' }, 'Add a service'), ' first.']
            : 'Ask an admin to add one first.',
        )
      : form({
          label: 'Trigger an incident',
          submit: 'Trigger incident',
          resetOnSuccess: true,
          fields: [
            field({
              label: 'Service',
              name: 'serviceId',
              required: true,
              options: services.map((s) => ({
                value: s.id,
                label:
                  `${s.name} (${s.team.name})` +
                  (s.escalationPolicyId === null ? ' — pages nobody' : ''),
              })),
            }),
            field({ label: 'Title', name: 'title', required: true, hint: 'What is wrong.' }),
            field({
              label: 'Details',
              name: 'details',
              multiline: true,
              hint: 'What you see, links to graphs, what you tried.',
            }),
            field({
              label: 'Urgency',
              name: 'urgency',
              required: true,
              options: URGENCY_OPTIONS,
              value: 'high',
            }),
          ],
          onSubmit: async (v) => {
            const result = await api.triggerIncident({
              serviceId: v.serviceId ?? '',
              title: v.title ?? '',
              details: v.details,
              urgency: v.urgency === 'low' ? 'low' : 'high',
            });
            const i = result.incident;
            ctx.announce(
              result.deduplicated
                ? `#${i.number} was already open for this; added an alert to it.`
                : `Triggered #${i.number}: ${i.title}.`,
            );
            // A new incident is open, so a list of resolved ones would not show it.
            if (filter === 'resolved') navigate(incidentsPath('open'));
            else await reload();
          },
        });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'trigger-incident' },
    h('h2', { id: 'trigger-incident' }, 'Trigger an incident'),
    body,
  );
}

export async function incidentView(ctx: AppContext, id: string): Promise<Node> {
  const [first, users] = await Promise.all([api.getIncident(id), api.listUsers()]);
  const names = new Map(users.map((u) => [u.id, u.name]));

  const top = h('div');
  const history = h('div', { class: 'incident-history' });
  const stale = h('p', { class: 'muted', hidden: true });
  const root = h(
    'div',
    null,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/incidents' }, '← All incidents')),
    top,
    canAddNote(ctx.session.user.role) ? noteSection(ctx, id, (d) => show(d)) : null,
    history,
    stale,
  );

  // Re-renders only when something changed, so a button someone is about to press stays put.
  let shown = '';
  const show = (detail: IncidentDetail) => {
    const snapshot = JSON.stringify(detail);
    if (snapshot === shown) return;
    shown = snapshot;
    document.title = `#${detail.incident.number} ${detail.incident.title} · Switchboard`;
    replace(top, ...summary(ctx, detail, names, act));
    replace(history, ...timelineSection(ctx, detail.timeline), messagesSection(ctx, detail, names));
  };

  const refresh = whileShown(
    root,
    INCIDENT_REFRESH_MS,
    async () => {
      show(await api.getIncident(id));
      stale.hidden = true;
    },
    (error) => {
      if (error instanceof ApiError && error.status === 401) {
        replace(root, ctx.fail(error));
        return;
      }
      stale.textContent = `Could not refresh this incident: ${errorText(error)}`;
      stale.hidden = false;
    },
  );

  /** Runs one action, says how it went, and shows the incident as it is now. */
  async function act(button: HTMLButtonElement, work: () => Promise<unknown>, done: string) {
    button.disabled = true;
    try {
      await work();
      ctx.announce(done);
    } catch (error) {
      ctx.announce(errorText(error), 'error');
    }
    try {
      await refresh();
    } catch (error) {
      ctx.announce(errorText(error), 'error');
    } finally {
      button.disabled = false;
    }
  }

  show(first);
  return root;
}

type Act = (button: HTMLButtonElement, work: () => Promise<unknown>, done: string) => void;

const ACTION_LABELS: Record<IncidentAction, string> = {
  acknowledge: 'Acknowledge',
  resolve: 'Resolve',
  escalate: 'Escalate now',
};

function summary(
  ctx: AppContext,
  detail: IncidentDetail,
  names: Map<string, string>,
  act: Act,
): Child[] {
  const i = detail.incident;
  const zone = ctx.session.user.timeZone;
  const role = ctx.session.user.role;
  const when = (iso: string | null) => h('time', { datetime: iso }, formatTime(iso, zone));

  const buttons: HTMLButtonElement[] = incidentActions(i.status, role).map((action) => {
    const button = h(
      'button',
      { type: 'button', class: action === 'acknowledge' ? 'primary' : null },
      ACTION_LABELS[action],
    );
    button.addEventListener('click', () => {
      switch (action) {
        case 'acknowledge':
          act(button, () => api.acknowledgeIncident(i.id), `Acknowledged #${i.number}.`);
          break;
        case 'resolve':
          act(button, () => api.resolveIncident(i.id), `Resolved #${i.number}.`);
          break;
        case 'escalate':
          act(
            button,
            () => api.escalateIncident(i.id),
            `Escalated #${i.number}: the next step is paging now.`,
          );
          break;
      }
    });
    return button;
  });
  if (canRespond(role) && i.status !== 'resolved') {
    const other: Urgency = i.urgency === 'high' ? 'low' : 'high';
    const button = h('button', { type: 'button' }, `Change to ${other} urgency`);
    button.addEventListener('click', () =>
      act(
        button,
        () => api.changeIncidentUrgency(i.id, other),
        `#${i.number} is now ${other} urgency.`,
      ),
    );
    buttons.push(button);
  }

  const statusLine: Child[] = [statusBadge(i)];
  if (i.status === 'acknowledged') {
    statusLine.push(' by ', i.acknowledgedBy ?? 'someone', ', ', when(i.acknowledgedAt));
  } else if (i.status === 'resolved') {
    statusLine.push(' by ', i.resolvedBy ?? 'someone', ', ', when(i.resolvedAt));
  }

  return [
    h(
      'h1',
      { tabindex: '-1' },
      `#${i.number} ${i.title} `,
      statusBadge(i),
      ' ',
      urgencyBadge(i.urgency),
    ),
    buttons.length > 0
      ? h('div', { class: 'incident-actions', role: 'group', 'aria-label': 'Actions' }, buttons)
      : null,
    h(
      'dl',
      { class: 'facts', 'aria-label': 'Incident summary' },
      fact('Status', statusLine),
      fact('Urgency', urgencyBadge(i.urgency, true)),
      fact(
        'Service',
        h('a', { href: `/services?q=${encodeURIComponent(i.serviceName)}` }, i.serviceName),
      ),
      fact('Triggered', [when(i.createdAt), i.createdBy ? ` by ${i.createdBy}` : null]),
      fact('Alerts', String(i.alertCount)),
      fact('Escalation', escalationList(ctx, detail.escalations, names)),
    ),
    i.details
      ? h(
          'section',
          { class: 'panel', 'aria-labelledby': 'incident-details' },
          h('h2', { id: 'incident-details' }, 'Details'),
          h('p', { class: 'pre-wrap' }, i.details),
        )
      : null,
  ];
}

function fact(term: string, value: Child): HTMLElement {
  return h('div', null, h('dt', null, term), h('dd', null, value));
}

function escalationList(
  ctx: AppContext,
  escalations: Escalation[],
  names: Map<string, string>,
): Child {
  if (escalations.length === 0) {
    return h('span', { class: 'muted' }, 'Nobody is paged: the service has no escalation policy.');
  }
  const zone = ctx.session.user.timeZone;
  return h(
    'ul',
    { class: 'plain' },
    ...escalations.map((e) => {
      const who =
        e.policyId !== null
          ? (e.policyName ?? 'A deleted escalation policy')
          : `${names.get(e.userId ?? '') ?? 'Someone'}, paged directly`;
      const origin =
        e.origin === 'reassignment'
          ? ' (reassigned)'
          : e.origin === 'responder'
            ? ' (added responders)'
            : '';
      const next =
        e.nextAt && (e.state === 'active' || e.state === 'waiting')
          ? [
              ' · next ',
              e.state === 'waiting' ? 'page' : 'step',
              ' ',
              h('time', { datetime: e.nextAt }, formatTime(e.nextAt, zone)),
            ]
          : null;
      return h(
        'li',
        null,
        h('strong', null, who),
        origin,
        ': ',
        h('span', { class: `state ${e.state}` }, escalationPosition(e)),
        next,
      );
    }),
  );
}

function noteSection(
  ctx: AppContext,
  id: string,
  show: (detail: IncidentDetail) => void,
): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'add-note' },
    h('h2', { id: 'add-note' }, 'Add a note'),
    form({
      label: 'Add a note',
      submit: 'Add note',
      resetOnSuccess: true,
      fields: [
        field({
          label: 'Note',
          name: 'text',
          required: true,
          multiline: true,
          hint: 'What you found or did; it goes on the timeline for everyone.',
        }),
      ],
      onSubmit: async (v) => {
        show(await api.addIncidentNote(id, v.text ?? ''));
        ctx.announce('Added your note to the timeline.');
      },
    }),
  );
}

function timelineSection(ctx: AppContext, events: TimelineEvent[]): Child[] {
  const zone = ctx.session.user.timeZone;
  return [
    h('h2', { id: 'incident-timeline' }, 'Timeline'),
    events.length === 0
      ? h('p', { class: 'empty' }, 'Nothing has happened yet.')
      : h(
          'table',
          { class: 'table timeline', 'aria-labelledby': 'incident-timeline' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { scope: 'col' }, 'When'),
              h('th', { scope: 'col' }, 'Who'),
              h('th', { scope: 'col' }, 'What happened'),
              h('th', { scope: 'col' }, 'Via'),
            ),
          ),
          h(
            'tbody',
            null,
            ...events.map((e) =>
              h(
                'tr',
                { 'data-kind': e.kind },
                h(
                  'td',
                  { class: 'nowrap' },
                  h('time', { datetime: e.at }, formatTime(e.at, zone, true)),
                ),
                h('td', null, e.actor ?? h('span', { class: 'muted' }, '—')),
                h(
                  'td',
                  { class: e.kind === 'note' ? 'pre-wrap' : null },
                  e.kind === 'note' ? h('span', { class: 'badge' }, 'note') : null,
                  e.kind === 'note' ? ' ' : null,
                  e.message,
                ),
                h('td', { class: 'muted' }, e.channel ?? '—'),
              ),
            ),
          ),
        ),
  ];
}

function messagesSection(
  ctx: AppContext,
  detail: IncidentDetail,
  names: Map<string, string>,
): Child {
  if (detail.notifications.length === 0) return null;
  const zone = ctx.session.user.timeZone;
  // The addresses stay out of this table: the timeline shows them masked.
  const row = (n: Notification) =>
    h(
      'tr',
      null,
      h('td', null, names.get(n.userId) ?? h('span', { class: 'muted' }, 'a former user')),
      h('td', null, CHANNEL_LABELS[n.channel] ?? n.channel),
      h('td', null, h('span', { class: `badge delivery ${n.status}` }, n.status)),
      h('td', { class: 'num' }, n.attempts),
      h(
        'td',
        { class: 'nowrap' },
        h('time', { datetime: n.sentAt ?? n.dueAt }, formatTime(n.sentAt ?? n.dueAt, zone, true)),
      ),
      h('td', null, n.lastError ?? h('span', { class: 'muted' }, '—')),
    );
  return [
    h('h2', { id: 'incident-messages' }, `Messages (${detail.notifications.length})`),
    h(
      'table',
      { class: 'table', 'aria-labelledby': 'incident-messages' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, 'To'),
          h('th', { scope: 'col' }, 'By'),
          h('th', { scope: 'col' }, 'Delivery'),
          h('th', { scope: 'col', class: 'num' }, 'Tries'),
          h('th', { scope: 'col' }, 'Sent (or due)'),
          h('th', { scope: 'col' }, 'Problem'),
        ),
      ),
      h('tbody', null, ...detail.notifications.map(row)),
    ),
  ];
}

const CHANNEL_LABELS: Record<string, string> = { sms: 'SMS', voice: 'Voice call', email: 'Email' };

function incidentPath(incident: Incident): string {
  return `/incidents/${encodeURIComponent(incident.id)}`;
}

function statusBadge(incident: Incident): HTMLElement {
  return h('span', { class: `badge ${incident.status}` }, incident.status);
}

/** "high urgency", or just "high" where a column heading already says urgency. */
function urgencyBadge(urgency: Urgency, short = false): HTMLElement {
  return h('span', { class: `badge urgency-${urgency}` }, short ? urgency : `${urgency} urgency`);
}
