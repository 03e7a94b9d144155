// Public entry of @ferry/backup-service: the Backup, Schedule, backup-sync and deletion controllers.
// Every export is named.
export type {
  BackedUpVolumeOwners,
  BackupVolumeOperations,
  VolumeObjectRef,
  VolumeOperationCounts,
  VolumeOperationsState,
} from './volumes/backup-volume-operations';

// --- controller: the Backup controller and a backup's files in the bucket ---
export { BackupServiceError, BackupServiceErrorCode } from './errors';
export { startBackupService, type BackupService, type BackupServiceDependencies } from './backup/backup-service';
export { readBackupServiceSettings, defaultOperationsPollMs, type BackupServiceSettings } from './backup/backup-service-settings';
export { createBackupReconciler, type BackupReconcilerOptions } from './backup/backup-reconciler';
export { backupExistsMessage } from './backup/backup-collection-step';
export { BackupFiles, type CollectionFiles, type CollectedFiles, type FinalFiles } from './storage/backup-files';
export { writeBackupVolumeInfo } from './storage/backup-volume-info-writer';
// --- end controller ---
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
