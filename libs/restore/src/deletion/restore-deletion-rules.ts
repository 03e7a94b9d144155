// What happens to a Restore's finalizer (velero restore_controller.go Reconcile and
// deleteExternalResources): a live Restore gets `restores.velero.io/external-resources-finalizer`;
// a deleted one has its files under `restores/<r>/` deleted from its backup's location, then the
// finalizer removed. Velero keeps the finalizer while the location is unavailable; Ferry releases
// the Restore with a log line instead, so a location that never comes back leaves no Restore stuck.
import {
  BackupStorageLocationPhase,
  RestorePhase,
  VeleroFinalizer,
  type Backup,
  type BackupStorageLocation,
  type Restore,
} from '@ferry/api';

/** The next step for one Restore's finalizer. */
export type RestoreDeletionStep =
  /** Nothing to do (live with the finalizer, or deleted without it). */
  | { readonly kind: 'none' }
  /** Add the finalizer. */
  | { readonly kind: 'add-finalizer' }
  /** Deleted while a run or the finalizing step still writes files: look again later. */
  | { readonly kind: 'wait-for-run' }
  /** Delete the files under `restores/<r>/` in `location`'s bucket, then remove the finalizer. */
  | { readonly kind: 'delete-files'; readonly location: BackupStorageLocation }
  /** Remove the finalizer without touching the bucket; `reason` says why (for the log). */
  | { readonly kind: 'release'; readonly reason: string };

/** Whether the Restore carries Velero's restore finalizer. Pure. */
export function hasRestoreFinalizer(restore: Restore): boolean {
  return (restore.metadata?.finalizers ?? []).includes(VeleroFinalizer.RestoreExternalResources);
}

/** The Restore's finalizers without Velero's restore finalizer, others kept in order. Pure. */
export function finalizersWithoutRestoreFinalizer(restore: Restore): string[] {
  return (restore.metadata?.finalizers ?? []).filter((finalizer) => finalizer !== VeleroFinalizer.RestoreExternalResources);
}

/** The Restore's finalizers with Velero's restore finalizer appended (unchanged when present). Pure. */
export function finalizersWithRestoreFinalizer(restore: Restore): string[] {
  const finalizers = restore.metadata?.finalizers ?? [];
  return hasRestoreFinalizer(restore) ? [...finalizers] : [...finalizers, VeleroFinalizer.RestoreExternalResources];
}

/**
 * Phases whose handle writes files soon: Velero's one restore worker deletes only after the run,
 * and its finalizing is short. WaitingForPluginOperations is not waited for (it may last the item
 * operation timeout): as in Velero, the files go at once and the DataDownloads with the Restore.
 */
const writingPhases: ReadonlySet<string> = new Set([
  RestorePhase.InProgress,
  RestorePhase.Finalizing,
  RestorePhase.FinalizingPartiallyFailed,
]);

function deletedStep(restore: Restore, backups: readonly Backup[], locations: readonly BackupStorageLocation[]): RestoreDeletionStep {
  if (writingPhases.has(restore.status?.phase ?? '')) return { kind: 'wait-for-run' };
  const backupName = restore.spec?.backupName ?? '';
  if (backupName === '') return { kind: 'release', reason: 'the restore names no backup, so no restore files in object storage' };
  const backup = backups.find((candidate) => candidate.metadata?.name === backupName);
  if (!backup) return { kind: 'release', reason: `backup ${backupName} not found, skip deleting the restore files in object storage` };
  const locationName = backup.spec?.storageLocation ?? '';
  const location = locations.find((candidate) => candidate.metadata?.name === locationName);
  if (!location) {
    return {
      kind: 'release',
      reason: `backup storage location ${locationName} not found, skip deleting the restore files in object storage`,
    };
  }
  if (location.status?.phase !== BackupStorageLocationPhase.Available) {
    return { kind: 'release', reason: `bsl ${locationName} is unavailable, the restore files in object storage are left in place` };
  }
  return { kind: 'delete-files', location };
}

/**
 * The step for `restore`, given the Backups and locations of its namespace:
 * - live, without the finalizer, past validation (phase set, not New) → add it. A New Restore
 *   waits for its validation patch, which carries a resourceVersion precondition that an earlier
 *   finalizer write would make fail; a New Restore has no files yet.
 * - deleted with the finalizer: InProgress or Finalizing* → wait; no backup name, backup or location
 *   gone, or location not Available → release with the reason; else delete its files.
 * - otherwise nothing.
 * Pure.
 */
export function restoreDeletionStep(
  restore: Restore,
  backups: readonly Backup[],
  locations: readonly BackupStorageLocation[],
): RestoreDeletionStep {
  if (restore.metadata?.deletionTimestamp)
    return hasRestoreFinalizer(restore) ? deletedStep(restore, backups, locations) : { kind: 'none' };
  const phase = restore.status?.phase ?? '';
  if (hasRestoreFinalizer(restore) || phase === '' || phase === RestorePhase.New) return { kind: 'none' };
  return { kind: 'add-finalizer' };
}
