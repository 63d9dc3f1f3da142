// The app: finds out whether a session exists, then shows the public screens or the signed-in
// shell (header, navigation, the screen for the address, the status line).

import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { Route, Router, Switch, useLocation } from 'wouter-preact';
import { navigate } from 'wouter-preact/use-browser-location';
import { api, ApiError, type Session } from './api';
import { HOME, NAV, PUBLIC_ROUTES, ROUTES } from './routes';
import { errorText } from './ui/form';
import { Page } from './ui/page';
import { isAdministrator, ROLE_LABELS, SessionContext, type SessionState } from './ui/session';
import { StatusProvider, useAnnounce } from './ui/status';

export { navigate };

/** Where to go after signing in: the ?next= address when it is one of ours. */
function nextAddress(fallback: string): string {
  const next = new URLSearchParams(window.location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : fallback;
}

/** Signed-in state for the public screens: they call this once a session exists. */
export type SignedIn = (session: Session, message: string, landing?: string) => void;

export function App() {
  return (
    <StatusProvider>
      <Router>
        <SessionGate />
      </Router>
    </StatusProvider>
  );
}

function SessionGate() {
  const announce = useAnnounce();
  const [location] = useLocation();
  const [session, setSession] = useState<Session | null | undefined>(undefined);

  useEffect(() => {
    api.currentSession().then(setSession, (error) => {
      setSession(null);
      if (!(error instanceof ApiError && error.status === 401)) {
        announce(`Could not check your session: ${errorText(error)}`, 'error');
      }
    });
  }, [announce]);

  useEffect(() => interceptLinks(), []);

  const signedIn = useCallback<SignedIn>(
    (next, message, landing) => {
      setSession(next);
      navigate(nextAddress(landing ?? HOME));
      announce(message);
    },
    [announce],
  );

  const ended = useCallback(
    (message?: string) => {
      setSession(null);
      navigate('/login', { replace: true });
      if (message) announce(message, 'error');
    },
    [announce],
  );

  const state = useMemo<SessionState | null>(
    () =>
      session
        ? {
            session,
            isAdmin: isAdministrator(session.user.role),
            update: setSession,
            ended,
          }
        : null,
    [session, ended],
  );

  if (session === undefined) return <p class="loading">Loading…</p>;

  const isPublic = PUBLIC_ROUTES.some((r) => r.path === location);
  if (isPublic) {
    if (state && location !== '/accept-invitation') {
      navigate(HOME, { replace: true });
      return null;
    }
    return (
      <Switch>
        {PUBLIC_ROUTES.map((r) => (
          <Route key={r.path} path={r.path}>
            <r.component signedIn={signedIn} />
          </Route>
        ))}
      </Switch>
    );
  }
  if (!state) {
    const here = window.location.pathname + window.location.search;
    navigate(here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`, {
      replace: true,
    });
    return null;
  }
  return (
    <SessionContext.Provider value={state}>
      <Shell />
    </SessionContext.Provider>
  );
}

function Shell() {
  const [location] = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location]);
  return (
    <SessionContext.Consumer>
      {(state) => (
        <div class="app">
          <a
            class="skip-link"
            href="#main"
            onClick={(e) => {
              e.preventDefault();
              document.getElementById('main')?.focus();
            }}
          >
            Skip to content
          </a>
          <TopBar state={state!} />
          <div class="layout">
            <nav class={`sidebar${menuOpen ? ' open' : ''}`} aria-label="Main">
              <button
                type="button"
                class="menu-toggle"
                aria-expanded={menuOpen}
                onClick={() => setMenuOpen(!menuOpen)}
              >
                Menu
              </button>
              {NAV.map((group) => {
                const items = group.items.filter((i) => state!.isAdmin || !i.adminOnly);
                if (items.length === 0) return null;
                return (
                  <div class="nav-group" key={group.label}>
                    <p class="nav-heading">{group.label}</p>
                    <ul>
                      {items.map((item) => (
                        <li key={item.href}>
                          <a
                            href={item.href}
                            aria-current={
                              item.matches.some((m) =>
                                m === '/' ? location === '/' : location.startsWith(m),
                              )
                                ? 'page'
                                : undefined
                            }
                          >
                            {item.label}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </div>
                );
              })}
            </nav>
            <main id="main" tabIndex={-1}>
              <Switch>
                {ROUTES.map((r) => (
                  <Route key={r.path} path={r.path} component={r.component} />
                ))}
                <Route>
                  <Page title="Page not found">
                    <p>
                      There is nothing at this address. <a href={HOME}>Go to the start page</a>.
                    </p>
                  </Page>
                </Route>
              </Switch>
            </main>
          </div>
        </div>
      )}
    </SessionContext.Consumer>
  );
}

function TopBar({ state }: { state: SessionState }) {
  const announce = useAnnounce();
  const { session } = state;
  const logout = async () => {
    try {
      await api.logout();
    } catch (error) {
      // A session that already ended is as good as logged out.
      if (!(error instanceof ApiError && error.status === 401)) {
        announce(errorText(error), 'error');
        return;
      }
    }
    state.ended();
    announce('You are logged out.');
  };
  return (
    <header class="topbar">
      <a class="brand" href={HOME}>
        Switchboard
      </a>
      <span class="org" title={`Sign-in name: ${session.tenant.slug}`}>
        {session.tenant.name} <span class="slug">{session.tenant.slug}</span>
      </span>
      <div class="me">
        <a id="who" href="/profile">
          <span class="who-name">{session.user.name}</span>
          <span class="muted"> · {ROLE_LABELS[session.user.role]}</span>
        </a>
        <button type="button" class="ghost" onClick={() => void logout()}>
          Log out
        </button>
      </div>
    </header>
  );
}

/**
 * Plain <a href="/..."> links anywhere in the app navigate without reloading the page, so screens
 * can use ordinary links. Modified clicks (new tab), downloads, other origins and /api pass.
 */
function interceptLinks(): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
    if (url.pathname === window.location.pathname && url.hash) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  };
  document.addEventListener('click', onClick);
  return () => document.removeEventListener('click', onClick);
}
