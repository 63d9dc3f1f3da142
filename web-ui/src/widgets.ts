// Small pieces shared by several screens.

import { h, uid } from './dom';

/** A one-time secret (an accept link or an API token) with a copy button. */
export function secretBox(options: {
  title: string;
  explain: string;
  label: string;
  value: string;
}): HTMLElement {
  const id = uid('secret');
  const input = h('input', {
    id,
    type: 'text',
    readonly: true,
    class: 'secret',
    spellcheck: 'false',
  });
  input.value = options.value;
  input.addEventListener('focus', () => input.select());
  const copy = h('button', { type: 'button', class: 'small' }, 'Copy');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(options.value);
      copy.textContent = 'Copied';
    } catch {
      input.select();
      copy.textContent = 'Press Ctrl+C to copy';
    }
  });
  return h(
    'div',
    { class: 'secret-box', role: 'region', 'aria-label': options.title },
    h('p', null, h('strong', null, options.title)),
    h('p', { class: 'muted' }, options.explain),
    h('label', { for: id }, options.label),
    h('div', { class: 'search-row' }, input, copy),
  );
}

/**
 * Runs `work` every `everyMs` milliseconds while `node` is on the page and the page is visible
 * (and once more when the tab becomes visible again). It stops for good once `node` has left the
 * page, which is what happens when the app renders another screen. Returns a function that runs
 * `work` now; a run asked for while one is under way follows it, so the caller sees fresh data.
 */
export function whileShown(
  node: Node,
  everyMs: number,
  work: () => Promise<void>,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await work();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const tick = () => {
    if (!node.isConnected) {
      stop();
      return;
    }
    if (document.visibilityState === 'visible') run().catch(onError);
  };
  const timer = window.setInterval(tick, everyMs);
  document.addEventListener('visibilitychange', tick);
  function stop() {
    window.clearInterval(timer);
    document.removeEventListener('visibilitychange', tick);
  }
  return run;
}
