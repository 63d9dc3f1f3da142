// Every screen's address, and the navigation. A screen is a component; wouter passes the path's
// parameters as `params`. Add a screen here and in NAV; PUBLIC_PATHS need no session.

import type { ComponentType } from 'preact';
import { AnalyticsPage } from './screens/analytics';
import { ApiKeysPage } from './screens/apiKeys';
import { AuditPage } from './screens/audit';
import { AcceptInvitationPage, LoginPage, SignupPage } from './screens/auth';
import { OutboxPage } from './screens/outbox';
import { ForgotPasswordPage, ForgotSignInNamePage, ResetPasswordPage } from './screens/recovery';
import { ServicesPage } from './screens/services';
import { StatusBoardPage } from './screens/statusBoard';
import { TeamPage, TeamsPage } from './screens/teams';
import { UsersPage } from './screens/users';

export interface AppRoute {
  path: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  component: ComponentType<any>;
}

/** Screens for people without a session. */
export const PUBLIC_ROUTES: AppRoute[] = [
  { path: '/login', component: LoginPage },
  { path: '/signup', component: SignupPage },
  { path: '/accept-invitation', component: AcceptInvitationPage },
  { path: '/forgot-password', component: ForgotPasswordPage },
  { path: '/reset-password', component: ResetPasswordPage },
  { path: '/forgot-sign-in-name', component: ForgotSignInNamePage },
];

/** Screens for signed-in people, most specific first where two could match. */
export const ROUTES: AppRoute[] = [
  { path: '/services', component: ServicesPage },
  { path: '/status-board', component: StatusBoardPage },
  { path: '/analytics', component: AnalyticsPage },
  { path: '/teams/:id', component: TeamPage },
  { path: '/teams', component: TeamsPage },
  { path: '/users', component: UsersPage },
  { path: '/api-keys', component: ApiKeysPage },
  { path: '/audit', component: AuditPage },
  { path: '/outbox', component: OutboxPage },
];

export interface NavItem {
  href: string;
  label: string;
  /** Paths (prefixes) that mark this item as the current page. */
  matches: string[];
  adminOnly?: boolean;
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

export const NAV: NavGroup[] = [
  {
    label: 'Respond',
    items: [
      { href: '/services', label: 'Service directory', matches: ['/services'] },
      { href: '/status-board', label: 'Status board', matches: ['/status-board'] },
    ],
  },
  {
    label: 'Organization',
    items: [
      { href: '/teams', label: 'Teams', matches: ['/teams'] },
      { href: '/users', label: 'Users', matches: ['/users'] },
      { href: '/analytics', label: 'Analytics', matches: ['/analytics'] },
      { href: '/api-keys', label: 'API keys', matches: ['/api-keys'], adminOnly: true },
      { href: '/audit', label: 'Audit log', matches: ['/audit'], adminOnly: true },
      { href: '/outbox', label: 'Outbox', matches: ['/outbox'], adminOnly: true },
    ],
  },
];

/** The screen a person lands on after signing in. */
export const HOME = '/services';
