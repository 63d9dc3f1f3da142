// The screens before a session exists: create an organization, log in, accept an invitation.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api';
import type { SignedIn } from '../app';
import { Field, Form } from '../ui/form';
import { browserZone } from '../ui/time';

export function PublicCard({ title, children }: { title: string; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Switchboard`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <main id="main" class="public" tabIndex={-1}>
      <div class="card auth-card">
        <p class="brand-mark">Switchboard</p>
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {children}
      </div>
    </main>
  );
}

export function SignupPage({ signedIn }: { signedIn: SignedIn }) {
  return (
    <PublicCard title="Create your organization">
      <p class="lead">
        Set up Switchboard for your company. You become its owner and can invite everyone else.
      </p>
      <Form
        label="Create your organization"
        submit="Create organization"
        onSubmit={async (v) => {
          const session = await api.signup({
            organization: v.organization ?? '',
            slug: v.slug,
            name: v.name ?? '',
            email: v.email ?? '',
            password: v.password ?? '',
            timeZone: v.timeZone,
          });
          signedIn(
            session,
            `Welcome to Switchboard. Your organization's sign-in name is ${session.tenant.slug}.`,
            '/onboarding',
          );
        }}
      >
        <Field label="Organization name" name="organization" required autocomplete="organization" />
        <Field
          label="Sign-in name"
          name="slug"
          hint="Lower-case letters, digits and hyphens, e.g. acme-corp. Everyone types it to log in. Leave empty to make one from the organization name."
        />
        <Field label="Your name" name="name" required autocomplete="name" />
        <Field label="Work email" name="email" type="email" required autocomplete="email" />
        <Field
          label="Password"
          name="password"
          type="password"
          required
          autocomplete="new-password"
          hint="At least 10 characters."
        />
        <Field label="Time zone" name="timeZone" value={browserZone()} timeZones />
      </Form>
      <p class="switch">
        Already using Switchboard? <a href="/login">Log in</a>
      </p>
    </PublicCard>
  );
}

export function LoginPage({ signedIn }: { signedIn: SignedIn }) {
  return (
    <PublicCard title="Log in">
      <Form
        label="Log in"
        submit="Log in"
        onSubmit={async (v) => {
          const session = await api.login({
            tenant: (v.tenant ?? '').trim(),
            email: (v.email ?? '').trim(),
            password: v.password ?? '',
          });
          signedIn(session, `Signed in to ${session.tenant.name}.`);
        }}
      >
        <Field
          label="Organization"
          name="tenant"
          required
          autocomplete="organization"
          hint="Your organization’s sign-in name, e.g. acme-corp."
        />
        <Field label="Email" name="email" type="email" required autocomplete="username" />
        <Field
          label="Password"
          name="password"
          type="password"
          required
          autocomplete="current-password"
        />
      </Form>
      <p class="switch">
        <a href="/forgot-password">Forgot your password?</a>
        <br />
        <a href="/forgot-sign-in-name">Forgot your organization’s sign-in name?</a>
      </p>
      <p class="switch">
        New to Switchboard? <a href="/signup">Create an organization</a>
      </p>
    </PublicCard>
  );
}

export function AcceptInvitationPage({ signedIn }: { signedIn: SignedIn }) {
  const token = new URLSearchParams(window.location.search).get('token');
  if (!token) {
    return (
      <PublicCard title="Invitation link incomplete">
        <p>
          This link has no invitation token. Open the full link you were sent, or ask the person who
          invited you for a new one.
        </p>
        <p class="switch">
          <a href="/login">Log in instead</a>
        </p>
      </PublicCard>
    );
  }
  return (
    <PublicCard title="Join your team">
      <p class="lead">
        You have been invited to Switchboard. Choose your name and a password to finish.
      </p>
      <Form
        label="Accept invitation"
        submit="Join"
        onSubmit={async (v) => {
          const session = await api.acceptInvitation({
            token,
            name: v.name ?? '',
            password: v.password ?? '',
            timeZone: v.timeZone,
          });
          signedIn(session, `Welcome to ${session.tenant.name}, ${session.user.name}.`);
        }}
      >
        <Field label="Your name" name="name" required autocomplete="name" />
        <Field
          label="Password"
          name="password"
          type="password"
          required
          autocomplete="new-password"
          hint="At least 10 characters."
        />
        <Field label="Time zone" name="timeZone" value={browserZone()} timeZones />
      </Form>
    </PublicCard>
  );
}
