// Every screen's address, and the navigation. A screen is a component; wouter passes the path's
// parameters as `params`. Add a screen here and in NAV; PUBLIC_PATHS need no session.

import type { ComponentType } from 'preact';
import { AcceptInvitationPage, LoginPage, SignupPage } from './screens/auth';
import { OnCallPage } from './screens/oncall';
import { SchedulePage } from './screens/schedule';
import { SchedulesPage } from './screens/schedules';
import { ServicesPage } from './screens/services';

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
];

/** Screens for signed-in people, most specific first where two could match. */
export const ROUTES: AppRoute[] = [
  { path: '/services', component: ServicesPage },
  { path: '/schedules', component: SchedulesPage },
  { path: '/schedules/:id', component: SchedulePage },
  { path: '/oncall', component: OnCallPage },
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
      { href: '/oncall', label: 'On call', matches: ['/oncall'] },
      { href: '/schedules', label: 'Schedules', matches: ['/schedules'] },
    ],
  },
];

/** The screen a person lands on after signing in. */
export const HOME = '/services';
