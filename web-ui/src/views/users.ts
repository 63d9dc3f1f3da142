// Users: your own profile, everyone in the organization, and (for admins) invitations.

import { api, type Invitation, type User } from '../api';
import { errorText, grantableRoles, ROLE_LABELS, type AppContext } from '../context';
import { formatTime, h, replace } from '../dom';
import { field, form } from '../forms';
import { secretBox } from '../widgets';

export async function usersView(ctx: AppContext): Promise<Node> {
  const [users, invitations] = await Promise.all([
    api.listUsers(),
    ctx.isAdmin ? api.listInvitations() : Promise.resolve([] as Invitation[]),
  ]);

  const people = h('div');
  const heading = h('h2', { id: 'people' });
  const showPeople = (list: User[]) => {
    heading.textContent = `People in ${ctx.session.tenant.name} (${list.length})`;
    replace(people, usersTable(ctx, list, reloadPeople));
  };
  const reloadPeople = async () => showPeople(await api.listUsers());
  showPeople(users);

  return h(
    'div',
    null,
    h('h1', { tabindex: '-1' }, 'Users'),
    profileSection(ctx),
    h('section', { class: 'panel', 'aria-labelledby': 'people' }, heading, people),
    ctx.isAdmin ? inviteSection(ctx, invitations) : null,
  );
}

function profileSection(ctx: AppContext): HTMLElement {
  const me = ctx.session.user;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'profile' },
    h('h2', { id: 'profile' }, 'Your profile'),
    h('p', { class: 'muted' }, `${me.email} · ${ROLE_LABELS[me.role]}`),
    form({
      label: 'Your profile',
      submit: 'Save profile',
      className: 'two-up',
      fields: [
        field({
          label: 'Name',
          name: 'name',
          required: true,
          value: me.name,
          autocomplete: 'name',
        }),
        field({
          label: 'Time zone',
          name: 'timeZone',
          required: true,
          value: me.timeZone,
          timeZones: true,
        }),
      ],
      onSubmit: async (v) => {
        const updated = await api.updateUser(me.id, { name: v.name, timeZone: v.timeZone });
        ctx.updateSession({ ...ctx.session, user: updated });
        ctx.announce('Saved your profile.');
      },
    }),
  );
}

function usersTable(ctx: AppContext, users: User[], reload: () => Promise<void>): HTMLElement {
  const me = ctx.session.user;
  const setActive = async (user: User, active: boolean) => {
    if (
      !active &&
      !window.confirm(`Deactivate ${user.name}? They will be logged out and cannot log in.`)
    ) {
      return;
    }
    try {
      await (active ? api.reactivateUser(user.id) : api.deactivateUser(user.id));
      ctx.announce(`${active ? 'Reactivated' : 'Deactivated'} ${user.name}.`);
      await reload();
    } catch (error) {
      ctx.announce(errorText(error), 'error');
    }
  };
  return h(
    'table',
    { class: 'table' },
    h('caption', { class: 'visually-hidden' }, 'Users'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'Name'),
        h('th', { scope: 'col' }, 'Email'),
        h('th', { scope: 'col' }, 'Role'),
        h('th', { scope: 'col' }, 'Time zone'),
        h('th', { scope: 'col' }, 'Status'),
        ctx.isAdmin
          ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions'))
          : null,
      ),
    ),
    h(
      'tbody',
      null,
      ...users.map((u) =>
        h(
          'tr',
          { class: u.active ? null : 'inactive' },
          h(
            'th',
            { scope: 'row' },
            u.name,
            u.id === me.id ? h('span', { class: 'muted' }, ' (you)') : null,
          ),
          h('td', null, u.email),
          h('td', null, ROLE_LABELS[u.role]),
          h('td', null, u.timeZone),
          h(
            'td',
            null,
            u.active ? 'Active' : h('span', { class: 'badge inactive' }, 'Deactivated'),
          ),
          ctx.isAdmin
            ? h(
                'td',
                { class: 'row-actions' },
                u.id === me.id
                  ? null
                  : h(
                      'button',
                      {
                        type: 'button',
                        class: u.active ? 'small danger' : 'small',
                        'aria-label': `${u.active ? 'Deactivate' : 'Reactivate'} ${u.name}`,
                        onclick: () => setActive(u, !u.active),
                      },
                      u.active ? 'Deactivate' : 'Reactivate',
                    ),
              )
            : null,
        ),
      ),
    ),
  );
}

function inviteSection(ctx: AppContext, initial: Invitation[]): HTMLElement {
  const linkSlot = h('div', { 'aria-live': 'polite' });
  const pending = h('div');
  const heading = h('h3', { id: 'pending-invitations' });
  const showPending = (invitations: Invitation[]) => {
    heading.textContent = `Pending invitations (${invitations.length})`;
    replace(pending, pendingList(ctx, invitations, reloadPending));
  };
  const reloadPending = async () => showPending(await api.listInvitations());
  showPending(initial);

  const roles = grantableRoles(ctx.session.user.role);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'invite' },
    h('h2', { id: 'invite' }, 'Invite someone'),
    form({
      label: 'Invite someone',
      submit: 'Create invitation',
      className: 'two-up',
      resetOnSuccess: true,
      fields: [
        field({ label: 'Email', name: 'email', type: 'email', required: true }),
        field({
          label: 'Role',
          name: 'role',
          required: true,
          value: 'responder',
          options: roles.map((r) => ({ value: r, label: ROLE_LABELS[r] })),
        }),
      ],
      onSubmit: async (v) => {
        replace(linkSlot);
        const role = roles.find((r) => r === v.role) ?? 'viewer';
        const result = await api.invite({ email: (v.email ?? '').trim(), role });
        replace(
          linkSlot,
          secretBox({
            title: `Invitation for ${result.invitation.email}`,
            explain: 'Send them this link. It is shown only once and works for 7 days.',
            label: 'Accept link',
            value: result.acceptUrl,
          }),
        );
        ctx.announce(
          `Invited ${result.invitation.email} as ${ROLE_LABELS[result.invitation.role]}.`,
        );
        await reloadPending();
      },
    }),
    linkSlot,
    heading,
    pending,
  );
}

function pendingList(
  ctx: AppContext,
  invitations: Invitation[],
  reload: () => Promise<void>,
): HTMLElement {
  if (invitations.length === 0) return h('p', { class: 'empty' }, 'No pending invitations.');
  return h(
    'ul',
    { class: 'list', 'aria-labelledby': 'pending-invitations' },
    ...invitations.map((i) =>
      h(
        'li',
        null,
        h(
          'span',
          { class: 'who' },
          h('strong', null, i.email),
          ' ',
          h(
            'span',
            { class: 'muted' },
            `${ROLE_LABELS[i.role]} · expires ${formatTime(i.expiresAt, ctx.session.user.timeZone)}`,
          ),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'small',
            'aria-label': `Revoke the invitation for ${i.email}`,
            onclick: async () => {
              try {
                await api.revokeInvitation(i.id);
                ctx.announce(`Revoked the invitation for ${i.email}.`);
                await reload();
              } catch (error) {
                ctx.announce(errorText(error), 'error');
              }
            },
          },
          'Revoke',
        ),
      ),
    ),
  );
}
