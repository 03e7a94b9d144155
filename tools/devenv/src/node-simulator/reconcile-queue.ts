import { backoffDelay, type BackoffPolicy, type KubeLogger } from '@ferry/kube';

/** Reconciles one key (`namespace/name`); must be idempotent. A rejection schedules a retry. */
export type Reconciler = (key: string) => Promise<void>;

/** Options of a `ReconcileQueue`. */
export interface ReconcileQueueOptions {
  /** Keys reconciled at the same time (never the same key twice at once). Default 4. */
  readonly concurrency?: number;
  /** Retry delays of a failing key. Default 100 ms doubling to 10 s. */
  readonly backoff?: BackoffPolicy;
}

const defaultRetryBackoff: BackoffPolicy = { initialMs: 100, maxMs: 10_000, factor: 2, jitter: 0.2 };

/**
 * A work queue like client-go's: keys are deduplicated while waiting, a key added while it is
 * being reconciled runs once more afterwards, a failed key is retried with per-key exponential
 * backoff (reset on success). Failures are logged, never thrown: the environment keeps running.
 */
export class ReconcileQueue {
  private readonly pending = new Set<string>();
  private readonly order: string[] = [];
  private readonly active = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly idle = new Set<() => void>();
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly reconcile: Reconciler,
    private readonly logger: KubeLogger,
    private readonly options: ReconcileQueueOptions = {},
  ) {}

  /** Queues `key` now, or after `delayMs`. Ignored once stopped. */
  add(key: string, delayMs = 0): void {
    if (this.stopped) return;
    if (delayMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.add(key);
      }, delayMs);
      this.timers.add(timer);
      return;
    }
    if (this.active.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.pending.has(key)) return;
    this.pending.add(key);
    this.order.push(key);
    this.pump();
  }

  /** Drops waiting keys and timers, then resolves once the reconciles in flight have finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
    this.order.length = 0;
    if (this.active.size === 0) return;
    await new Promise<void>((resolve) => this.idle.add(resolve));
  }

  private pump(): void {
    const concurrency = this.options.concurrency ?? 4;
    while (!this.stopped && this.active.size < concurrency) {
      const index = this.order.findIndex((key) => !this.active.has(key));
      if (index < 0) return;
      const [key] = this.order.splice(index, 1);
      if (key === undefined) return;
      this.pending.delete(key);
      this.active.add(key);
      void this.work(key);
    }
  }

  private async work(key: string): Promise<void> {
    try {
      await this.reconcile(key);
      this.failures.delete(key);
    } catch (error) {
      const attempt = this.failures.get(key) ?? 0;
      this.failures.set(key, attempt + 1);
      const delay = backoffDelay(this.options.backoff ?? defaultRetryBackoff, attempt);
      const log = attempt >= 3 ? this.logger.warn.bind(this.logger) : this.logger.debug.bind(this.logger);
      log(
        { controller: this.name, key, attempt: attempt + 1, retryInMs: delay, err: error instanceof Error ? error.message : String(error) },
        'reconcile failed',
      );
      this.add(key, delay);
    } finally {
      this.active.delete(key);
      if (this.dirty.delete(key)) this.add(key);
      if (this.active.size === 0 && this.stopped) for (const resolve of this.idle) resolve();
      this.pump();
    }
  }
}
