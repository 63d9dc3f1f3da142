// The status line: one polite live region outside the screens, so a message survives navigation
// and screen readers read it out. Errors stay until dismissed; other messages fade after 8 s.

import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';

export type Tone = 'info' | 'error';
export type Announce = (message: string, tone?: Tone) => void;

const AnnounceContext = createContext<Announce>(() => {});

export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}

export function StatusProvider({ children }: { children: ComponentChildren }) {
  const [message, setMessage] = useState<{ text: string; tone: Tone } | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const announce = useCallback<Announce>((text, tone = 'info') => {
    window.clearTimeout(timer.current);
    setMessage({ text, tone });
    if (tone === 'info') timer.current = window.setTimeout(() => setMessage(null), 8000);
  }, []);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div class={`status ${message?.tone ?? ''}`} role="status" aria-live="polite">
        {message && (
          <>
            <span>{message.text}</span>
            <button
              type="button"
              class="link"
              aria-label="Dismiss message"
              onClick={() => setMessage(null)}
            >
              ×
            </button>
          </>
        )}
      </div>
    </AnnounceContext.Provider>
  );
}
