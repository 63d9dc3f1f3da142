// The audit log (admins only): who changed what and when, newest first, a page at a time.

import { api, type AuditEvent } from '../api';
import { errorText, type AppContext } from '../context';
import { formatTime, h, replace } from '../dom';

export const AUDIT_PAGE_SIZE = 25;

export async function auditView(ctx: AppContext): Promise<Node> {
  const table = h('div', { 'aria-live': 'polite' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Audit log pages' });
  // The cursors of the pages before the current one, so "Newer" can go back.
  const history: (number | null)[] = [];
  let current: number | null = null;

  const load = async (before: number | null) => {
    const page = await api.auditPage({ before, limit: AUDIT_PAGE_SIZE });
    current = before;
    replace(table, eventsTable(ctx, page.items));
    const pageNumber = history.length + 1;
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
      h('span', { class: 'muted' }, `Page ${pageNumber}`),
      h(
        'button',
        {
          type: 'button',
          disabled: page.nextBefore === null,
          onclick: () => {
            const next = page.nextBefore;
            history.push(current);
            go(() => load(next));
          },
        },
        'Older →',
      ),
    );
  };
  const go = (work: () => Promise<void>) => {
    work().catch((error) => ctx.announce(errorText(error), 'error'));
  };

  await load(null);
  return h(
    'div',
    null,
    h('h1', { tabindex: '-1' }, 'Audit log'),
    h(
      'p',
      { class: 'lead' },
      'Every change made in your organization, by people and API keys, newest first.',
    ),
    table,
    pager,
  );
}

function eventsTable(ctx: AppContext, events: AuditEvent[]): HTMLElement {
  if (events.length === 0) return h('p', { class: 'empty' }, 'Nothing recorded yet.');
  const zone = ctx.session.user.timeZone;
  return h(
    'table',
    { class: 'table' },
    h('caption', { class: 'visually-hidden' }, 'Audit events'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'When'),
        h('th', { scope: 'col' }, 'Who'),
        h('th', { scope: 'col' }, 'Action'),
        h('th', { scope: 'col' }, 'What happened'),
        h('th', { scope: 'col' }, 'From'),
      ),
    ),
    h(
      'tbody',
      null,
      ...events.map((e) =>
        h(
          'tr',
          null,
          h(
            'td',
            { class: 'nowrap' },
            h('time', { datetime: e.occurredAt }, formatTime(e.occurredAt, zone)),
          ),
          h('td', null, e.actorName ?? h('span', { class: 'muted' }, e.actorKind)),
          h('td', null, h('code', null, e.action)),
          h('td', null, e.summary),
          h('td', { class: 'muted' }, e.clientIp ?? '—'),
        ),
      ),
    ),
  );
}
