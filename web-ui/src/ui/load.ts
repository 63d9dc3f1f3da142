// Loading data for a screen: one hook that runs a loader through the API client, keeps the last
// good result while a reload runs, and (with `everyMs`) refreshes while the tab is visible, which
// is how lists stay live without a reload.

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Loaded<T> {
  /** The last good result; undefined until the first load ends. */
  data: T | undefined;
  /** The error of the last load, when it failed. */
  error: unknown;
  loading: boolean;
  /** Loads again now; resolves once the new data is in. */
  reload: () => Promise<void>;
  /** Replaces the data without a request (after a write that returned the new state). */
  set: (data: T) => void;
}

export interface LoadOptions {
  /** Refresh every this many milliseconds while the page is visible. */
  everyMs?: number;
}

export function useLoad<T>(
  loader: () => Promise<T>,
  deps: readonly unknown[],
  options: LoadOptions = {},
): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const latestLoader = useRef(loader);
  latestLoader.current = loader;

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const next = await latestLoader.current();
      if (mine !== generation.current) return;
      setData(next);
      setError(undefined);
    } catch (e) {
      if (mine !== generation.current) return;
      setError(e);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setData(undefined);
    void reload();
    return () => {
      generation.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => {
    if (!options.everyMs) return;
    const tick = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    const timer = window.setInterval(tick, options.everyMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [options.everyMs, reload]);

  const set = useCallback((next: T) => {
    generation.current++;
    setData(next);
    setError(undefined);
    setLoading(false);
  }, []);

  return { data, error, loading, reload, set };
}

/** Re-renders every `everyMs` so countdowns and "3 min ago" stay true. Returns the current time. */
export function useNow(everyMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
