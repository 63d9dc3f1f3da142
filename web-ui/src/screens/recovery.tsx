// Account recovery before a session exists: "forgot password" (a single-use link by email),
// setting a new password with that link, and "forgot sign-in name". The confirmations are the
// same whether or not the address exists, so these screens reveal nothing about who has an account.

import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import {
  confirmPasswordReset,
  requestPasswordReset,
  requestSignInNameReminder,
} from '../api/recovery';
import { Field, Form } from '../ui/form';
import { PublicCard } from './auth';

function BackToLogin() {
  return (
    <p class="switch">
      <a href="/login">Back to log in</a>
    </p>
  );
}

export function ForgotPasswordPage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo !== null) {
    return (
      <PublicCard title="Check your email">
        <p>
          If {sentTo} has an account in that organization, we have sent it a link to choose a new
          password. The link works once and expires soon. Nothing arrived after a few minutes? Check
          the spelling of your organization’s sign-in name and ask again.
        </p>
        <BackToLogin />
      </PublicCard>
    );
  }
  return (
    <PublicCard title="Reset your password">
      <p class="lead">
        Tell us your organization and email; we send a link to choose a new password.
      </p>
      <Form
        label="Reset your password"
        submit="Send reset link"
        onSubmit={async (v) => {
          const email = (v.email ?? '').trim();
          await requestPasswordReset({ tenant: (v.tenant ?? '').trim(), email });
          setSentTo(email);
        }}
      >
        <Field
          label="Organization"
          name="tenant"
          required
          autocomplete="organization"
          hint={
            <>
              Your organization’s sign-in name, e.g. acme-corp.{' '}
              <a href="/forgot-sign-in-name">Forgot it?</a>
            </>
          }
        />
        <Field label="Email" name="email" type="email" required autocomplete="username" />
      </Form>
      <BackToLogin />
    </PublicCard>
  );
}

export function ResetPasswordPage() {
  const token = new URLSearchParams(window.location.search).get('token');
  const [done, setDone] = useState(false);
  if (!token) {
    return (
      <PublicCard title="Reset link incomplete">
        <p>
          This link has no reset token. Open the full link from the email, or{' '}
          <a href="/forgot-password">ask for a new one</a>.
        </p>
        <BackToLogin />
      </PublicCard>
    );
  }
  if (done) {
    return (
      <PublicCard title="Password changed">
        <p>Your password is changed and you were logged out everywhere else.</p>
        <p class="switch">
          <a href="/login">Log in with your new password</a>
        </p>
      </PublicCard>
    );
  }
  return (
    <PublicCard title="Choose a new password">
      <Form
        label="Choose a new password"
        submit="Set new password"
        onSubmit={async (v) => {
          const password = v.password ?? '';
          if (password !== (v.confirm ?? '')) {
            throw new ApiError(400, 'validation_failed', 'The two passwords differ.', [
              { field: 'confirm', message: 'must be the same as the new password' },
            ]);
          }
          await confirmPasswordReset({ token, password });
          setDone(true);
        }}
      >
        <Field
          label="New password"
          name="password"
          type="password"
          required
          autocomplete="new-password"
          hint="At least 10 characters."
        />
        <Field
          label="Repeat the new password"
          name="confirm"
          type="password"
          required
          autocomplete="new-password"
        />
      </Form>
      <p class="switch">
        Link expired or already used? <a href="/forgot-password">Ask for a new one</a>
      </p>
    </PublicCard>
  );
}

export function ForgotSignInNamePage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo !== null) {
    return (
      <PublicCard title="Check your email">
        <p>
          If {sentTo} belongs to anyone in Switchboard, we have emailed it the sign-in names of its
          organizations.
        </p>
        <BackToLogin />
      </PublicCard>
    );
  }
  return (
    <PublicCard title="Find your organization">
      <p class="lead">
        We email you the sign-in name of every organization your address belongs to.
      </p>
      <Form
        label="Find your organization"
        submit="Email me my sign-in names"
        onSubmit={async (v) => {
          const email = (v.email ?? '').trim();
          await requestSignInNameReminder({ email });
          setSentTo(email);
        }}
      >
        <Field label="Email" name="email" type="email" required autocomplete="email" />
      </Form>
      <BackToLogin />
    </PublicCard>
  );
}
