// Starts the app: finds out whether a session exists, then renders the screen for the URL.

import './style.css';
import { api, ApiError, type Session } from './api';
import {
  errorText,
  isAdministrator,
  ROLE_LABELS,
  type AppContext,
  type PublicContext,
} from './context';
import { h, replace } from './dom';
import { currentRoute, navigate, onNavigate, PUBLIC_ROUTES, type Route } from './router';
import { apiKeysView } from './views/apiKeys';
import { auditView } from './views/audit';
import { acceptInvitationView, loginView, signupView } from './views/auth';
import { incidentsView, incidentView } from './views/incidents';
import { servicesView } from './views/services';
import { teamsView, teamView } from './views/teams';
import { usersView } from './views/users';

const root = document.getElementById('app')!;
let session: Session | null = null;
/** Increases with every render, so a slow screen never overwrites a newer one. */
let renderCount = 0;

interface NavItem {
  href: string;
  label: string;
  matches: Route['name'][];
  adminOnly?: boolean;
}

const NAV: NavItem[] = [
  { href: '/incidents', label: 'Incidents', matches: ['incidents', 'incident'] },
  { href: '/services', label: 'Service directory', matches: ['services'] },
  { href: '/teams', label: 'Teams', matches: ['teams', 'team'] },
  { href: '/users', label: 'Users', matches: ['users'] },
  { href: '/api-keys', label: 'API keys', matches: ['api-keys'], adminOnly: true },
  { href: '/audit', label: 'Audit log', matches: ['audit'], adminOnly: true },
];

const TITLES: Record<Route['name'], string> = {
  login: 'Log in',
  signup: 'Create your organization',
  'accept-invitation': 'Join your team',
  incidents: 'Incidents',
  incident: 'Incident',
  services: 'Service directory',
  teams: 'Teams',
  team: 'Team',
  users: 'Users',
  'api-keys': 'API keys',
  audit: 'Audit log',
  'not-found': 'Not found',
};

// The status line lives outside the re-rendered area so a message survives navigation.
const status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
let statusTimer: number | undefined;

function announce(message: string, tone: 'info' | 'error' = 'info'): void {
  window.clearTimeout(statusTimer);
  status.className = `status ${tone}`;
  replace(
    status,
    h('span', null, message),
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        'aria-label': 'Dismiss message',
        onclick: () => replace(status),
      },
      '×',
    ),
  );
  if (tone === 'info') statusTimer = window.setTimeout(() => replace(status), 8000);
}

const publicContext: PublicContext = {
  signedIn(next, message) {
    session = next;
    const target = new URLSearchParams(window.location.search).get('next');
    navigate(target && target.startsWith('/') && !target.startsWith('//') ? target : '/services');
    announce(message);
  },
};

async function render(): Promise<void> {
  const route = currentRoute();
  const count = ++renderCount;
  document.title = `${TITLES[route.name]} · Switchboard`;

  if (PUBLIC_ROUTES.has(route.name)) {
    if (session && route.name !== 'accept-invitation') {
      navigate('/services', { replace: true });
      return;
    }
    replace(root, publicScreen(route), status);
    focusHeading();
    return;
  }
  if (!session) {
    const here = window.location.pathname + window.location.search;
    navigate(
      here === '/' || here === '/services' ? '/login' : `/login?next=${encodeURIComponent(here)}`,
      {
        replace: true,
      },
    );
    return;
  }

  const main = h('main', { id: 'main', tabindex: '-1' }, h('p', { class: 'loading' }, 'Loading…'));
  replace(root, shell(session, route, main), status);
  const context = appContext(session);
  let content: Node;
  try {
    content = await screen(context, route);
  } catch (error) {
    content = context.fail(error);
  }
  if (count !== renderCount) return;
  replace(main, content);
  focusHeading();
}

function publicScreen(route: Route): HTMLElement {
  switch (route.name) {
    case 'signup':
      return signupView(publicContext);
    case 'accept-invitation':
      return acceptInvitationView(publicContext, route.token);
    default:
      return loginView(publicContext);
  }
}

