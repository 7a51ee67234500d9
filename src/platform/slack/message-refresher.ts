/**
 * Serializes message updates per key with coalescing: at most one update is in flight for a key; a refresh asked for
 * while one runs only marks that another is needed, and when the running one finishes the LATEST state is rendered
 * and sent once more. So an older render never lands after a newer one, and a burst of N changes costs a handful of
 * updates, not N. `render` must read the state itself (from the database), never receive it.
 */
export type MessageRefresher<K> = {
  /** Resolves once an update that started after this call has finished. */
  refresh: (key: K) => Promise<void>;
  /** Keys with an update in flight (for shutdown and tests). */
  busy: () => number;
};

export function createMessageRefresher<K>(
  render: (key: K) => Promise<void>,
  onError: (key: K, error: unknown) => void,
): MessageRefresher<K> {
  const running = new Map<K, { again: boolean; done: Promise<void> }>();
  return {
    refresh(key) {
      const current = running.get(key);
      if (current) {
        current.again = true;
        return current.done;
      }
      const entry = { again: true, done: Promise.resolve() };
      running.set(key, entry);
      entry.done = (async () => {
        try {
          while (entry.again) {
            entry.again = false;
            try {
              await render(key);
            } catch (error) {
              onError(key, error);
            }
          }
        } finally {
          running.delete(key);
        }
      })();
      return entry.done;
    },
    busy: () => running.size,
  };
}
