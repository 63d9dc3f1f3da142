// Teams: the list, creating one, and a team's page with its members and owned services.

import { api, TEAM_KINDS, type TeamDetail, type User } from '../api';
import { errorText, type AppContext } from '../context';
import { h, replace, type Child } from '../dom';
import { field, form } from '../forms';
import { navigate } from '../router';

const KIND_OPTIONS = TEAM_KINDS.map((k) => ({
  value: k,
  label: k === 'engineering' ? 'Engineering (on call for incidents)' : 'Support (owns tickets)',
}));

export async function teamsView(ctx: AppContext): Promise<Node> {
  const teams = await api.listTeams();
  const list =
    teams.length === 0
      ? h(
          'p',
          { class: 'empty' },
          'No teams yet.' + (ctx.isAdmin ? ' Create the first one below.' : ''),
        )
      : h(
          'table',
          { class: 'table' },
          h('caption', { class: 'visually-hidden' }, 'Teams'),
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { scope: 'col' }, 'Team'),
              h('th', { scope: 'col' }, 'Kind'),
              h('th', { scope: 'col' }, 'Description'),
              h('th', { scope: 'col', class: 'num' }, 'Members'),
              h('th', { scope: 'col', class: 'num' }, 'Services'),
            ),
          ),
          h(
            'tbody',
            null,
            ...teams.map((t) =>
              h(
                'tr',
                null,
                h(
                  'th',
                  { scope: 'row' },
                  h('a', { href: `/teams/${encodeURIComponent(t.id)}` }, t.name),
                ),
                h('td', null, h('span', { class: `badge ${t.kind}` }, t.kind)),
                h('td', null, t.description || h('span', { class: 'muted' }, '—')),
                h('td', { class: 'num' }, t.memberCount),
                h('td', { class: 'num' }, t.serviceCount),
              ),
            ),
          ),
        );
  return h(
    'div',
    null,
    h('h1', { tabindex: '-1' }, 'Teams'),
    h(
      'p',
      { class: 'lead' },
      'Engineering teams go on call for the services they own; support teams own customer tickets.',
    ),
    list,
    ctx.isAdmin
      ? h(
          'section',
          { class: 'panel', 'aria-labelledby': 'create-team' },
          h('h2', { id: 'create-team' }, 'Create a team'),
          form({
            label: 'Create a team',
            submit: 'Create team',
            fields: [
              field({ label: 'Team name', name: 'name', required: true }),
              field({ label: 'Kind', name: 'kind', required: true, options: KIND_OPTIONS }),
              field({ label: 'Description', name: 'description', multiline: true }),
            ],
            onSubmit: async (v) => {
              const team = await api.createTeam({
                name: v.name ?? '',
                kind: v.kind === 'support' ? 'support' : 'engineering',
                description: v.description,
              });
              ctx.announce(`Created team ${team.name}.`);
              navigate(`/teams/${encodeURIComponent(team.id)}`);
            },
          }),
        )
      : null,
  );
}

export async function teamView(ctx: AppContext, id: string): Promise<Node> {
  const [team, users] = await Promise.all([
    api.getTeam(id),
    ctx.isAdmin ? api.listUsers() : Promise.resolve([] as User[]),
  ]);
  const root = h('div');
  const render = (detail: TeamDetail) => replace(root, teamPage(ctx, detail, users, render));
  render(team);
  return root;
}

