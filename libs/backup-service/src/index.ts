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
// --- schedule and sync ---
export {
  createScheduleReconciler,
  type ScheduleCache,
  type ScheduledBackupCreator,
  type ScheduleReconcilerOptions,
  type ScheduleWriter,
} from './schedule/schedule-reconciler';
export { startScheduleService, type ScheduleService, type ScheduleServiceDependencies } from './schedule/schedule-service';
export {
  defaultBackupSyncPeriodMs,
  backupSyncTiming,
  backupSyncPeriodMs,
  backupsToSync,
  syncedBackup,
  keptOwnerReferences,
  syncedPodVolumeBackup,
  orphanedBackups,
  lastSyncedTime,
  type BackupSyncTiming,
  type SyncedBackup,
} from './sync/backup-sync-rules';
export {
  backupStoreReader,
  createBackupStoreOpener,
  type BackupStoreOpener,
  type BackupStoreOpenerOptions,
  type BackupStoreReader,
  type StoredBackup,
  type StoredPodVolumeBackups,
} from './sync/backup-store-reader';
export { createBackupSyncReconciler, type BackupSyncCluster, type BackupSyncReconcilerOptions } from './sync/backup-sync-reconciler';
export { startBackupSyncService, type BackupSyncService, type BackupSyncServiceDependencies } from './sync/backup-sync-service';
export { readScheduleSyncSettings, type ScheduleSyncSettings } from './sync/schedule-sync-settings';
export { ScheduleSyncErrorCode, ScheduleSyncError } from './errors';
// --- end schedule and sync ---
// --- volumes ---
export { BackupVolumeErrorCode, BackupVolumeError } from './errors';
export { createBackupVolumeOperations, type BackupVolumeDeps } from './volumes/backup-volume-service';
export { volumeRecordName, type StoredVolumeRecord } from './volumes/volume-record-store';
// --- end volumes ---
