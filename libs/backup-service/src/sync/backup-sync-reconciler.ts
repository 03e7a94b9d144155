// Reconciles one BackupStorageLocation for backup sync (velero's backup_sync_controller.go): when
// the location is Available and its sync period has passed, every backup folder of its bucket
// without a Backup in the cluster becomes one (with its PodVolumeBackups), Completed or
// PartiallyFailed Backups of the location whose folder is gone are deleted, and
// status.lastSyncedTime is written. A failure with one backup is logged and the others go on, as
// in Velero; a store that cannot be read ends this sync, which is tried again next period.
import { BackupStorageLocationPhase, type Backup, type BackupStorageLocation, type PodVolumeBackup } from '@ferry/api';
import { objectKey, splitObjectKey, type KubeLogger, type ReconcileOutcome } from '@ferry/kube';
import {
  backupSyncPeriodMs,
  backupsToSync,
  backupSyncTiming,
  keptOwnerReferences,
  lastSyncedTime,
  orphanedBackups,
  syncedBackup,
  syncedPodVolumeBackup,
} from './backup-sync-rules';
import type { BackupStoreOpener, BackupStoreReader } from './backup-store-reader';

/** What backup sync reads and writes in the cluster (created objects are returned as stored; `undefined` = the name was taken). */
export interface BackupSyncCluster {
  getLocation(namespace: string, name: string): BackupStorageLocation | undefined;
  listBackups(namespace: string): Promise<Backup[]>;
  createBackup(backup: Backup): Promise<Backup | undefined>;
  createPodVolumeBackup(podVolumeBackup: PodVolumeBackup): Promise<PodVolumeBackup | undefined>;
  deleteBackup(namespace: string, name: string): Promise<void>;
  /** The UID of the Schedule, undefined when there is none (or it could not be read). */
  scheduleUid(namespace: string, name: string): Promise<string | undefined>;
  /** Merge-patches `status.lastSyncedTime` of the location. */
  recordSync(namespace: string, name: string, lastSyncedTime: string): Promise<void>;
}

