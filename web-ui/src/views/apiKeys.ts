// API keys for integrations (admins only): create (the token is shown once), list, revoke.

import { api, type ApiKey } from '../api';
import { errorText, grantableRoles, ROLE_LABELS, type AppContext } from '../context';
import { formatTime, h, replace } from '../dom';
import { field, form } from '../forms';
import { secretBox } from '../widgets';

export async function apiKeysView(ctx: AppContext): Promise<Node> {
  const keys = await api.listApiKeys();
  const list = h('div');
  const tokenSlot = h('div', { 'aria-live': 'polite' });
  const show = (items: ApiKey[]) => replace(list, keysTable(ctx, items, reload));
  const reload = async () => show(await api.listApiKeys());
  show(keys);

  const roles = grantableRoles(ctx.session.user.role);
  return h(
    'div',
    null,
    h('h1', { tabindex: '-1' }, 'API keys'),
    h(
      'p',
      { class: 'lead' },
      'Integrations call the API with ',
      h('code', null, 'Authorization: Bearer <token>'),
      '. A key acts with the role you give it.',
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'create-key' },
      h('h2', { id: 'create-key' }, 'Create a key'),
      form({
        label: 'Create an API key',
        submit: 'Create key',
        className: 'two-up',
        resetOnSuccess: true,
        fields: [
          field({
            label: 'Name',
            name: 'name',
            required: true,
            placeholder: 'e.g. Monitoring webhook',
          }),
          field({
            label: 'Role',
            name: 'role',
            required: true,
            value: 'responder',
            options: roles.map((r) => ({ value: r, label: ROLE_LABELS[r] })),
          }),
        ],
        onSubmit: async (v) => {
          replace(tokenSlot);
          const role = roles.find((r) => r === v.role) ?? 'viewer';
          const created = await api.createApiKey({ name: v.name ?? '', role });
          replace(
            tokenSlot,
            secretBox({
              title: `Token for ${created.key.name}`,
              explain: 'Copy it now: Switchboard keeps only a hash and cannot show it again.',
              label: 'Token',
              value: created.token,
            }),
          );
          ctx.announce(`Created API key ${created.key.name}.`);
          await reload();
        },
      }),
      tokenSlot,
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'keys' },
      h('h2', { id: 'keys' }, 'Keys'),
      list,
    ),
  );
}

function keysTable(ctx: AppContext, keys: ApiKey[], reload: () => Promise<void>): HTMLElement {
  if (keys.length === 0) return h('p', { class: 'empty' }, 'No API keys yet.');
  const zone = ctx.session.user.timeZone;
  return h(
    'table',
    { class: 'table' },
    h('caption', { class: 'visually-hidden' }, 'API keys'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'Name'),
        h('th', { scope: 'col' }, 'Role'),
        h('th', { scope: 'col' }, 'Token'),
        h('th', { scope: 'col' }, 'Created'),
        h('th', { scope: 'col' }, 'Last used'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')),
      ),
    ),
    h(
      'tbody',
      null,
      ...keys.map((k) =>
        h(
          'tr',
          { class: k.revokedAt ? 'inactive' : null },
          h('th', { scope: 'row' }, k.name),
          h('td', null, ROLE_LABELS[k.role]),
          h('td', null, h('code', null, k.tokenHint)),
          h('td', null, formatTime(k.createdAt, zone)),
          h(
            'td',
            null,
            k.lastUsedAt ? formatTime(k.lastUsedAt, zone) : h('span', { class: 'muted' }, 'never'),
          ),
          h(
            'td',
            null,
            k.revokedAt
              ? h('span', { class: 'badge inactive' }, `Revoked ${formatTime(k.revokedAt, zone)}`)
              : 'Active',
          ),
          h(
            'td',
            { class: 'row-actions' },
            k.revokedAt
              ? null
              : h(
                  'button',
                  {
                    type: 'button',
                    class: 'small danger',
                    'aria-label': `Revoke API key ${k.name}`,
                    onclick: async () => {
                      if (
                        !window.confirm(
                          `Revoke “${k.name}”? Integrations using it stop working at once.`,
                        )
                      )
                        return;
                      try {
                        await api.revokeApiKey(k.id);
                        ctx.announce(`Revoked ${k.name}.`);
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
      ),
    ),
  );
}
