// Velero's backup sync rules (pkg/controller/backup_sync_controller.go) as pure functions: when a
// location is synced, which backups of its bucket become Backup objects and how each is changed
// on the way in (incomplete ones, location name and label, owner references, server-owned
// metadata), how its PodVolumeBackups follow it, and which Backups are orphans to delete.
import { BackupPhase, VeleroLabel, type Backup, type BackupStorageLocation, type PodVolumeBackup } from '@ferry/api';
import { veleroLabelValue } from '@ferry/backup';
import { kubeTimestamp, parseDuration } from '@ferry/kube-values';

/** Velero's `--backup-sync-period` default: 1 minute. */
export const defaultBackupSyncPeriodMs = 60_000;

/** Whether a location is synced now, later (in `dueInMs`) or not at all (`backupSyncPeriod: 0`). */
export type BackupSyncTiming = { readonly syncNow: true } | { readonly syncNow: false; readonly dueInMs?: number };

/**
 * Velero's locationFilterFunc: the period is `spec.backupSyncPeriod` (a Go duration), the server
 * default when unset, negative or unreadable; `0` turns syncing off for the location. A location
 * never synced (no `status.lastSyncedTime`) is due at once; otherwise when the period has passed
 * since the last sync. Pure.
 */
export function backupSyncTiming(location: BackupStorageLocation, defaultPeriodMs: number, nowMs: number): BackupSyncTiming {
  const periodMs = backupSyncPeriodMs(location, defaultPeriodMs);
  if (periodMs === 0) return { syncNow: false };
  const last = location.status?.lastSyncedTime ? Date.parse(location.status.lastSyncedTime) : Number.NaN;
  if (Number.isNaN(last)) return { syncNow: true };
  const dueInMs = last + periodMs - nowMs;
  return dueInMs <= 0 ? { syncNow: true } : { syncNow: false, dueInMs };
}

/** The sync period of `location` in ms (0 = off). Pure. */
export function backupSyncPeriodMs(location: BackupStorageLocation, defaultPeriodMs: number): number {
  const text = location.spec?.backupSyncPeriod;
  if (text === undefined || text === null) return defaultPeriodMs;
  const parsed = parseDuration(text);
  if (!parsed.ok || parsed.nanoseconds < 0n) return defaultPeriodMs;
  return Number(parsed.nanoseconds / 1_000_000n);
}

/** The names in the bucket that have no Backup in the cluster (Velero's set difference). Pure. */
export function backupsToSync(storeNames: readonly string[], clusterBackups: readonly Backup[]): string[] {
  const inCluster = new Set(clusterBackups.map((backup) => backup.metadata?.name));
  return storeNames.filter((name) => !inCluster.has(name));
}

/** Phases of a backup whose files are written but whose operations had not ended. */
const unfinishedPhases: ReadonlySet<string> = new Set([
  BackupPhase.WaitingForPluginOperations,
  BackupPhase.WaitingForPluginOperationsPartiallyFailed,
  BackupPhase.Finalizing,
  BackupPhase.FinalizingPartiallyFailed,
]);

/** Metadata the API server owns: a created object gets its own. */
function withoutServerFields(metadata: NonNullable<Backup['metadata']>): NonNullable<Backup['metadata']> {
  const kept = { ...metadata };
  for (const field of [
    'resourceVersion',
    'uid',
    'creationTimestamp',
    'generation',
    'managedFields',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
  ]) {
    delete kept[field];
  }
  return kept;
}

/** A backup of the bucket that sync creates, or why it is left there. */
export type SyncedBackup = { readonly create: Backup } | { readonly skip: string };

/**
 * The Backup object sync creates from `stored` (the bucket's `velero-backup.json`) found in
 * `location`: an unfinished backup (WaitingForPluginOperations*, Finalizing*) is skipped until
 * its expiration, then synced as PartiallyFailed for garbage collection; the namespace is
 * `namespace`; `spec.storageLocation` and the `velero.io/storage-location` label name this
 * cluster's location (its name may differ from the cluster that made the backup); the status
 * is kept as stored (created with the object: velero.io kinds have no status subresource).
 * Owner references are filtered by the caller. Pure.
 */
