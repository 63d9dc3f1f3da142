// Client-side routes. The service answers every GET path without a dot (outside /api) with
// index.html, so each of these URLs can be bookmarked and reloaded.

import { parseIncidentFilter, type IncidentFilter } from './incidents';

export type Route =
  | { name: 'login' }
  | { name: 'signup' }
  | { name: 'accept-invitation'; token: string | null }
  | { name: 'incidents'; filter: IncidentFilter }
  | { name: 'incident'; id: string }
  | { name: 'services'; query: string }
  | { name: 'teams' }
  | { name: 'team'; id: string }
  | { name: 'users' }
  | { name: 'api-keys' }
  | { name: 'audit' }
  | { name: 'not-found'; path: string };

/** Routes anyone may open without a session. */
export const PUBLIC_ROUTES: ReadonlySet<Route['name']> = new Set([
  'login',
  'signup',
  'accept-invitation',
]);

export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  const path = pathname.replace(/\/+$/, '') || '/';
  switch (path) {
    case '/login':
      return { name: 'login' };
    case '/signup':
      return { name: 'signup' };
    case '/accept-invitation':
      return { name: 'accept-invitation', token: params.get('token') };
    case '/incidents':
      return { name: 'incidents', filter: parseIncidentFilter(params.get('status')) };
    case '/':
    case '/services':
      return { name: 'services', query: params.get('q') ?? '' };
    case '/teams':
      return { name: 'teams' };
    case '/users':
      return { name: 'users' };
    case '/api-keys':
      return { name: 'api-keys' };
    case '/audit':
      return { name: 'audit' };
  }
  const incident = decodeSegment(/^\/incidents\/([^/]+)$/.exec(path)?.[1]);
  if (incident) return { name: 'incident', id: incident };
  const team = decodeSegment(/^\/teams\/([^/]+)$/.exec(path)?.[1]);
  if (team) return { name: 'team', id: team };
  return { name: 'not-found', path };
}

/** A path segment decoded, or null if there is none or its escapes are broken ("%E0%A4"). */
function decodeSegment(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

type Listener = () => void;
let listener: Listener = () => {};

export function onNavigate(callback: Listener): void {
  listener = callback;
  window.addEventListener('popstate', () => listener());
  // Same-origin links navigate inside the app instead of reloading the page.
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest?.('a');
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  listener();
}

export function currentRoute(): Route {
  return parseRoute(window.location.pathname, window.location.search);
}
