// The signed-in person, shared by every screen through context.

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role, Session } from '../api';

export interface SessionState {
  readonly session: Session;
  /** Owners and admins configure; everyone else works or reads. */
  readonly isAdmin: boolean;
  /** Replaces the session after the person edits their own profile. */
  update(session: Session): void;
  /** Forgets the session (logged out, or it expired) and goes to the login screen. */
  ended(message?: string): void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside a signed-in screen');
  return state;
}

export function isAdministrator(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/** Roles that may act on incidents (acknowledge, resolve, escalate). */
export function canRespond(role: Role): boolean {
  return role === 'owner' || role === 'admin' || role === 'responder' || role === 'agent';
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

/** The options of a role picker: the roles given, by their labels. */
export function roleOptions(roles: readonly Role[]): { value: string; label: string }[] {
  return roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
}
