// The restore finalizer (velero restore_controller.go: `restores.velero.io/external-resources-finalizer`
// and deleteExternalResources) as its own controller beside the Restore controller: every validated
// Restore gets the finalizer; a deleted Restore has its files under `restores/<r>/` deleted from its
// backup's location, then the finalizer removed. A location that is gone or not Available releases
// the Restore with a log line (the decision is @ferry/restore's `restoreDeletionStep`).
import type { BackupStorageLocation, Restore } from '@ferry/api';
import {
  createController,
  isNotFound,
  splitObjectKey,
  type Clock,
  type Controller,
  type KubeClient,
  type KubeLogger,
  type ReconcileFunction,
} from '@ferry/kube';
import { openStorageLocation, type ObjectStore, type ObjectStoreClientOptions } from '@ferry/object-store';
import { finalizersWithoutRestoreFinalizer, finalizersWithRestoreFinalizer, restoreDeletionStep } from '@ferry/restore';
import { restorePrefixKey } from '@ferry/storage-location';
import { RestoreServiceError, RestoreServiceErrorCode } from './errors';
import type { RestoreCache } from './restore-reconciler';
import type { RestorePatcher } from './run/restore-runner';

/** Collaborators of {@link createRestoreDeletionReconciler}. */
export interface RestoreDeletionOptions {
  readonly cache: RestoreCache;
  /** A JSON merge patch of a Restore. */
  readonly patch: RestorePatcher;
  /** Opens the bucket of a location; the reconciler closes the store it gets. */
  readonly openStore: (location: BackupStorageLocation) => Promise<ObjectStore>;
  readonly logger: KubeLogger;
  /** How long to wait before looking again at a deleted Restore whose run is still going; default 5 s. */
  readonly runWaitMs?: number;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Deletes every key under `restores/<restore>/` (Velero's `DeleteRestore`); resolves with how many. */
async function deleteRestoreFiles(store: ObjectStore, restore: string, signal: AbortSignal): Promise<number> {
  const keys = await store.listKeys(restorePrefixKey(store.prefix, restore), signal);
  await store.deleteKeys(keys, signal);
  return keys.length;
}

/** Removes the finalizer; a Restore already gone is fine. The resourceVersion keeps a concurrent finalizer change. */
async function removeFinalizer(options: RestoreDeletionOptions, restore: Restore): Promise<void> {
  const { namespace = '', name = '', resourceVersion } = restore.metadata ?? {};
  await options
    .patch(namespace, name, { metadata: { resourceVersion, finalizers: finalizersWithoutRestoreFinalizer(restore) } })
    .catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
}

/**
 * The reconcile of the restore finalizer. Reads the Restore, Backups and locations from the cache;
 * a failure to open the bucket or delete the files rejects (retried with backoff while the location
 * stays Available); removing the finalizer is the last write, so a retry after a crash repeats an
 * idempotent deletion.
 */
export function createRestoreDeletionReconciler(options: RestoreDeletionOptions): ReconcileFunction {
  const runWaitMs = options.runWaitMs ?? 5000;
  return async (key, signal) => {
    const { namespace: ns = '', name } = splitObjectKey(key);
    const restore = options.cache.getRestore(ns, name);
    if (!restore) return undefined;
    const step = restoreDeletionStep(restore, options.cache.backups(ns), options.cache.locations(ns));
    switch (step.kind) {
      case 'none':
        return undefined;
      case 'add-finalizer':
        // Velero's PatchResource: the whole list, no resourceVersion (the reconciler's own patches stay free of conflicts).
        return options.patch(ns, name, { metadata: { finalizers: finalizersWithRestoreFinalizer(restore) } });
      case 'wait-for-run':
        return { requeueAfterMs: runWaitMs };
      case 'release':
        options.logger.warn({ restore: key, reason: step.reason }, 'removing the restore finalizer without deleting the restore files');
        return removeFinalizer(options, restore);
      case 'delete-files': {
        const store = await options.openStore(step.location);
        try {
          const deleted = await deleteRestoreFiles(store, name, signal);
          options.logger.info(
            { restore: key, backup: restore.spec?.backupName, files: deleted },
            'deleted the restore files in object storage',
          );
        } catch (error) {
          throw new RestoreServiceError(
            RestoreServiceErrorCode.FilesNotDeleted,
            `can't delete restore files of ${key} in object storage, backup: ${restore.spec?.backupName ?? ''}: ${message(error)}`,
            { cause: error },
          );
        } finally {
          store.close();
        }
        return removeFinalizer(options, restore);
      }
    }
  };
}

/** What {@link createRestoreDeletionController} needs from the restore service. */
export interface RestoreDeletionControllerDependencies {
  readonly kube: KubeClient;
  /** The namespace of the Restores, Backups, locations and credential Secrets. */
  readonly namespace: string;
  readonly cache: RestoreCache;
  readonly patch: RestorePatcher;
  readonly logger: KubeLogger;
  readonly clock?: Clock;
  readonly objectStoreClient?: ObjectStoreClientOptions | undefined;
}

/** The restore finalizer's controller, not started: the caller watches the Restore informer with it and starts it in its ControllerSet. */
export function createRestoreDeletionController(deps: RestoreDeletionControllerDependencies): Controller {
  const reconcile = createRestoreDeletionReconciler({
    cache: deps.cache,
    patch: deps.patch,
    logger: deps.logger,
    openStore: async (location) =>
      (await openStorageLocation({ kube: deps.kube, namespace: deps.namespace, location, client: deps.objectStoreClient })).store,
  });
  return createController({ name: 'restore-deletion', reconcile, ...(deps.clock ? { clock: deps.clock } : {}), logger: deps.logger });
}