/** The collaborators of {@link createBackupSyncReconciler}. */
export interface BackupSyncReconcilerOptions {
  readonly cluster: BackupSyncCluster;
  readonly openStore: BackupStoreOpener;
  readonly now: () => number;
  readonly logger: KubeLogger;
  /** Sync period of locations without `spec.backupSyncPeriod` (Velero's `--backup-sync-period`). */
  readonly defaultPeriodMs: number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The reconcile function of backup sync (keys `namespace/name` of BackupStorageLocations). */
export function createBackupSyncReconciler(
  options: BackupSyncReconcilerOptions,
): (key: string, signal: AbortSignal) => Promise<ReconcileOutcome | void> {
  const { cluster, logger } = options;
  return async (key, signal) => {
    const { namespace = '', name } = splitObjectKey(key);
    const location = cluster.getLocation(namespace, name);
    if (!location) return;
    const periodMs = backupSyncPeriodMs(location, options.defaultPeriodMs);
    const timing = backupSyncTiming(location, options.defaultPeriodMs, options.now());
    if (!timing.syncNow) return timing.dueInMs === undefined ? undefined : { requeueAfterMs: timing.dueInMs };
    if (location.status?.phase !== BackupStorageLocationPhase.Available) {
      logger.debug({ bsl: key }, 'BackupStorageLocation is not available: no backup sync from it');
      return { requeueAfterMs: periodMs };
    }
    let store: BackupStoreReader;
    try {
      store = await options.openStore(location);
    } catch (error) {
      logger.error({ bsl: key, error: message(error) }, 'cannot open the backup store of this location for backup sync');
      return { requeueAfterMs: periodMs };
    }
    try {
      const synced = await syncLocation(options, location, store, signal);
      if (!synced) return { requeueAfterMs: periodMs };
    } finally {
      store.close();
    }
    await cluster.recordSync(namespace, name, lastSyncedTime(options.now()));
    return { requeueAfterMs: periodMs };
  };
}

/** One sync of `location`; false when its bucket could not be listed. */
async function syncLocation(
  options: BackupSyncReconcilerOptions,
  location: BackupStorageLocation,
  store: BackupStoreReader,
  signal: AbortSignal,
): Promise<boolean> {
  const { cluster, logger } = options;
  const namespace = location.metadata?.namespace ?? '';
  let storeNames: string[];
  try {
    storeNames = await store.listBackupNames(signal);
  } catch (error) {
    logger.error({ bsl: objectKey(location), error: message(error) }, 'cannot list the backups of this location');
    return false;
  }
  const inCluster = await cluster.listBackups(namespace);
  const missing = backupsToSync(storeNames, inCluster);
  if (missing.length)
    logger.info({ bsl: objectKey(location), count: missing.length }, 'backups of the location not in the cluster: syncing them');
  for (const name of missing) {
    if (signal.aborted) return false;
    try {
      await syncBackup(options, location, store, name, signal);
    } catch (error) {
      logger.error({ bsl: objectKey(location), backup: name, error: message(error) }, 'cannot sync the backup into the cluster');
    }
  }
  await deleteOrphans(options, location, inCluster, storeNames);
  return true;
}

/** Creates the Backup of folder `name` (and then its PodVolumeBackups), unless it is to be skipped. */
async function syncBackup(
  options: BackupSyncReconcilerOptions,
  location: BackupStorageLocation,
  store: BackupStoreReader,
  name: string,
  signal: AbortSignal,
): Promise<void> {
  const { cluster, logger } = options;
  const fields = { bsl: objectKey(location), backup: name };
  const stored = await store.readBackup(name, signal);
  if ('missing' in stored) return logger.debug(fields, 'the backup folder has no velero-backup.json: not synced');
  if ('problem' in stored) return logger.error({ ...fields, problem: stored.problem }, 'cannot read velero-backup.json of the backup');
  const namespace = location.metadata?.namespace ?? '';
  const outcome = syncedBackup(stored.backup, location, namespace, options.now());
  if ('skip' in outcome) return logger.debug({ ...fields, reason: outcome.skip }, 'backup not synced yet');
  const backup = outcome.create;
  const owners = backup.metadata?.ownerReferences;
  if (owners?.length) {
    const uids = new Map<string, string | undefined>();
    for (const owner of owners) if (owner.kind === 'Schedule') uids.set(owner.name, await cluster.scheduleUid(namespace, owner.name));
    backup.metadata = { ...backup.metadata, ownerReferences: keptOwnerReferences(owners, (schedule) => uids.get(schedule)) };
  }
  const created = await cluster.createBackup(backup);
  if (!created) return logger.debug(fields, 'the Backup already exists in the cluster');
  logger.info(fields, 'synced the backup into the cluster');
  const podVolumeBackups = await store.readPodVolumeBackups(name, signal);
  if ('problem' in podVolumeBackups) {
    return logger.error({ ...fields, problem: podVolumeBackups.problem }, 'cannot read the pod volume backups of the backup');
  }
  for (const podVolumeBackup of podVolumeBackups.items) {
    try {
      await cluster.createPodVolumeBackup(syncedPodVolumeBackup(podVolumeBackup, created, location));
    } catch (error) {
      logger.error(
        { ...fields, podVolumeBackup: podVolumeBackup.metadata?.name, error: message(error) },
        'cannot sync the pod volume backup',
      );
    }
  }
}

/** Deletes the location's Completed/PartiallyFailed Backups whose folder is gone from the bucket. */
async function deleteOrphans(
  options: BackupSyncReconcilerOptions,
  location: BackupStorageLocation,
  inCluster: readonly Backup[],
  storeNames: readonly string[],
): Promise<void> {
  for (const orphan of orphanedBackups(inCluster, location.metadata?.name ?? '', storeNames)) {
    const fields = { bsl: objectKey(location), backup: orphan.metadata?.name };
    try {
      await options.cluster.deleteBackup(orphan.metadata?.namespace ?? '', orphan.metadata?.name ?? '');
      options.logger.info(fields, 'deleted the Backup: its files are gone from the location');
    } catch (error) {
      options.logger.error({ ...fields, error: message(error) }, 'cannot delete the orphaned Backup');
    }
  }
}
