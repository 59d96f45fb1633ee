// Loading what a screen shows: `useResource((signal) => casesApi.getCase(id, signal), [id])`.
// The loader runs when the component mounts and whenever a dependency changes; an answer that
// arrives after the component left or after the dependencies changed is dropped (and its
// request aborted), so a slow answer never overwrites a newer one.
import { useCallback, useEffect, useEffectEvent, useRef, useState, type DependencyList } from 'react';

export interface Resource<T> {
  // The answer for the current dependencies (with `keepPrevious`, the last answer until the
  // next one arrives); undefined while the first one loads or after a failure.
  data: T | undefined;
  // Why the last load failed (ApiError or anything thrown), undefined when it did not.
  error: unknown;
  loading: boolean;
  // Loads again with the same dependencies; resolves once the new answer (or failure) is in.
  // The current data stays shown meanwhile.
  reload: () => Promise<void>;
  // Replaces the data with what the screen already knows (e.g. the answer of a change).
  set: (data: T) => void;
}

interface Settled<T> {
  key: number;
  generation: number;
  error?: unknown;
  // The last answer, and the key it was for (a failure keeps the answer before it).
  data?: T;
  dataKey?: number;
}

export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList, options: { keepPrevious?: boolean } = {}): Resource<T> {
  // One key per set of dependencies (the caller's, checked at each call site by the lint's
  // exhaustive-deps, additionalHooks): what settles for another key is not this screen's any more.
  const [tracked, setTracked] = useState({ deps, key: 0 });
  let key = tracked.key;
  if (!sameDependencies(tracked.deps, deps)) {
    key = tracked.key + 1;
    setTracked({ deps, key });
  }
  const [generation, setGeneration] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const waiting = useRef<(() => void)[]>([]);
  const run = useEffectEvent((signal: AbortSignal) => load(signal));

  useEffect(() => {
    const controller = new AbortController();
    let current = true;
    const done = (result: Pick<Settled<T>, 'error' | 'data' | 'dataKey'>) => {
      if (!current) return;
      setSettled((previous) => ({ data: previous?.data, dataKey: previous?.dataKey, ...result, key, generation }));
      for (const resolve of waiting.current.splice(0)) resolve();
    };
    run(controller.signal).then(
      (data) => done({ data, dataKey: key, error: undefined }),
      (error: unknown) => done({ error }),
    );
    return () => {
      current = false;
      controller.abort();
    };
  }, [key, generation]);

  const reload = useCallback(
    () =>
      new Promise<void>((resolve) => {
        waiting.current.push(resolve);
        setGeneration((g) => g + 1);
      }),
    [],
  );
  const set = useCallback((data: T) => setSettled({ key, generation, data, dataKey: key }), [key, generation]);

  const mine = settled?.key === key;
  return {
    data: settled?.dataKey === key || options.keepPrevious ? settled?.data : undefined,
    error: mine ? settled.error : undefined,
    loading: !mine || settled.generation !== generation,
    reload,
    set,
  };
}

function sameDependencies(a: DependencyList, b: DependencyList): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}
