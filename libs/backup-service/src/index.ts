// Public entry of @ferry/backup-service: the Backup, Schedule, backup-sync and deletion controllers.
// Every export is named.
export type {
  BackedUpVolumeOwners,
  BackupVolumeOperations,
  VolumeObjectRef,
  VolumeOperationCounts,
  VolumeOperationsState,
} from './volumes/backup-volume-operations';
// --- deletion ---
export { deleteBackupEverywhere, type BackupDeletionCollaborators } from './deletion/backup-deletion-steps';
export { createBackupDeletionReconciler, type BackupDeletionReconcilerOptions } from './deletion/backup-deletion-reconciler';
export { createGarbageCollectionReconciler, type GarbageCollectionReconcilerOptions } from './deletion/garbage-collection-reconciler';
export {
  createNatsSnapshotRemover,
  type NatsSnapshotRemoverOptions,
  type RepositorySnapshotRemover,
  type SnapshotRemoval,
} from './deletion/repository-snapshot-remover';
export { readBackupDeletionSettings, type BackupDeletionSettings } from './deletion/backup-deletion-settings';
export {
  startBackupDeletionService,
  type BackupDeletionService,
  type BackupDeletionServiceDependencies,
} from './deletion/backup-deletion-service';
// --- end deletion ---
// --- volumes ---
export { BackupVolumeErrorCode, BackupVolumeError } from './errors';
export { createBackupVolumeOperations, type BackupVolumeDeps } from './volumes/backup-volume-service';
export { volumeRecordName, type StoredVolumeRecord } from './volumes/volume-record-store';
// --- end volumes ---
