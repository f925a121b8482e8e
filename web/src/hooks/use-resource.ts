/** @module A tiny async-data hook: loads on mount and when its key changes, with loading, error and reload. */
import { useCallback, useEffect, useRef, useState } from "react";
import { toAppError, type AppError } from "../lib/errors.ts";

export interface Resource<T> {
  data: T | undefined;
  error: AppError | null;
  loading: boolean;
  /** Loads again; keeps showing the current data meanwhile. */
  reload(): void;
}

/**
 * Runs `load` whenever `key` changes; only the latest call's answer is kept.
 * @example const projects = useResource(`projects:${page}`, () => fetchProjects(page))
 */
export function useResource<T>(key: string | null, load: () => Promise<T>): Resource<T> {
  const [state, setState] = useState<{ key: string | null; data: T | undefined; error: AppError | null; loading: boolean }>({
    key,
    data: undefined,
    error: null,
    loading: key !== null,
  });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (key === null) return;
    const mine = ++generation.current;
    setState((current) => ({ key, data: current.key === key ? current.data : undefined, error: null, loading: true }));
    loadRef.current().then(
      (data) => mine === generation.current && setState({ key, data, error: null, loading: false }),
      (error: unknown) => mine === generation.current && setState((current) => ({ ...current, key, error: toAppError(error), loading: false })),
    );
  }, [key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const stale = state.key !== key;
  return { data: stale ? undefined : state.data, error: stale ? null : state.error, loading: stale ? key !== null : state.loading, reload };
}
