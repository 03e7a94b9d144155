// The controller loop every Ferry reconciler runs in, as controller-runtime's: informer events
// enqueue keys, a periodic resync enqueues every object, N workers take keys from one rate-limited
// work queue and call `reconcile(key)`, whose outcome decides what happens next — done (forget),
// requeue after a delay, or an error (per-key exponential backoff). Nothing else schedules work.
import { systemClock, type Clock } from './clock';
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
  const { name, reconcile } = options;
  const logger = options.logger ?? silentLogger;
  const clock: Clock = options.clock ?? systemClock;
  const queue = new WorkQueue(options);
  const primaryKeys: (() => string[])[] = [];
  const abort = new AbortController();
  const workers: Promise<void>[] = [];
  let cancelResync: (() => void) | undefined;
  let started = false;
  let reconciles = 0;
  let failures = 0;
  const latency = { count: 0, totalMs: 0, maxMs: 0 };

  const resyncKeys = options.resyncKeys ?? (() => primaryKeys.flatMap((keysNow) => keysNow()));
  const scheduleResync = (): void => {
    const interval = options.resyncIntervalMs ?? 0;
    if (interval <= 0 || queue.isShuttingDown) return;
    cancelResync = clock.schedule(interval, () => {
      for (const key of resyncKeys()) queue.add(key);
      scheduleResync();
    });
  };

  const processOne = async (key: string): Promise<void> => {
    const startedAt = clock.now();
    try {
      const outcome = await reconcile(key, abort.signal);
      queue.forget(key);
      if (outcome?.requeueAfterMs !== undefined) queue.addAfter(key, outcome.requeueAfterMs);
    } catch (error) {
      failures++;
      if (abort.signal.aborted) return;
      const attempt = queue.retriesOf(key) + 1;
      const retryInMs = queue.addRateLimited(key);
      const log = attempt > 3 ? logger.warn.bind(logger) : logger.debug.bind(logger);
      log(
        { controller: name, key, attempt, retryInMs, err: error instanceof Error ? error.message : String(error) },
        'reconcile failed; retrying with backoff',
      );
    } finally {
      const elapsed = clock.now() - startedAt;
      reconciles++;
      latency.count++;
      latency.totalMs += elapsed;
      latency.maxMs = Math.max(latency.maxMs, elapsed);
      queue.done(key);
    }
  };

  const work = async (): Promise<void> => {
    for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
      if (abort.signal.aborted) return;
      await processOne(key);
    }
  };

  return {
    name,
    enqueue: (key) => queue.add(key),
    enqueueAfter: (key, delayMs) => queue.addAfter(key, delayMs),
    watch(informer, keysOf) {
      if (!keysOf) primaryKeys.push(() => informer.list().map(objectKey));
      const keys = keysOf ?? ((object) => [objectKey(object)]);
      const enqueueAll = (object: Parameters<typeof keys>[0]) => {
        for (const key of keys(object)) queue.add(key);
      };
      const off = [informer.on('add', enqueueAll), informer.on('update', enqueueAll), informer.on('delete', enqueueAll)];
      return () => off.forEach((unregister) => unregister());
    },
    start() {
      if (started || queue.isShuttingDown) return;
      started = true;
      for (let i = 0; i < Math.max(1, options.concurrency ?? 1); i++) workers.push(work());
      scheduleResync();
      logger.debug({ controller: name, concurrency: options.concurrency ?? 1 }, 'controller started');
    },
    async stop(graceMs = 10_000) {
      cancelResync?.();
      queue.shutDown();
      const finished = Promise.allSettled(workers).then(() => true);
      let cancelGrace: () => void = () => undefined;
      const graceOver = new Promise<boolean>((resolve) => (cancelGrace = clock.schedule(graceMs, () => resolve(false))));
      const inTime = await Promise.race([finished, graceOver]);
      cancelGrace();
      if (!inTime) {
        logger.warn(
          { controller: name, abandoned: queue.stats().processing },
          'controller stopped with reconciles still running; abandoning them',
        );
        abort.abort();
      }
    },
    stats: () => ({ name, ...queue.stats(), reconciles, failures, latency: { ...latency } }),
  };
}
