// The screens before a session exists: create an organization, log in, accept an invitation.

import { api } from '../api';
import type { PublicContext } from '../context';
import { browserTimeZone, h, type Child } from '../dom';
import { field, form } from '../forms';

function card(title: string, ...children: Child[]): HTMLElement {
  return h(
    'main',
    { id: 'main', class: 'public', tabindex: '-1' },
    h(
      'div',
      { class: 'card auth-card' },
      h('p', { class: 'brand-mark' }, 'Switchboard'),
      h('h1', { tabindex: '-1' }, title),
      ...children,
    ),
  );
}

export function signupView(ctx: PublicContext): HTMLElement {
  return card(
    'Create your organization',
    h(
      'p',
      { class: 'lead' },
      'Set up Switchboard for your company. You become its owner and can invite everyone else.',
    ),
    form({
      label: 'Create your organization',
      submit: 'Create organization',
      fields: [
        field({
          label: 'Organization name',
          name: 'organization',
          required: true,
          autocomplete: 'organization',
        }),
        field({
          label: 'Sign-in name',
          name: 'slug',
          hint: 'Lower-case letters, digits and hyphens, e.g. acme-corp. Everyone types it to log in. Leave empty to make one from the organization name.',
        }),
        field({ label: 'Your name', name: 'name', required: true, autocomplete: 'name' }),
        field({
          label: 'Work email',
          name: 'email',
          type: 'email',
          required: true,
          autocomplete: 'email',
        }),
        field({
          label: 'Password',
          name: 'password',
          type: 'password',
          required: true,
          autocomplete: 'new-password',
          hint: 'At least 10 characters.',
        }),
        field({ label: 'Time zone', name: 'timeZone', value: browserTimeZone(), timeZones: true }),
      ],
      onSubmit: async (v) => {
        const session = await api.signup({
          organization: v.organization ?? '',
          slug: v.slug,
          name: v.name ?? '',
          email: v.email ?? '',
          password: v.password ?? '',
          timeZone: v.timeZone,
        });
        ctx.signedIn(
          session,
          `Welcome to Switchboard. Your organization's sign-in name is ${session.tenant.slug}.`,
        );
      },
    }),
    h(
      'p',
      { class: 'switch' },
      'Already using Switchboard? ',
      h('a', { href: '/login' }, 'Log in'),
    ),
  );
}

export function loginView(ctx: PublicContext): HTMLElement {
  return card(
    'Log in',
    form({
      label: 'Log in',
      submit: 'Log in',
      fields: [
        field({
          label: 'Organization',
          name: 'tenant',
          required: true,
          autocomplete: 'organization',
          hint: 'Your organization’s sign-in name, e.g. acme-corp.',
        }),
        field({
          label: 'Email',
          name: 'email',
          type: 'email',
          required: true,
          autocomplete: 'username',
        }),
        field({
          label: 'Password',
          name: 'password',
          type: 'password',
          required: true,
          autocomplete: 'current-password',
        }),
      ],
      onSubmit: async (v) => {
        const session = await api.login({
          tenant: (v.tenant ?? '').trim(),
          email: (v.email ?? '').trim(),
          password: v.password ?? '',
        });
        ctx.signedIn(session, `Signed in to ${session.tenant.name}.`);
      },
    }),
    h(
      'p',
      { class: 'switch' },
      'New to Switchboard? ',
      h('a', { href: '/signup' }, 'Create an organization'),
    ),
  );
}

export function acceptInvitationView(ctx: PublicContext, token: string | null): HTMLElement {
  if (!token) {
    return card(
      'Invitation link incomplete',
      h(
        'p',
        null,
        'This link has no invitation token. Open the full link you were sent, or ask the person who invited you for a new one.',
      ),
      h('p', { class: 'switch' }, h('a', { href: '/login' }, 'Log in instead')),
    );
  }
  return card(
    'Join your team',
    h(
      'p',
      { class: 'lead' },
      'You have been invited to Switchboard. Choose your name and a password to finish.',
    ),
    form({
      label: 'Accept invitation',
      submit: 'Join',
      fields: [
        field({ label: 'Your name', name: 'name', required: true, autocomplete: 'name' }),
        field({
          label: 'Password',
          name: 'password',
          type: 'password',
          required: true,
          autocomplete: 'new-password',
          hint: 'At least 10 characters.',
        }),
        field({ label: 'Time zone', name: 'timeZone', value: browserTimeZone(), timeZones: true }),
      ],
      onSubmit: async (v) => {
        const session = await api.acceptInvitation({
          token,
          name: v.name ?? '',
          password: v.password ?? '',
          timeZone: v.timeZone,
        });
        ctx.signedIn(session, `Welcome to ${session.tenant.name}, ${session.user.name}.`);
      },
    }),
  );
}
