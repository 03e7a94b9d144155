// The Backup controller on `@ferry/kube`'s runtime: informers on the Backups and the
// BackupStorageLocations of Ferry's namespace, the reconciler, and the collections it runs.
// Started by apps/controller on the leader in role `server` (never in `data-mover`: beside a real
// Velero, Velero reconciles Backups); tests start it in-process.
import { backupDefinition, backupStorageLocationDefinition, type Backup, type BackupStorageLocation } from '@ferry/api';
import {
  createController,
  createInformer,
  startControllerSet,
  systemClock,
  type Clock,
  type ControllerSet,
  type KubeClient,
  type KubeLogger,
} from '@ferry/kube';
import type { ObjectStoreClientOptions } from '@ferry/object-store';
import { finalizeBackupTarball, type ResourceBackup } from '@ferry/resource-backup';
import { serverDefaultLocationName } from '@ferry/storage-location';
import type { VolumeReporter } from '@ferry/volume-info-client';
import type { BackupVolumeOperations } from '../volumes/backup-volume-operations';
import { storageLocationFiles, type BackupStepContext } from './backup-context';
import { loadResourcePolicies } from './backup-policies';
import { meteredBackupWriter, type BackupMetrics } from './backup-metrics';
import { createBackupReconciler } from './backup-reconciler';
import { BackupRuns } from './backup-runs';
import { defaultOperationsPollMs } from './backup-service-settings';
import { createBackupReader, createBackupWriter } from './backup-writer';

/** What {@link startBackupService} needs. */
export interface BackupServiceDependencies {
  /** Writes go through it (the leader's write-fenced client). */
  readonly kube: KubeClient;
  readonly logger: KubeLogger;
  /** The namespace whose Backups are reconciled (Ferry's, Velero's namespace). */
  readonly namespace: string;
  /** Collects a Backup's resources into its tarball (`createResourceBackup`). */
  readonly resourceBackup: ResourceBackup;
  /** The volume step (snapshots, DataUploads, PodVolumeBackups). */
  readonly volumes: BackupVolumeOperations;
  /** Records each Backup's volumes at volume-info and seals its report at Finalizing (`createVolumeReporter`). */
  readonly volumeReporter: VolumeReporter;
  /** Backups collected at once; default 1 (Velero's `--concurrent-backups`). */
  readonly concurrentBackups?: number;
  /** Delay between checks of running volume operations; default 10 s. */
  readonly operationsPollMs?: number;
  /** Velero's `--default-backup-storage-location`; default `default`. */
  readonly defaultLocationName?: string;
  /** Timeouts and retries of the S3 clients. */
  readonly objectStoreClient?: ObjectStoreClientOptions;
  readonly clock?: Clock;
  /** Velero's backup metrics, recorded at each phase change; none when absent. */
  readonly metrics?: BackupMetrics;
}

/** A running Backup controller. Its `stop` stops taking keys, aborts running collections (their Backups stay InProgress for the next leader), then the informers. */
export type BackupService = ControllerSet;

/**
 * Starts the controller and resolves once both informers listed their objects. On a start-up
 * failure it stops what it started and rethrows.
 */
export async function startBackupService(deps: BackupServiceDependencies): Promise<BackupService> {
  const { kube, logger, namespace } = deps;
  const clock = deps.clock ?? systemClock;
  const backups = createInformer<Backup>(kube, backupDefinition, { logger, namespace });
  const locations = createInformer<BackupStorageLocation>(kube, backupStorageLocationDefinition, { logger, namespace });
  const now = (): Date => new Date(clock.now());
  const sources = {
    kube,
    namespace,
    location: (name: string) => locations.get(namespace, name),
    objectStoreClient: deps.objectStoreClient,
  };
  const context: BackupStepContext = {
    logger,
    resourceBackup: deps.resourceBackup,
    volumes: deps.volumes,
    volumeReporter: deps.volumeReporter,
    finalizeTarball: (backup, store, tarballKey, signal) => finalizeBackupTarball({ kube, store, backup, tarballKey, signal }),
    write: deps.metrics ? meteredBackupWriter(createBackupWriter(kube), deps.metrics) : createBackupWriter(kube),
    read: createBackupReader(kube),
    openFiles: (backup) => storageLocationFiles(sources, backup),
    loadPolicies: (backup) => loadResourcePolicies(kube, backup),
    now,
  };
  const runs = new BackupRuns(deps.concurrentBackups ?? 1, logger);
  let requeue: (key: string) => void = () => undefined;
  const reconcile = createBackupReconciler({
    context,
    preparation: {
      kube,
      locations: (ns) => locations.list(ns),
      defaultLocationName: deps.defaultLocationName ?? serverDefaultLocationName,
      now,
    },
    backups,
    runs,
    requeue: (key) => requeue(key),
    operationsPollMs: deps.operationsPollMs ?? defaultOperationsPollMs,
  });
  const controller = createController({ name: 'backup', reconcile, concurrency: 2, clock, logger });
  controller.watch(backups);
  requeue = (key) => controller.enqueue(key);
  const stopCounting = deps.metrics?.observeBackupCount(() => backups.list(namespace).length);
  return startControllerSet({
    name: 'backup service',
    informers: [backups, locations],
    controllers: [controller],
    stopAfterControllers: () => {
      stopCounting?.();
      return runs.stop();
    },
    logger,
    logFields: { namespace },
  });
}
