import type { Role, Session } from './api';

/** What a signed-in screen gets from the shell. */
export interface AppContext {
  readonly session: Session;
  /** Owners and admins may change things; everyone else reads. */
  readonly isAdmin: boolean;
  /** Says something in the status area (read out by screen readers); errors stand out. */
  announce(message: string, tone?: 'info' | 'error'): void;
  /** Replaces the signed-in user after they edit their own profile. */
  updateSession(session: Session): void;
  /** Handles a failed load: an expired session goes back to the login screen. */
  fail(error: unknown): Node;
}

/** What a public screen (signup, login, accept invitation) gets. */
export interface PublicContext {
  /** Called with the new session once the person is signed in. */
  signedIn(session: Session, message: string): void;
}

export function isAdministrator(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/** The roles someone may hand to a new user or API key (admins may not create owners). */
export function grantableRoles(role: Role): Role[] {
  if (role === 'owner') return ['owner', 'admin', 'responder', 'agent', 'viewer'];
  if (role === 'admin') return ['admin', 'responder', 'agent', 'viewer'];
  return [];
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  responder: 'Responder',
  agent: 'Support agent',
  viewer: 'Viewer',
};

/** The text to show for a failure. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
