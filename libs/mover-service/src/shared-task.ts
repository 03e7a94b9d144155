// One run of a task per key for many waiters (the repository preparation of concurrent jobs), with
// each waiter stopping on its own signal and the task stopping once nobody waits. No IO.

/** Runs at most one task per key at a time and shares it among the callers of that key. */
export interface SharedTasks {
  /**
   * Waits for the task of `key`, starting it with `start` when none is running or done. A
   * success is kept (later calls resolve at once); a failure is forgotten, so the next call
   * starts anew. `signal` stops this caller's wait (rejecting with `canceled()`); the task's own
   * signal aborts when every caller waiting on it has stopped waiting.
   */
  join(key: string, start: (signal: AbortSignal) => Promise<unknown>, signal: AbortSignal): Promise<void>;
}

interface Entry {
  readonly done: Promise<void>;
  readonly controller: AbortController;
  waiters: number;
  settled: boolean;
}

/** Shared tasks rejecting aborted waiters with `canceled()`. */
export function createSharedTasks(canceled: () => Error): SharedTasks {
  const entries = new Map<string, Entry>();

  const startEntry = (key: string, start: (signal: AbortSignal) => Promise<unknown>): Entry => {
    const controller = new AbortController();
    const entry: Entry = {
      controller,
      waiters: 0,
      settled: false,
      done: start(controller.signal).then(
        () => {
          entry.settled = true;
        },
        (error: unknown) => {
          entry.settled = true;
          if (entries.get(key) === entry) entries.delete(key);
          throw error;
        },
      ),
    };
    // Every waiter may have left already; the failure then concerns nobody.
    entry.done.catch(() => undefined);
    entries.set(key, entry);
    return entry;
  };

  return {
    join(key, start, signal) {
      if (signal.aborted) return Promise.reject(canceled());
      const entry = entries.get(key) ?? startEntry(key, start);
      entry.waiters++;
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          reject(canceled());
          if (--entry.waiters > 0 || entry.settled) return;
          if (entries.get(key) === entry) entries.delete(key);
          entry.controller.abort();
        };
        signal.addEventListener('abort', onAbort, { once: true });
        entry.done.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
  };
}
