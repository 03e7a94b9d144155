// Public entry of @ferry/backup-service: the Backup, Schedule, backup-sync and deletion controllers.
// Every export is named.
export type {
  BackedUpVolumeOwners,
  BackupVolumeOperations,
  VolumeObjectRef,
  VolumeOperationCounts,
  VolumeOperationsState,
} from './volumes/backup-volume-operations';
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
// --- end schedule and sync ---
