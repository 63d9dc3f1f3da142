// Every screen's address, and the navigation. A screen is a component; wouter passes the path's
// parameters as `params`. Add a screen here and in NAV; PUBLIC_PATHS need no session.

import type { ComponentType } from 'preact';
import { AcceptInvitationPage, LoginPage, SignupPage } from './screens/auth';
import { PoliciesPage, PolicyPage } from './screens/policies';
import { ServicePage } from './screens/service';
import { IncidentPage } from './screens/incident';
import { IncidentsPage } from './screens/incidents';
import { HomePage } from './screens/home';
import { OnboardingPage } from './screens/onboarding';
import { ProfilePage } from './screens/profile';
import { OnCallPage } from './screens/oncall';
import { SchedulePage } from './screens/schedule';
import { SchedulesPage } from './screens/schedules';
import { ServicesPage } from './screens/services';
import { SlaPoliciesPage, SlaPolicyPage } from './screens/sla-policies';
import {
  CustomersPage,
  ImpactRulesPage,
  MessageTemplatesPage,
  SupportSettingsPage,
} from './screens/support-admin';
import { TicketPage } from './screens/ticket';
import { TicketsPage } from './screens/tickets';

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
  { path: '/services/:id', component: ServicePage },
  { path: '/escalation-policies', component: PoliciesPage },
  { path: '/escalation-policies/:id', component: PolicyPage },
  { path: '/tickets', component: TicketsPage },
  { path: '/tickets/:id', component: TicketPage },
  { path: '/customers', component: CustomersPage },
  { path: '/sla-policies', component: SlaPoliciesPage },
  { path: '/sla-policies/:id', component: SlaPolicyPage },
  { path: '/message-templates', component: MessageTemplatesPage },
  { path: '/impact-rules', component: ImpactRulesPage },
  { path: '/support-settings', component: SupportSettingsPage },
  { path: '/incidents/:id', component: IncidentPage },
  { path: '/incidents', component: IncidentsPage },
  { path: '/', component: HomePage },
  { path: '/onboarding', component: OnboardingPage },
  { path: '/profile', component: ProfilePage },
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
    label: 'You',
    items: [
      { href: '/', label: 'Home', matches: ['/'] },
      { href: '/onboarding', label: 'Get started', matches: ['/onboarding'], adminOnly: true },
      { href: '/profile', label: 'My profile', matches: ['/profile'] },
    ],
  },
  {
    label: 'Respond',
    items: [
      { href: '/incidents', label: 'Incidents', matches: ['/incidents'] },
      { href: '/oncall', label: 'On call', matches: ['/oncall'] },
      { href: '/schedules', label: 'Schedules', matches: ['/schedules'] },
      {
        href: '/escalation-policies',
        label: 'Escalation policies',
        matches: ['/escalation-policies'],
      },
      { href: '/services', label: 'Service directory', matches: ['/services'] },
    ],
  },
  {
    label: 'Support',
    items: [
      { href: '/tickets', label: 'Tickets', matches: ['/tickets'] },
      { href: '/customers', label: 'Customers', matches: ['/customers'] },
      { href: '/sla-policies', label: 'SLA policies', matches: ['/sla-policies'] },
      { href: '/message-templates', label: 'Message templates', matches: ['/message-templates'] },
      { href: '/impact-rules', label: 'Impact rules', matches: ['/impact-rules'] },
      {
        href: '/support-settings',
        label: 'Support settings',
        matches: ['/support-settings'],
        adminOnly: true,
      },
    ],
  },
];

/** The screen a person lands on after signing in. */
export const HOME = '/';
