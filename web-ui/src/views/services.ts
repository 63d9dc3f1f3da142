// The service directory: "who owns…?" answered by searching services, descriptions and teams.

import { api, type Service, type Team } from '../api';
import { errorText, type AppContext } from '../context';
import { h, replace } from '../dom';
import { field, form } from '../forms';

export async function servicesView(ctx: AppContext, initialQuery: string): Promise<Node> {
  const [services, teams] = await Promise.all([
    api.searchServices(initialQuery),
    ctx.isAdmin ? api.listTeams() : Promise.resolve([] as Team[]),
  ]);

  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  let shownQuery = initialQuery;
  let latest = 0;

  const show = (items: Service[], query: string) => {
    shownQuery = query;
    replace(
      results,
      resultsTable(ctx, items, query, () => search(shownQuery)),
    );
  };

  const search = async (query: string) => {
    const ticket = ++latest;
    const items = await api.searchServices(query);
    if (ticket !== latest) return; // a newer search has started
    const path =
      query.trim() === '' ? '/services' : `/services?q=${encodeURIComponent(query.trim())}`;
    window.history.replaceState(null, '', path);
    show(items, query);
  };

  const input = h('input', {
    id: 'service-search',
    type: 'search',
    name: 'q',
    placeholder: 'Service, description or team, e.g. “checkout”',
    autocomplete: 'off',
  });
  input.value = initialQuery;
  let timer: number | undefined;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(input.value).catch(ctx.fail), 200);
  });
  const searchForm = h(
    'form',
    { role: 'search', class: 'search', 'aria-label': 'Search services' },
    h('label', { for: 'service-search' }, 'Who owns…?'),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit' }, 'Search')),
  );
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    void search(input.value).catch(ctx.fail);
  });

  show(services, initialQuery);

  return h(
    'div',
    null,
    h('h1', { tabindex: '-1' }, 'Service directory'),
    h(
      'p',
      { class: 'lead' },
      'Find the team that owns a service — search by service name, what it does, or team name.',
    ),
    searchForm,
    results,
    ctx.isAdmin ? addServiceSection(ctx, teams, () => search(shownQuery)) : null,
  );
}

function resultsTable(
  ctx: AppContext,
  items: Service[],
  query: string,
  reload: () => Promise<void>,
): Node {
  if (items.length === 0) {
    return h(
      'p',
      { class: 'empty' },
      query.trim() === ''
        ? 'No services yet.' + (ctx.isAdmin ? ' Add the first one below.' : '')
        : `No service matches “${query.trim()}”.`,
    );
  }
  return h(
    'table',
    { class: 'table' },
    h('caption', { class: 'visually-hidden' }, 'Services and their owning teams'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'Service'),
        h('th', { scope: 'col' }, 'Description'),
        h('th', { scope: 'col' }, 'Owning team'),
        ctx.isAdmin
          ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions'))
          : null,
      ),
    ),
    h(
      'tbody',
      null,
      ...items.map((s) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, s.name),
          h('td', null, s.description || h('span', { class: 'muted' }, 'No description')),
          h(
            'td',
            null,
            h('a', { href: `/teams/${encodeURIComponent(s.team.id)}` }, s.team.name),
            ' ',
            h('span', { class: `badge ${s.team.kind}` }, s.team.kind),
          ),
          ctx.isAdmin
            ? h(
                'td',
                { class: 'row-actions' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'danger small',
                    'aria-label': `Delete service ${s.name}`,
                    onclick: async () => {
                      if (!window.confirm(`Delete the service “${s.name}”?`)) return;
                      try {
                        await api.deleteService(s.id);
                        ctx.announce(`Deleted ${s.name}.`);
                        await reload();
                      } catch (error) {
                        ctx.announce(errorText(error), 'error');
                      }
                    },
                  },
                  'Delete',
                ),
              )
            : null,
        ),
      ),
    ),
  );
}

function addServiceSection(ctx: AppContext, teams: Team[], reload: () => Promise<void>): Node {
  const body =
    teams.length === 0
      ? h(
          'p',
          null,
          'Every service is owned by a team. ',
          h('a', { href: '/teams' }, 'Create a team'),
          ' first.',
        )
      : form({
          label: 'Add a service',
          submit: 'Add service',
          resetOnSuccess: true,
          fields: [
            field({ label: 'Service name', name: 'name', required: true }),
            field({
              label: 'Description',
              name: 'description',
              multiline: true,
              hint: 'What it does, so people can find it.',
            }),
            field({
              label: 'Owning team',
              name: 'teamId',
              required: true,
              options: teams.map((t) => ({ value: t.id, label: `${t.name} (${t.kind})` })),
            }),
          ],
          onSubmit: async (v) => {
            const service = await api.createService({
              name: v.name ?? '',
              description: v.description,
              teamId: v.teamId ?? '',
            });
            ctx.announce(`Added ${service.name}, owned by ${service.team.name}.`);
            await reload();
          },
        });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'add-service' },
    h('h2', { id: 'add-service' }, 'Add a service'),
    body,
  );
}
