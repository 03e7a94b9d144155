// A work queue of reconcile keys, as controller-runtime's: a key is queued at most once, one pass
// per key runs at a time (a key added while its pass runs is run again afterwards), failures are
// retried with exponential backoff, and a pass may ask to run again after a delay.
import type { KubeLogger } from '@ferry/kube';
import type { ReconcileResult } from './reconcile-context';

/** The queue. */
export interface ReconcileQueue {
  /** Queues `key` now, or after `delayMs` (an earlier pending delay wins). */
  add(key: string, delayMs?: number): void;
  /** Stops taking keys and waits for running passes. */
  stop(): Promise<void>;
}

/** Options of {@link createReconcileQueue}. */
export interface ReconcileQueueOptions {
  readonly logger: KubeLogger;
  /** Passes running at once; default 4. */
  readonly concurrency?: number;
  /** First retry delay after a failure; default 250 ms, doubling up to `maxRetryMs` (default 30 s). */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

interface KeyState {
  running: boolean;
  dirty: boolean;
  queued: boolean;
  timer?: NodeJS.Timeout;
  due?: number;
  failures: number;
}

/** Starts a queue running `pass` per key. `pass` failures are logged (message only) and retried. */
export function createReconcileQueue(pass: (key: string) => Promise<ReconcileResult>, options: ReconcileQueueOptions): ReconcileQueue {
  const concurrency = options.concurrency ?? 4;
  const retryMs = options.retryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  const states = new Map<string, KeyState>();
  const ready: string[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;

  const stateOf = (key: string): KeyState => {
    let state = states.get(key);
    if (!state) {
      state = { running: false, dirty: false, queued: false, failures: 0 };
      states.set(key, state);
    }
    return state;
  };

  const runOne = async (key: string, state: KeyState): Promise<void> => {
    let next: number | undefined;
    try {
      const result = await pass(key);
      state.failures = 0;
      next = result.requeueAfterMs;
    } catch (error) {
      state.failures += 1;
      next = Math.min(maxRetryMs, retryMs * 2 ** (state.failures - 1));
      options.logger.warn(
        { key, attempt: state.failures, retryInMs: next, error: error instanceof Error ? error.message : String(error) },
        'reconcile failed; retrying',
      );
    } finally {
      state.running = false;
    }
    if (state.dirty) {
      state.dirty = false;
      add(key, 0);
    } else if (next !== undefined) {
      add(key, next);
    } else if (!state.timer) {
      states.delete(key);
    }
  };

  const pump = (): void => {
    while (!stopped && running.size < concurrency && ready.length > 0) {
      const key = ready.shift() ?? '';
      const state = stateOf(key);
      state.queued = false;
      state.running = true;
      const work = runOne(key, state).finally(() => {
        running.delete(work);
        pump();
      });
      running.add(work);
    }
  };

  function add(key: string, delayMs = 0): void {
    if (stopped) return;
    const state = stateOf(key);
    if (delayMs > 0) {
      const due = Date.now() + delayMs;
      if (state.timer && state.due !== undefined && state.due <= due) return;
      if (state.timer) clearTimeout(state.timer);
      state.due = due;
      state.timer = setTimeout(() => {
        state.timer = undefined;
        state.due = undefined;
        add(key, 0);
      }, delayMs);
      return;
    }
    if (state.running) {
      state.dirty = true;
      return;
    }
    if (state.queued) return;
    state.queued = true;
    ready.push(key);
    pump();
  }

  return {
    add,
    async stop() {
      stopped = true;
      for (const state of states.values()) if (state.timer) clearTimeout(state.timer);
      await Promise.allSettled([...running]);
    },
  };
}