export function syncedBackup(stored: Backup, location: BackupStorageLocation, namespace: string, nowMs: number): SyncedBackup {
  let status = stored.status;
  if (status?.phase && unfinishedPhases.has(status.phase)) {
    const expiration = status.expiration ? Date.parse(status.expiration) : Number.NaN;
    if (Number.isNaN(expiration) || expiration > nowMs) return { skip: `its phase is ${status.phase} and it has not expired` };
    status = { ...status, phase: BackupPhase.PartiallyFailed };
  }
  const locationName = location.metadata?.name ?? '';
  const metadata = withoutServerFields(stored.metadata ?? {});
  return {
    create: {
      ...stored,
      metadata: { ...metadata, namespace, labels: { ...metadata.labels, [VeleroLabel.StorageLocation]: veleroLabelValue(locationName) } },
      spec: { ...stored.spec, storageLocation: locationName },
      ...(status ? { status } : {}),
    },
  };
}

/**
 * Velero's filterBackupOwnerReferences: a Schedule owner is kept only when that Schedule exists
 * with the same UID (`scheduleUid` gives undefined for a missing Schedule; Velero also drops the
 * owner when the lookup fails, as its empty Schedule's UID never matches); owners of other kinds
 * are kept. Pure.
 */
export function keptOwnerReferences(
  references: NonNullable<NonNullable<Backup['metadata']>['ownerReferences']>,
  scheduleUid: (name: string) => string | undefined,
): NonNullable<NonNullable<Backup['metadata']>['ownerReferences']> {
  return references.filter((reference) => reference.kind !== 'Schedule' || scheduleUid(reference.name) === reference.uid);
}

/**
 * A PodVolumeBackup of the bucket's `<b>-podvolumebackups.json.gz` as sync creates it beside its
 * synced Backup `backup` (with the UID the API server gave it): an owner reference to the Backup
 * and a `velero.io/backup-uid` label (when present) take the new UID; namespace and
 * `spec.backupStorageLocation` are this cluster's; status kept. Pure.
 */
export function syncedPodVolumeBackup(stored: PodVolumeBackup, backup: Backup, location: BackupStorageLocation): PodVolumeBackup {
  const backupName = backup.metadata?.name;
  const uid = backup.metadata?.uid ?? '';
  const metadata = withoutServerFields(stored.metadata ?? {});
  const ownerReferences = metadata.ownerReferences?.map((reference) =>
    reference.apiVersion === 'velero.io/v1' && reference.kind === 'Backup' && reference.name === backupName
      ? { ...reference, uid }
      : reference,
  );
  const labels =
    metadata.labels && VeleroLabel.BackupUid in metadata.labels ? { ...metadata.labels, [VeleroLabel.BackupUid]: uid } : metadata.labels;
  return {
    ...stored,
    apiVersion: 'velero.io/v1',
    kind: 'PodVolumeBackup',
    metadata: {
      ...metadata,
      namespace: backup.metadata?.namespace,
      ...(ownerReferences ? { ownerReferences } : {}),
      ...(labels ? { labels } : {}),
    },
    spec: { ...stored.spec!, backupStorageLocation: location.metadata?.name ?? '' },
  };
}

/**
 * Velero's deleteOrphanedBackups: the Backups labelled with `locationName` (as a label value)
 * whose phase is Completed or PartiallyFailed and whose folder is not in the bucket. Pure.
 */
export function orphanedBackups(clusterBackups: readonly Backup[], locationName: string, storeNames: readonly string[]): Backup[] {
  const inStore = new Set(storeNames);
  const label = veleroLabelValue(locationName);
  return clusterBackups.filter((backup) => {
    const phase = backup.status?.phase;
    return (
      backup.metadata?.labels?.[VeleroLabel.StorageLocation] === label &&
      (phase === BackupPhase.Completed || phase === BackupPhase.PartiallyFailed) &&
      !inStore.has(backup.metadata?.name ?? '')
    );
  });
}

/** `status.lastSyncedTime` as Velero writes it after a sync (metav1.Time, whole seconds, UTC). Pure. */
export function lastSyncedTime(nowMs: number): string {
  return kubeTimestamp(new Date(nowMs));
}
