// Preact hooks shared by the pages: subscribing to a signal, and loading data with a status.
import { useEffect, useState, useCallback } from 'preact/hooks';

export function useSignal(box) {
  const [value, setValue] = useState(box.value);
  useEffect(() => {
    setValue(box.value);
    return box.subscribe(setValue);
  }, [box]);
  return value;
}

// Runs `load` (an async function) whenever `deps` change; answers { data, error, loading,
// reload }. A stale answer (deps changed meanwhile) is dropped.
export function useLoad(load, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error) => current && setState({ data: null, error, loading: false }));
    return () => {
      current = false;
    };
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
