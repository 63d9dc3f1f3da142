// A one-time secret (an invitation's accept link, an API token) with a copy button, and the
// read-only copyable field it is made of (also used for integration keys and URLs).

import { useId, useState } from 'preact/hooks';

/** A labelled read-only field with a Copy button (navigator.clipboard when there is one). */
export function CopyField(props: { label: string; value: string }) {
  const id = useId();
  const [copied, setCopied] = useState<string>('Copy');
  const copy = async (input: HTMLInputElement | null) => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(props.value);
      setCopied('Copied');
    } catch {
      input?.select();
      setCopied('Press Ctrl+C to copy');
    }
  };
  return (
    <>
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
          <span class="visually-hidden"> {props.label}</span>
        </button>
      </div>
    </>
  );
}

export function SecretBox(props: { title: string; explain: string; label: string; value: string }) {
  return (
    <div class="secret-box" role="region" aria-label={props.title} aria-live="polite">
      <p>
        <strong>{props.title}</strong>
      </p>
      <p class="muted">{props.explain}</p>
      <CopyField label={props.label} value={props.value} />
    </div>
  );
}