function teamPage(
  ctx: AppContext,
  team: TeamDetail,
  users: User[],
  render: (detail: TeamDetail) => void,
): Child[] {
  const act = async (work: () => Promise<TeamDetail>, message: string) => {
    try {
      render(await work());
      ctx.announce(message);
    } catch (error) {
      ctx.announce(errorText(error), 'error');
    }
  };

  const members =
    team.members.length === 0
      ? h('p', { class: 'empty' }, 'No members yet.')
      : h(
          'ul',
          { class: 'list' },
          ...team.members.map((m) =>
            h(
              'li',
              null,
              h(
                'span',
                { class: 'who' },
                h('strong', null, m.name),
                ' ',
                h('span', { class: 'muted' }, m.email),
              ),
              m.active ? null : h('span', { class: 'badge inactive' }, 'deactivated'),
              ctx.isAdmin
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'small',
                      'aria-label': `Remove ${m.name} from ${team.name}`,
                      onclick: () =>
                        act(
                          () => api.removeTeamMember(team.id, m.id),
                          `Removed ${m.name} from ${team.name}.`,
                        ),
                    },
                    'Remove',
                  )
                : null,
            ),
          ),
        );

  const memberIds = new Set(team.members.map((m) => m.id));
  const candidates = users.filter((u) => u.active && !memberIds.has(u.id));
  const addMember = ctx.isAdmin
    ? candidates.length === 0
      ? h(
          'p',
          { class: 'muted' },
          'Everyone active is already a member. ',
          h('a', { href: '/users' }, 'Invite more people'),
          '.',
        )
      : form({
          label: 'Add a member',
          submit: 'Add member',
          className: 'inline',
          fields: [
            field({
              label: 'Add a member',
              name: 'userId',
              required: true,
              options: candidates.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
            }),
          ],
          onSubmit: async (v) => {
            const user = candidates.find((u) => u.id === v.userId);
            render(await api.addTeamMember(team.id, v.userId ?? ''));
            ctx.announce(`Added ${user?.name ?? 'the member'} to ${team.name}.`);
          },
        })
    : null;

  const services =
    team.services.length === 0
      ? h(
          'p',
          { class: 'empty' },
          'This team owns no services yet.' + (ctx.isAdmin ? ' ' : ''),
          ctx.isAdmin ? h('a', { href: '/services' }, 'Add one in the service directory') : null,
        )
      : h(
          'ul',
          { class: 'list' },
          ...team.services.map((s) =>
            h('li', null, h('a', { href: `/services?q=${encodeURIComponent(s.name)}` }, s.name)),
          ),
        );

  return [
    h('p', { class: 'breadcrumb' }, h('a', { href: '/teams' }, '← All teams')),
    h(
      'h1',
      { tabindex: '-1' },
      team.name,
      ' ',
      h('span', { class: `badge ${team.kind}` }, team.kind),
    ),
    team.description ? h('p', { class: 'lead' }, team.description) : null,
    h(
      'div',
      { class: 'columns' },
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'team-members' },
        h('h2', { id: 'team-members' }, `Members (${team.members.length})`),
        members,
        addMember,
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'team-services' },
        h('h2', { id: 'team-services' }, `Owned services (${team.services.length})`),
        services,
      ),
    ),
    ctx.isAdmin ? editTeamSection(ctx, team, render) : null,
  ];
}

function editTeamSection(
  ctx: AppContext,
  team: TeamDetail,
  render: (detail: TeamDetail) => void,
): Node {
  return h(
    'details',
    { class: 'panel' },
    h('summary', null, 'Edit or delete this team'),
    form({
      label: 'Edit team',
      submit: 'Save team',
      fields: [
        field({ label: 'Team name', name: 'name', required: true, value: team.name }),
        field({
          label: 'Kind',
          name: 'kind',
          required: true,
          options: KIND_OPTIONS,
          value: team.kind,
        }),
        field({
          label: 'Description',
          name: 'description',
          multiline: true,
          value: team.description ?? '',
        }),
      ],
      onSubmit: async (v) => {
        const updated = await api.updateTeam(team.id, {
          name: v.name,
          kind: v.kind === 'support' ? 'support' : 'engineering',
          description: v.description ?? '',
        });
        render(updated);
        ctx.announce(`Saved ${updated.name}.`);
      },
    }),
    h(
      'div',
      { class: 'danger-zone' },
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: async () => {
            if (!window.confirm(`Delete the team “${team.name}”? This cannot be undone.`)) return;
            try {
              await api.deleteTeam(team.id);
              ctx.announce(`Deleted team ${team.name}.`);
              navigate('/teams');
            } catch (error) {
              ctx.announce(errorText(error), 'error');
            }
          },
        },
        'Delete team',
      ),
    ),
  );
}
