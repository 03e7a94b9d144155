// The backup sync service: Velero's backup sync controller on `@ferry/kube`'s runtime, fed by an
// informer on the BackupStorageLocations of Ferry's namespace (each location is synced at its
// period; a change of the location, such as becoming Available, looks again at once). Started by
// apps/controller on the leader in the server role; tests start it in-process.
import {
  backupDefinition,
  backupStorageLocationDefinition,
  podVolumeBackupDefinition,
  scheduleDefinition,
  type Backup,
  type BackupStorageLocation,
  type PodVolumeBackup,
  type Schedule,
} from '@ferry/api';
import {
  createController,
  createCustomResourceClient,
  createInformer,
  isAlreadyExists,
  startControllerSet,
  systemClock,
  type Clock,
  type ControllerSet,
  type KubeClient,
  type KubeLogger,
} from '@ferry/kube';
import type { ObjectStoreClientOptions } from '@ferry/object-store';
import { createBackupSyncReconciler, type BackupSyncCluster } from './backup-sync-reconciler';
import { defaultBackupSyncPeriodMs } from './backup-sync-rules';
import { createBackupStoreOpener, type BackupStoreOpener } from './backup-store-reader';

/** What {@link startBackupSyncService} needs (a `ServiceContext`'s `kube` and `logger` fit). */
export interface BackupSyncServiceDependencies {
  /** Writes go through it (the leader's write-fenced client). */
  readonly kube: KubeClient;
  readonly logger: KubeLogger;
  /** The namespace of the locations, their Secrets and the synced Backups (Ferry's, Velero's namespace). */
  readonly namespace: string;
  /** Replaces the system clock of the controller and the sync times (tests). */
  readonly clock?: Clock;
  /** Sync period of locations without `spec.backupSyncPeriod`; default (and for 0 or less, as Velero's server) 1 minute (`--backup-sync-period`). */
  readonly defaultSyncPeriodMs?: number;
  /** Timeouts and retries of the S3 clients. */
  readonly objectStoreClient?: ObjectStoreClientOptions;
  /** Replaces the bucket reader (tests). */
  readonly openStore?: BackupStoreOpener;
}

/** A running backup sync service. Its `stop` stops the controller (a running sync gets up to `graceMs`, default 10 s, then is aborted), then the informer. */
export type BackupSyncService = ControllerSet;

/** Creates `object`, or resolves undefined when its name is taken. */
async function createUnlessExists<T>(create: () => Promise<T>): Promise<T | undefined> {
  try {
    return await create();
  } catch (error) {
    if (isAlreadyExists(error)) return undefined;
    throw error;
  }
}

/** The cluster side of backup sync over the API server and the location informer's cache. */
function apiCluster(kube: KubeClient, getLocation: BackupSyncCluster['getLocation']): BackupSyncCluster {
  const backups = createCustomResourceClient<Backup>(kube, backupDefinition);
  const podVolumeBackups = createCustomResourceClient<PodVolumeBackup>(kube, podVolumeBackupDefinition);
  const schedules = createCustomResourceClient<Schedule>(kube, scheduleDefinition);
  const locations = createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition);
  return {
    getLocation,
    listBackups: (namespace) => backups.list(namespace),
    createBackup: (backup) => createUnlessExists(() => backups.create(backup)),
    createPodVolumeBackup: (pvb) => createUnlessExists(() => podVolumeBackups.create(pvb)),
    deleteBackup: (namespace, name) => backups.delete(namespace, name, { ignoreNotFound: true }),
    async scheduleUid(namespace, name) {
      try {
        return (await schedules.find(namespace, name))?.metadata?.uid;
      } catch {
        // Velero drops the owner when the Schedule cannot be read, as when it is gone.
        return undefined;
      }
    },
    recordSync: async (namespace, name, lastSyncedTime) => {
      await locations.patch(namespace, name, { status: { lastSyncedTime } });
    },
  };
}

/**
 * Starts the service and resolves once the informer listed the locations (each is then queued and
 * synced when Available and due). On a start-up failure it stops what it started and rethrows.
 */
export async function startBackupSyncService(deps: BackupSyncServiceDependencies): Promise<BackupSyncService> {
  const { kube, logger, namespace } = deps;
  const clock = deps.clock ?? systemClock;
  const informer = createInformer<BackupStorageLocation>(kube, backupStorageLocationDefinition, { logger, namespace });
  const reconcile = createBackupSyncReconciler({
    cluster: apiCluster(kube, (ns, name) => informer.get(ns, name)),
    openStore:
      deps.openStore ?? createBackupStoreOpener({ kube, namespace, ...(deps.objectStoreClient ? { client: deps.objectStoreClient } : {}) }),
    now: () => clock.now(),
    logger,
    defaultPeriodMs: deps.defaultSyncPeriodMs && deps.defaultSyncPeriodMs > 0 ? deps.defaultSyncPeriodMs : defaultBackupSyncPeriodMs,
  });
  const controller = createController({ name: 'backup-sync', reconcile, clock, logger });
  controller.watch(informer);
  return startControllerSet({
    name: 'backup sync service',
    informers: [informer],
    controllers: [controller],
    logger,
    logFields: { namespace },
  });
}
