// A rate-limited work queue with client-go's semantics (workqueue.TypedRateLimitingInterface): a key
// waits at most once (duplicates collapse), a key being processed is never handed out again until
// `done` (an add meanwhile marks it dirty and re-queues it after), delayed adds keep the earliest
// due time, failures back off per key exponentially up to a cap, and `forget` resets a key's count.
import { backoffDelay, type BackoffPolicy } from './backoff';
import { systemClock, type Clock } from './clock';

/** The queue's figures at one moment (the metrics exporter reads these). */
export interface WorkQueueStats {
  /** Keys waiting to be handed out (not counting delayed ones). */
  readonly depth: number;
  /** Keys waiting for a delay (requeue-after or backoff). */
  readonly delayed: number;
  /** Keys handed out and not yet `done`. */
  readonly processing: number;
  /** Adds since start (including collapsed duplicates). */
  readonly adds: number;
  /** Rate-limited re-adds (failures) since start. */
  readonly retries: number;
}

/** Options of {@link WorkQueue}. */
export interface WorkQueueOptions {
  /** Per-key failure backoff; default 100 ms doubling to 60 s with 10 % jitter. */
  readonly backoff?: BackoffPolicy;
  readonly clock?: Clock;
}

/** Per-key failure backoff of the controllers: 100 ms, doubling, capped at 60 s, +10 % jitter. */
export const defaultRetryBackoff: BackoffPolicy = { initialMs: 100, maxMs: 60_000, factor: 2, jitter: 0.1 };

/** The work queue. Keys are opaque strings (the controllers use `namespace/name`). */
export class WorkQueue {
  private readonly ready: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly delayed = new Map<string, { readonly due: number; readonly cancel: () => void }>();
  private readonly failures = new Map<string, number>();
  private readonly waiters: ((key: string | undefined) => void)[] = [];
  private readonly clock: Clock;
  private readonly backoff: BackoffPolicy;
  private shuttingDown = false;
  private adds = 0;
  private retries = 0;

  constructor(options: WorkQueueOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.backoff = options.backoff ?? defaultRetryBackoff;
  }

  /** Queues `key` now. Ignored after `shutDown`; collapses with a waiting duplicate. */
  add(key: string): void {
    if (this.shuttingDown) return;
    this.adds++;
    if (this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.handOut(key);
  }

  /** Queues `key` after `delayMs` (≤ 0: now). An earlier pending due time of the same key wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.shuttingDown) return;
    if (delayMs <= 0) return this.add(key);
    const due = this.clock.now() + delayMs;
    const pending = this.delayed.get(key);
    if (pending && pending.due <= due) return;
    pending?.cancel();
    const cancel = this.clock.schedule(delayMs, () => {
      this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, { due, cancel });
  }

  /** Queues `key` after its next backoff delay (one more failure counted). */
  addRateLimited(key: string): number {
    const attempt = this.failures.get(key) ?? 0;
    this.failures.set(key, attempt + 1);
    this.retries++;
    const delay = backoffDelay(this.backoff, attempt);
    this.addAfter(key, delay);
    return delay;
  }

  /** Resets the failure count of `key` (after a success). */
  forget(key: string): void {
    this.failures.delete(key);
  }

  /** Failures of `key` since its last `forget`. */
  retriesOf(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /**
   * The next key to process, marked processing until `done(key)`. Waits while the queue is empty;
   * resolves with undefined once the queue is shut down.
   */
  get(): Promise<string | undefined> {
    const key = this.ready.shift();
    if (key !== undefined) return Promise.resolve(this.take(key));
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Ends the processing of `key`; if it was added meanwhile, it is queued again. */
  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key) && !this.shuttingDown) this.handOut(key);
  }

  /** Whether `key` waits, is delayed or is being processed. */
  has(key: string): boolean {
    return this.dirty.has(key) || this.processing.has(key) || this.delayed.has(key);
  }

  /** Stops taking keys: drops delayed ones, wakes every waiting `get` with undefined. Idempotent. */
  shutDown(): void {
    this.shuttingDown = true;
    for (const { cancel } of this.delayed.values()) cancel();
    this.delayed.clear();
    for (const resolve of this.waiters.splice(0)) resolve(undefined);
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** The current figures. */
  stats(): WorkQueueStats {
    return {
      depth: this.ready.length,
      delayed: this.delayed.size,
      processing: this.processing.size,
      adds: this.adds,
      retries: this.retries,
    };
  }

  private handOut(key: string): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(this.take(key));
    else this.ready.push(key);
  }

  private take(key: string): string {
    this.dirty.delete(key);
    this.processing.add(key);
    return key;
  }
}
