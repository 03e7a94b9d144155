// The controller loop every Ferry reconciler runs in, as controller-runtime's: informer events
// enqueue keys, a periodic resync enqueues every object, N workers take keys from one rate-limited
// work queue and call `reconcile(key)`, whose outcome decides what happens next — done (forget),
// requeue after a delay, or an error (per-key exponential backoff). Nothing else schedules work.
import { systemClock, type Clock } from './clock';
import type { Meter } from '@opentelemetry/api';
import {
  createControllerInstruments,
  defaultControllerMeter,
  type ControllerInstruments,
  type ReconcileResult,
} from './controller-metrics';
import type { KubeObject } from './kube-object';
import { silentLogger, type KubeLogger } from './kube-logger';
import type { ResourceInformer } from './resource-informer';
import { WorkQueue, type WorkQueueOptions, type WorkQueueStats } from './work-queue';

/** What a reconcile asks for next. `undefined` (or `{}`) = done until the next event or resync. */
export interface ReconcileOutcome {
  /** Reconcile this key again after this many ms (not counted as a failure). */
  readonly requeueAfterMs?: number;
}

/**
 * Reconciles one key. Must be idempotent and level-based: it reads the current state (from an
 * informer cache), decides, writes, and returns. A rejection is retried with backoff. `signal`
 * aborts when the controller stops without waiting for running reconciles.
 */
export type ReconcileFunction = (key: string, signal: AbortSignal) => Promise<ReconcileOutcome | void>;

/** Options of {@link createController}. */
export interface ControllerOptions extends WorkQueueOptions {
  /** Names the controller in logs and metrics (e.g. `dataupload`). */
  readonly name: string;
  readonly reconcile: ReconcileFunction;
  /** Keys reconciled at once (never the same key twice); default 1. */
  readonly concurrency?: number;
  /** Every this many ms, every key of `resyncKeys` is enqueued; 0 or absent = no resync. */
  readonly resyncIntervalMs?: number;
  /** The keys a resync enqueues; default: every object of the watched primary informers. */
  readonly resyncKeys?: () => Iterable<string>;
  readonly logger?: KubeLogger;
  /** Where queue depth and reconcile latency are recorded; default the global provider's meter (`@opentelemetry/api`). */
  readonly meter?: Meter;
}

/** Reconcile latency figures since start. */
export interface ReconcileLatency {
  readonly count: number;
  readonly totalMs: number;
  readonly maxMs: number;
}

/** A controller's figures at one moment: its queue, reconciles, failures and latency. */
export interface ControllerStats extends WorkQueueStats {
  readonly name: string;
  readonly reconciles: number;
  readonly failures: number;
  readonly latency: ReconcileLatency;
}

/** A running controller loop. */
export interface Controller {
  readonly name: string;
  /** Queues `key` (`namespace/name`, or `name` for cluster-scoped objects). */
  enqueue(key: string): void;
  /** Queues `key` after `delayMs`. */
  enqueueAfter(key: string, delayMs: number): void;
  /**
   * Enqueues, on every add/update/delete of `informer`, the keys `keysOf` maps the object to —
   * by default the object's own key, which also makes the informer a primary one for the resync.
   * Returns a function that stops listening.
   */
  watch<T extends KubeObject>(informer: ResourceInformer<T>, keysOf?: (object: T) => Iterable<string>): () => void;
  /** Starts the workers and the resync. Idempotent. */
  start(): void;
  /**
   * Stops taking keys, then waits up to `graceMs` (default 10 s) for running reconciles to finish;
   * after that their `signal` aborts and they are abandoned (a later leader or restart redoes them,
   * as reconciles are idempotent). Resolves once every worker has returned or been abandoned.
   */
  stop(graceMs?: number): Promise<void>;
  stats(): ControllerStats;
}

/** The key of an object: `namespace/name`, or `name` for a cluster-scoped object. */
export function objectKey(object: KubeObject): string {
  const { namespace, name = '' } = object.metadata ?? {};
  return namespace ? `${namespace}/${name}` : name;
}

