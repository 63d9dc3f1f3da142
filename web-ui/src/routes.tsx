// Every screen's address, and the navigation. A screen is a component; wouter passes the path's
// parameters as `params`. Add a screen here and in NAV; PUBLIC_ROUTES need no session.

import type { ComponentType } from 'preact';
import { AnalyticsPage } from './screens/analytics';
import { ApiKeysPage } from './screens/apiKeys';
import { AuditPage } from './screens/audit';
import { AcceptInvitationPage, LoginPage, SignupPage } from './screens/auth';
import { HomePage } from './screens/home';
import { IncidentPage } from './screens/incident';
import { IncidentsPage } from './screens/incidents';
import { OnboardingPage } from './screens/onboarding';
import { OnCallPage } from './screens/oncall';
import { OutboxPage } from './screens/outbox';
import { PoliciesPage, PolicyPage } from './screens/policies';
import { ProfilePage } from './screens/profile';
import { ForgotPasswordPage, ForgotSignInNamePage, ResetPasswordPage } from './screens/recovery';
import { SchedulePage } from './screens/schedule';
import { SchedulesPage } from './screens/schedules';
import { ServicePage } from './screens/service';
import { ServicesPage } from './screens/services';
import { SlaPoliciesPage, SlaPolicyPage } from './screens/sla-policies';
import { StatusBoardPage } from './screens/statusBoard';
import {
  CustomersPage,
  ImpactRulesPage,
  MessageTemplatesPage,
  SupportSettingsPage,
} from './screens/support-admin';
import { TeamPage, TeamsPage } from './screens/teams';
import { TicketPage } from './screens/ticket';
import { TicketsPage } from './screens/tickets';
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

/** Screens for signed-in people (wouter matches whole paths). */
export const ROUTES: AppRoute[] = [
  { path: '/', component: HomePage },
  { path: '/onboarding', component: OnboardingPage },
  { path: '/profile', component: ProfilePage },
  { path: '/incidents', component: IncidentsPage },
  { path: '/incidents/:id', component: IncidentPage },
  { path: '/oncall', component: OnCallPage },
  { path: '/schedules', component: SchedulesPage },
  { path: '/schedules/:id', component: SchedulePage },
  { path: '/escalation-policies', component: PoliciesPage },
  { path: '/escalation-policies/:id', component: PolicyPage },
  { path: '/services', component: ServicesPage },
  { path: '/services/:id', component: ServicePage },
  { path: '/status-board', component: StatusBoardPage },
  { path: '/tickets', component: TicketsPage },
  { path: '/tickets/:id', component: TicketPage },
  { path: '/customers', component: CustomersPage },
  { path: '/sla-policies', component: SlaPoliciesPage },
  { path: '/sla-policies/:id', component: SlaPolicyPage },
  { path: '/message-templates', component: MessageTemplatesPage },
  { path: '/impact-rules', component: ImpactRulesPage },
  { path: '/support-settings', component: SupportSettingsPage },
  { path: '/teams', component: TeamsPage },
  { path: '/teams/:id', component: TeamPage },
  { path: '/users', component: UsersPage },
  { path: '/analytics', component: AnalyticsPage },
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
      { href: '/status-board', label: 'Status board', matches: ['/status-board'] },
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
export const HOME = '/';
