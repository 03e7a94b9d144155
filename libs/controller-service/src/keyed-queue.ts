// Serializes work per key: the handlers of one resource (informer events, results, resync) run one
// after the other, so two never decide from the same stale state; different resources run in parallel.

/** Runs tasks one at a time per key. */
export interface KeyedQueue {
  /** Runs `task` after every earlier task of `key`; resolves or rejects with it. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with queued or running work. */
  readonly size: number;
  /** Resolves once every task queued so far has settled. */
  idle(): Promise<void>;
}

/** A new, empty queue. */
export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(task);
      const tail = next.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return next;
    },
    get size() {
      return tails.size;
    },
    async idle() {
      await Promise.allSettled([...tails.values()]);
    },
  };
}
