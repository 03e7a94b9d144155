import type { KubeObject } from './kube-object';
import { Backoff, defaultBackoffPolicy, sleepUnlessAborted, type BackoffPolicy } from './backoff';
import { toKubeError } from './error-mapper';
import { KubeErrorCode, type KubeError } from './errors';
import type { ObjectStore, StoreChange } from './object-store';

/** One event of a watch stream, as the API server sends it. */
export type WatchEvent<T> =
  { readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'; readonly object: T } | { readonly type: 'BOOKMARK'; readonly resourceVersion: string };

/** A snapshot of the collection and the resourceVersion to watch from. */
export interface ListResult<T> {
  readonly items: readonly T[];
  readonly resourceVersion: string;
}

/**
 * Where the loop lists and watches. `watch` resolves when the stream ends normally (server
 * timeout, client inactivity timeout) and rejects on errors; an ERROR event with 410 must reject
 * with a `KUBE_GONE` error so the loop relists.
 */
export interface ListWatchSource<T> {
  list(signal: AbortSignal): Promise<ListResult<T>>;
  watch(resourceVersion: string, onEvent: (event: WatchEvent<T>) => void, signal: AbortSignal): Promise<void>;
}

/** Callbacks of the loop: every cache change, first successful list, and every failure. */
export interface ListWatchListener<T> {
  onChange(change: StoreChange<T>): void;
  onSynced(): void;
  onError(error: KubeError): void;
}

/** Options of `runListWatchLoop`. */
export interface ListWatchLoopOptions {
  readonly backoff?: BackoffPolicy;
  /** A watch that ends this fast without any event counts as a failure (prevents a tight loop). */
  readonly minHealthyWatchMs?: number;
  /** Describes the resource in error messages. */
  readonly description: string;
}

/**
 * Keeps `store` equal to the server's collection until `signal` aborts: list, then watch from the
 * list's resourceVersion; a watch that ends normally is reopened at once from the last seen
 * resourceVersion; 410 Gone during a watch relists at once; any other failure (list or watch) is reported to
 * `onError` and retried after an exponential backoff that resets once events flow again.
 * Resolves when aborted; never rejects.
 */
export async function runListWatchLoop<T extends KubeObject>(
  source: ListWatchSource<T>,
  store: ObjectStore<T>,
  listener: ListWatchListener<T>,
  signal: AbortSignal,
  options: ListWatchLoopOptions,
): Promise<void> {
  const backoff = new Backoff(options.backoff ?? defaultBackoffPolicy);
  const minHealthyWatchMs = options.minHealthyWatchMs ?? 500;
  let resourceVersion = '';
  let synced = false;
  while (!signal.aborted) {
    try {
      if (!resourceVersion) {
        const list = await source.list(signal);
        if (signal.aborted) break;
        for (const change of store.replace(list.items)) listener.onChange(change);
        resourceVersion = list.resourceVersion;
        if (!synced) {
          synced = true;
          listener.onSynced();
        }
      }
      const openedAt = Date.now();
      let events = 0;
      await source.watch(
        resourceVersion,
        (event) => {
          events++;
          backoff.reset();
          if (event.type === 'BOOKMARK') {
            resourceVersion = event.resourceVersion;
            return;
          }
          const change = event.type === 'DELETED' ? store.remove(event.object) : store.upsert(event.object);
          if (change) listener.onChange(change);
          resourceVersion = event.object.metadata?.resourceVersion ?? resourceVersion;
        },
        signal,
      );
      if (events === 0 && Date.now() - openedAt < minHealthyWatchMs) {
        await sleepUnlessAborted(backoff.next(), signal);
      }
    } catch (error) {
      if (signal.aborted) break;
      const failure = toKubeError(error, `list/watch ${options.description}`);
      if (failure.code === KubeErrorCode.Gone && resourceVersion) {
        resourceVersion = '';
        continue;
      }
      listener.onError(failure);
      await sleepUnlessAborted(backoff.next(), signal);
    }
  }
}