function screen(ctx: AppContext, route: Route): Promise<Node> {
  const adminOnly = () =>
    Promise.resolve(
      h(
        'div',
        null,
        h('h1', { tabindex: '-1' }, TITLES[route.name]),
        h('p', null, 'Only owners and admins can open this page.'),
      ),
    );
  switch (route.name) {
    case 'incidents':
      return incidentsView(ctx, route.filter);
    case 'incident':
      return incidentView(ctx, route.id);
    case 'services':
      return servicesView(ctx, route.query);
    case 'teams':
      return teamsView(ctx);
    case 'team':
      return teamView(ctx, route.id);
    case 'users':
      return usersView(ctx);
    case 'api-keys':
      return ctx.isAdmin ? apiKeysView(ctx) : adminOnly();
    case 'audit':
      return ctx.isAdmin ? auditView(ctx) : adminOnly();
    default:
      return Promise.resolve(
        h(
          'div',
          null,
          h('h1', { tabindex: '-1' }, 'Page not found'),
          h(
            'p',
            null,
            'There is nothing at this address. ',
            h('a', { href: '/services' }, 'Go to the service directory'),
            '.',
          ),
        ),
      );
  }
}

function appContext(current: Session): AppContext {
  return {
    session: current,
    isAdmin: isAdministrator(current.user.role),
    announce,
    updateSession(next) {
      session = next;
      const who = document.getElementById('who');
      if (who) replace(who, whoAmI(next));
    },
    fail(error) {
      if (error instanceof ApiError && error.status === 401) {
        session = null;
        window.setTimeout(() => {
          navigate('/login', { replace: true });
          announce('Your session has ended. Please log in again.', 'error');
        });
        return h('p', null, 'Your session has ended.');
      }
      return h(
        'div',
        { class: 'form-error', role: 'alert' },
        h('p', null, 'This page could not be loaded: ', errorText(error)),
        h('button', { type: 'button', onclick: () => void render() }, 'Try again'),
      );
    },
  };
}

function whoAmI(current: Session): Node[] {
  return [
    h('span', { class: 'who-name' }, current.user.name),
    h('span', { class: 'muted' }, ` · ${ROLE_LABELS[current.user.role]}`),
  ];
}

function shell(current: Session, route: Route, main: HTMLElement): HTMLElement {
  const admin = isAdministrator(current.user.role);
  const logout = h('button', { type: 'button', class: 'ghost' }, 'Log out');
  logout.addEventListener('click', async () => {
    try {
      await api.logout();
    } catch (error) {
      // A session that already ended is as good as logged out.
      if (!(error instanceof ApiError && error.status === 401)) {
        announce(errorText(error), 'error');
        return;
      }
    }
    session = null;
    navigate('/login');
    announce('You are logged out.');
  });
  return h(
    'div',
    { class: 'app' },
    h('a', { class: 'skip-link', href: '#main', onclick: skipToMain }, 'Skip to content'),
    h(
      'header',
      { class: 'topbar' },
      h('a', { class: 'brand', href: '/services' }, 'Switchboard'),
      h(
        'span',
        { class: 'org', title: `Sign-in name: ${current.tenant.slug}` },
        current.tenant.name,
        ' ',
        h('span', { class: 'slug' }, current.tenant.slug),
      ),
      h('div', { class: 'me' }, h('span', { id: 'who' }, ...whoAmI(current)), logout),
    ),
    h(
      'div',
      { class: 'layout' },
      h(
        'nav',
        { class: 'sidebar', 'aria-label': 'Main' },
        h(
          'ul',
          null,
          ...NAV.filter((item) => admin || !item.adminOnly).map((item) =>
            h(
              'li',
              null,
              h(
                'a',
                {
                  href: item.href,
                  'aria-current': item.matches.includes(route.name) ? 'page' : null,
                },
                item.label,
              ),
            ),
          ),
        ),
      ),
      main,
    ),
  );
}

function skipToMain(event: Event): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

function focusHeading(): void {
  // Move focus to the new screen's heading so keyboard and screen-reader users start there.
  const heading = root.querySelector<HTMLElement>('main h1');
  heading?.focus({ preventScroll: true });
}

async function start(): Promise<void> {
  try {
    session = await api.currentSession();
  } catch (error) {
    session = null;
    if (!(error instanceof ApiError && error.status === 401)) {
      announce(`Could not check your session: ${errorText(error)}`, 'error');
    }
  }
  onNavigate(() => void render());
  await render();
}

void start();
