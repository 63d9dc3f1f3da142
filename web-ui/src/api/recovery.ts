// Account recovery, for people without a session: a password reset link by email, setting the new
// password with it, and a reminder of the organizations an address signs in to. The first and
// last always answer 202 alike, whether or not the address exists (docs/account.md).

import { api } from '../api';

export function requestPasswordReset(request: { tenant: string; email: string }): Promise<void> {
  return api.request<void>('POST', '/password-resets', request);
}

export function confirmPasswordReset(request: { token: string; password: string }): Promise<void> {
  return api.request<void>('POST', '/password-resets/confirm', request);
}

export function requestSignInNameReminder(request: { email: string }): Promise<void> {
  return api.request<void>('POST', '/sign-in-name-reminders', request);
}
