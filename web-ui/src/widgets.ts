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
