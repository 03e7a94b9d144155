// Wakes a waiting exposure when one of its objects changes, instead of re-reading its state on a
// short timer: watches of the pods and PVCs in the exposer's namespace (the backup/restore pod and
// PVC are named after the operation), a change counter per name. The state itself is still read
// from the API server by the exposer; the watch only says when reading again is worth it.
import {
  builtinResources,
  createInformer,
  type KubeClient,
  type KubeLogger,
  type KubeObject,
  type ListWatchSource,
  type ResourceInformer,
} from '@ferry/kube';

/** Says when the objects named after an operation changed. */
export interface ExposureChangeFeed {
  /** Resolves once the first list of every watch is in (changes before it are not counted). */
  readonly synced: Promise<void>;
  /** The change count of `name` now; pass it to {@link ExposureChangeFeed.changedSince} after reading the state. */
  version(name: string): number;
  /**
   * Resolves as soon as `name` changed after `version` (at once when it already has), after
   * `timeoutMs` (the fallback re-read: objects outside the namespace, a missed event) or on abort.
   * Never rejects.
   */
  changedSince(name: string, version: number, timeoutMs: number, signal: AbortSignal): Promise<void>;
  /** Stops the watches and releases every waiter. Idempotent. */
  stop(): Promise<void>;
}

/** Options of {@link createExposureChangeFeed}. */
export interface ExposureChangeFeedOptions {
  readonly logger?: KubeLogger;
  /** Replace the API server's pods and PVCs (tests). */
  readonly sources?: { readonly pods: ListWatchSource<KubeObject>; readonly claims: ListWatchSource<KubeObject> };
}

/** Starts watching pods and PVCs in `namespace`. Does not wait for the first list: await `synced`. */
export function createExposureChangeFeed(kube: KubeClient, namespace: string, options: ExposureChangeFeedOptions = {}): ExposureChangeFeed {
  const { logger, sources } = options;
  const versions = new Map<string, number>();
  const waiters = new Map<string, Set<() => void>>();
  // One counter per name ever seen (a few bytes each); never reset, so a waiter cannot mistake a
  // re-created object for no change.
  const bump = (object: KubeObject): void => {
    const name = object.metadata?.name ?? '';
    versions.set(name, (versions.get(name) ?? 0) + 1);
    for (const wake of waiters.get(name) ?? []) wake();
  };
  const watched = [
    [builtinResources.pods, sources?.pods],
    [builtinResources.persistentVolumeClaims, sources?.claims],
  ] as const;
  const informers: ResourceInformer<KubeObject>[] = watched.map(([resource, source]) => {
    const informer = createInformer<KubeObject>(kube, resource, {
      namespace,
      ...(logger ? { logger } : {}),
      ...(source ? { source } : {}),
    });
    for (const event of ['add', 'update', 'delete'] as const) informer.on(event, bump);
    return informer;
  });
  const stopped = new AbortController();
  return {
    synced: Promise.all(informers.map((i) => i.synced)).then(() => undefined),
    version: (name) => versions.get(name) ?? 0,
    changedSince(name, version, timeoutMs, signal) {
      if ((versions.get(name) ?? 0) !== version) return Promise.resolve();
      return new Promise((resolve) => {
        const set = waiters.get(name) ?? new Set<() => void>();
        waiters.set(name, set);
        const done = (): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          stopped.signal.removeEventListener('abort', done);
          set.delete(done);
          if (set.size === 0) waiters.delete(name);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        set.add(done);
        signal.addEventListener('abort', done, { once: true });
        stopped.signal.addEventListener('abort', done, { once: true });
      });
    },
    async stop() {
      stopped.abort();
      await Promise.all(informers.map((i) => i.stop()));
    },
  };
}
