import type { KubeObject } from './kube-object';
import type { BackoffPolicy } from './backoff';
import { apiListWatchSource, type ListWatchScope } from './api-list-watch-source';
import { KubeError, KubeErrorCode } from './errors';
import type { KubeClient } from './kube-client';
import { silentLogger, type KubeLogger } from './kube-logger';
import { runListWatchLoop, type ListWatchSource } from './list-watch-loop';
import { ObjectStore, type StoreChange } from './object-store';
import { describeObject, type ResourceDescriptor } from './resource-descriptor';

/**
 * Handlers by event. Objects handed to handlers are the cache's own: treat them as read-only
 * (clone before changing). A handler may be async; its failure is logged, never propagated.
 */
export interface InformerHandlers<T> {
  add: (object: T) => void | Promise<void>;
  update: (object: T, old: T) => void | Promise<void>;
  delete: (object: T) => void | Promise<void>;
  /** A list or watch failed; the informer retries by itself (informational). */
  error: (error: KubeError) => void;
}

/** Which informer event a handler is for. */
export type InformerEvent = keyof InformerHandlers<unknown>;

/**
 * A typed read cache of one resource kept current by list+watch. It restarts by itself after
 * failures (exponential backoff; 410 Gone relists), so callers never re-create it.
 */
export interface ResourceInformer<T> {
  /**
   * Resolves once the first list is in the cache; before that `get`/`list` see nothing. Never
   * rejects while the informer runs (failures are retried); rejects with `KUBE_STOPPED` if
   * `stop()` comes first.
   */
  readonly synced: Promise<void>;
  readonly hasSynced: boolean;
  /** The cached object (`namespace` undefined for cluster-scoped kinds), or undefined. */
  get(namespace: string | undefined, name: string): T | undefined;
  /** Cached objects of `namespace`, or of all namespaces. */
  list(namespace?: string): T[];
  /**
   * Registers a handler; returns its unregister function. An `add` handler registered after
   * objects are cached is first called (asynchronously) for each of them, like client-go.
   */
  on<E extends InformerEvent>(event: E, handler: InformerHandlers<T>[E]): () => void;
  /** Ends the watch and retries; resolves once the loop has exited. Idempotent. */
  stop(): Promise<void>;
}

/** Options of `createInformer`. */
export interface InformerOptions extends ListWatchScope {
  readonly backoff?: BackoffPolicy;
  readonly logger?: KubeLogger;
  /** Replaces the API server source (tests). */
  readonly source?: ListWatchSource<KubeObject>;
}

/** Starts an informer for `resource` at once. Call `stop()` to end it; nothing else holds resources. */
export function createInformer<T extends KubeObject>(
  client: KubeClient,
  resource: ResourceDescriptor,
  options: InformerOptions = {},
): ResourceInformer<T> {
  const source = (options.source as ListWatchSource<T> | undefined) ?? apiListWatchSource<T>(client, resource, options);
  return startInformer(source, describeObject(resource, options.namespace, '*'), options);
}

/** Starts an informer over any `ListWatchSource` (the seam the unit tests use). */
export function startInformer<T extends KubeObject>(
  source: ListWatchSource<T>,
  description: string,
  options: InformerOptions = {},
): ResourceInformer<T> {
  const logger = options.logger ?? silentLogger;
  const store = new ObjectStore<T>();
  const handlers: { [E in InformerEvent]: Set<InformerHandlers<T>[E]> } = {
    add: new Set(),
    update: new Set(),
    delete: new Set(),
    error: new Set(),
  };
  const abort = new AbortController();
  let hasSynced = false;
  let resolveSynced: () => void = () => undefined;
  let rejectSynced: (error: KubeError) => void = () => undefined;
  const synced = new Promise<void>((resolve, reject) => {
    resolveSynced = resolve;
    rejectSynced = reject;
  });
  // Nobody may be awaiting `synced` when the informer stops early; that is not an unhandled error.
  synced.catch(() => undefined);

  const invoke = (run: () => void | Promise<void>) => {
    try {
      const result = run();
      if (result instanceof Promise) result.catch((error: unknown) => logHandlerFailure(error));
    } catch (error) {
      logHandlerFailure(error);
    }
  };
  const logHandlerFailure = (error: unknown) =>
    logger.error({ resource: description, err: error instanceof Error ? error.message : String(error) }, 'informer handler failed');
  const dispatch = (change: StoreChange<T>) => {
    if (change.type === 'add') for (const handler of handlers.add) invoke(() => handler(change.object));
    else if (change.type === 'update') for (const handler of handlers.update) invoke(() => handler(change.object, change.old));
    else for (const handler of handlers.delete) invoke(() => handler(change.object));
  };

  const loop = runListWatchLoop(
    source,
    store,
    {
      onChange: dispatch,
      onSynced: () => {
        hasSynced = true;
        resolveSynced();
      },
      onError: (error) => {
        logger.warn({ resource: description, code: error.code, err: error.message }, 'list/watch failed; retrying with backoff');
        for (const handler of handlers.error) invoke(() => handler(error));
      },
    },
    abort.signal,
    { backoff: options.backoff, description },
  );

  return {
    synced,
    get hasSynced() {
      return hasSynced;
    },
    get: (namespace, name) => store.get(namespace, name),
    list: (namespace) => store.list(namespace),
    on(event, handler) {
      const set = handlers[event] as Set<typeof handler>;
      set.add(handler);
      if (event === 'add' && store.size > 0) {
        const addHandler = handler as InformerHandlers<T>['add'];
        const existing = store.list();
        queueMicrotask(() => {
          for (const object of existing) if (set.has(handler)) invoke(() => addHandler(object));
        });
      }
      return () => void set.delete(handler);
    },
    async stop() {
      abort.abort();
      if (!hasSynced) rejectSynced(new KubeError(KubeErrorCode.Stopped, `informer for ${description} stopped before its first list`));
      await loop;
    },
  };
}