/** Splits a key made by {@link objectKey}: `namespace` is undefined for cluster-scoped keys. */
export function splitObjectKey(key: string): { readonly namespace: string | undefined; readonly name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** Builds a controller; nothing runs until `start()`. */
export function createController(options: ControllerOptions): Controller {
  return new ReconcileLoop(options);
}

/** The controller loop: its queue, workers, resync timer and figures. */
class ReconcileLoop implements Controller {
  readonly name: string;
  private readonly logger: KubeLogger;
  private readonly clock: Clock;
  private readonly queue: WorkQueue;
  private readonly instruments: ControllerInstruments;
  private readonly primaryKeys: (() => string[])[] = [];
  private readonly abort = new AbortController();
  private readonly workers: Promise<void>[] = [];
  private readonly latency = { count: 0, totalMs: 0, maxMs: 0 };
  private cancelResync: (() => void) | undefined;
  private started = false;
  private reconciles = 0;
  private failures = 0;

  constructor(private readonly options: ControllerOptions) {
    this.name = options.name;
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemClock;
    this.queue = new WorkQueue(options);
    this.instruments = createControllerInstruments(options.name, options.meter ?? defaultControllerMeter());
  }

  enqueue(key: string): void {
    this.queue.add(key);
  }

  enqueueAfter(key: string, delayMs: number): void {
    this.queue.addAfter(key, delayMs);
  }

  watch<T extends KubeObject>(informer: ResourceInformer<T>, keysOf?: (object: T) => Iterable<string>): () => void {
    if (!keysOf) this.primaryKeys.push(() => informer.list().map(objectKey));
    const keys = keysOf ?? ((object: T) => [objectKey(object)]);
    const enqueueAll = (object: T) => {
      for (const key of keys(object)) this.queue.add(key);
    };
    const off = [informer.on('add', enqueueAll), informer.on('update', enqueueAll), informer.on('delete', enqueueAll)];
    return () => off.forEach((unregister) => unregister());
  }

  start(): void {
    if (this.started || this.queue.isShuttingDown) return;
    this.started = true;
    const concurrency = Math.max(1, this.options.concurrency ?? 1);
    for (let i = 0; i < concurrency; i++) this.workers.push(this.work());
    this.instruments.observeQueue(() => this.queue.stats());
    this.scheduleResync();
    this.logger.debug({ controller: this.name, concurrency }, 'controller started');
  }

  async stop(graceMs = 10_000): Promise<void> {
    this.cancelResync?.();
    this.queue.shutDown();
    this.instruments.stop();
    const finished = Promise.allSettled(this.workers).then(() => true);
    let cancelGrace: () => void = () => undefined;
    const graceOver = new Promise<boolean>((resolve) => (cancelGrace = this.clock.schedule(graceMs, () => resolve(false))));
    const inTime = await Promise.race([finished, graceOver]);
    cancelGrace();
    if (!inTime) {
      this.logger.warn(
        { controller: this.name, abandoned: this.queue.stats().processing },
        'controller stopped with reconciles still running; abandoning them',
      );
      this.abort.abort();
    }
  }

  stats(): ControllerStats {
    return { name: this.name, ...this.queue.stats(), reconciles: this.reconciles, failures: this.failures, latency: { ...this.latency } };
  }

  private scheduleResync(): void {
    const interval = this.options.resyncIntervalMs ?? 0;
    if (interval <= 0 || this.queue.isShuttingDown) return;
    this.cancelResync = this.clock.schedule(interval, () => {
      const keys = this.options.resyncKeys?.() ?? this.primaryKeys.flatMap((keysNow) => keysNow());
      for (const key of keys) this.queue.add(key);
      this.scheduleResync();
    });
  }

  private async work(): Promise<void> {
    for (let key = await this.queue.get(); key !== undefined; key = await this.queue.get()) {
      if (this.abort.signal.aborted) return;
      await this.processOne(key);
    }
  }

  private async processOne(key: string): Promise<void> {
    const startedAt = this.clock.now();
    let result: ReconcileResult = 'success';
    try {
      const outcome = await this.options.reconcile(key, this.abort.signal);
      this.queue.forget(key);
      if (outcome?.requeueAfterMs !== undefined) {
        result = 'requeue_after';
        this.queue.addAfter(key, outcome.requeueAfterMs);
      }
    } catch (error) {
      result = 'error';
      this.failures++;
      if (!this.abort.signal.aborted) this.retry(key, error);
    } finally {
      const elapsed = this.clock.now() - startedAt;
      this.instruments.reconciled(elapsed / 1000, result);
      this.reconciles++;
      this.latency.count++;
      this.latency.totalMs += elapsed;
      this.latency.maxMs = Math.max(this.latency.maxMs, elapsed);
      this.queue.done(key);
    }
  }

  /** Re-queues a failed key after its backoff; logs at debug for the first three attempts, then at warn. */
  private retry(key: string, error: unknown): void {
    const attempt = this.queue.retriesOf(key) + 1;
    const retryInMs = this.queue.addRateLimited(key);
    const log = attempt > 3 ? this.logger.warn.bind(this.logger) : this.logger.debug.bind(this.logger);
    log(
      { controller: this.name, key, attempt, retryInMs, err: error instanceof Error ? error.message : String(error) },
      'reconcile failed; retrying with backoff',
    );
  }
}
