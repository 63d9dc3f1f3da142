// A one-time secret (an invitation's accept link, an API token) with a copy button.

import { useId, useState } from 'preact/hooks';

export function SecretBox(props: { title: string; explain: string; label: string; value: string }) {
  const id = useId();
  const [copied, setCopied] = useState<string>('Copy');
  const copy = async (input: HTMLInputElement | null) => {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied('Copied');
    } catch {
      input?.select();
      setCopied('Press Ctrl+C to copy');
    }
  };
  return (
    <div class="secret-box" role="region" aria-label={props.title} aria-live="polite">
      <p>
        <strong>{props.title}</strong>
      </p>
      <p class="muted">{props.explain}</p>
      <label for={id}>{props.label}</label>
      <div class="search-row">
        <input
          id={id}
          type="text"
          readOnly
          class="secret"
          spellcheck={false}
          value={props.value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          class="small"
          onClick={(e) =>
            void copy((e.currentTarget.previousElementSibling as HTMLInputElement | null) ?? null)
          }
        >
          {copied}
        </button>
      </div>
    </div>
  );
}
