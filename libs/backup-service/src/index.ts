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
// --- end schedule and sync ---
