// The storage location service: the BackupStorageLocation controller on `@ferry/kube`'s runtime,
// fed by an informer on the BSLs of Ferry's namespace. Started by apps/controller on the leader,
// beside the data-path controller; tests start it in-process.
import { backupStorageLocationDefinition, type BackupStorageLocation } from '@ferry/api';
import {
  createController,
  createCustomResourceClient,
  createInformer,
  objectKey,
  retryOnConflict,
  startControllerSet,
  systemClock,
  type Clock,
  type ControllerSet,
  type KubeClient,
  type KubeLogger,
} from '@ferry/kube';
import type { ObjectStoreClientOptions } from '@ferry/object-store';
import { defaultValidationFrequencyMs, serverDefaultLocationName } from '@ferry/storage-location';
import { createStorageLocationReconciler, type StorageLocationWriter } from './storage-location-reconciler';
import { createObjectStoreValidator, type StorageLocationValidator } from './storage-location-validator';

/** What {@link startStorageLocationService} needs (a `ServiceContext`'s `kube` and `logger` fit). */
export interface StorageLocationServiceDependencies {
  /** Writes go through it (the leader's write-fenced client). */
  readonly kube: KubeClient;
  readonly logger: KubeLogger;
  /** The namespace whose BSLs are validated (Ferry's, Velero's namespace). */
  readonly namespace: string;
  /** Replaces the system clock of the controller and the validation times (tests). */
  readonly clock?: Clock;
  /** Validation frequency of BSLs without `spec.validationFrequency`; default 1 minute (Velero's). */
  readonly defaultFrequencyMs?: number;
  /** The BSL marked default when none is (Velero's `--default-backup-storage-location`); default `default`. */
  readonly defaultLocationName?: string;
  /** BSLs validated at once; default 2. */
  readonly concurrency?: number;
  /** Timeouts and retries of the S3 clients. */
  readonly objectStoreClient?: ObjectStoreClientOptions;
  /** Replaces the object-store check (tests). */
  readonly validator?: StorageLocationValidator;
}

/** A running storage location service. Its `stop` stops the controller (running validations get up to `graceMs`, default 10 s), then the informer. */
export type StorageLocationService = ControllerSet;

/**
 * Starts the service and resolves once the informer listed the BSLs (every one is then queued and
 * validated unless a recent validation is still fresh). On a start-up failure it stops what it
 * started and rethrows.
 */
export async function startStorageLocationService(deps: StorageLocationServiceDependencies): Promise<StorageLocationService> {
  const { kube, logger, namespace } = deps;
  const clock = deps.clock ?? systemClock;
  const client = createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition);
  const informer = createInformer<BackupStorageLocation>(kube, backupStorageLocationDefinition, { logger, namespace });
  const write: StorageLocationWriter = (ns, name, mutate) =>
    retryOnConflict(async () => {
      const current = await client.find(ns, name);
      const next = current && mutate(current);
      if (next) await client.replace(next);
    });
  const reconcile = createStorageLocationReconciler({
    locations: { get: (ns, name) => informer.get(ns, name), list: (ns) => informer.list(ns) },
    write,
    validator:
      deps.validator ??
      createObjectStoreValidator({ kube, namespace, ...(deps.objectStoreClient ? { client: deps.objectStoreClient } : {}) }),
    now: () => clock.now(),
    logger,
    defaultFrequencyMs: deps.defaultFrequencyMs ?? defaultValidationFrequencyMs,
    defaultLocationName: deps.defaultLocationName ?? serverDefaultLocationName,
  });
  const controller = createController({ name: 'backupstoragelocation', reconcile, concurrency: deps.concurrency ?? 2, clock, logger });
  // Any BSL's change can move the default of the others: every event queues every BSL of the
  // namespace (a reconcile that is not due only reads the cache and requeues).
  controller.watch(informer, () => informer.list(namespace).map(objectKey));
  return startControllerSet({
    name: 'storage location service',
    informers: [informer],
    controllers: [controller],
    logger,
    logFields: { namespace },
  });
}
