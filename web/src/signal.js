// A tiny observable value: pages subscribe through useSignal (hooks.js) and re-render on change.
export function signal(initial) {
  const listeners = new Set();
  const box = {
    value: initial,
    set(next) {
      if (Object.is(next, box.value)) return;
      box.value = next;
      for (const listener of [...listeners]) listener(next);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return box;
}
