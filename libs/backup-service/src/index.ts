// Public entry of @ferry/backup-service: the Backup, Schedule, backup-sync and deletion controllers.
// Every export is named.
export type {
  BackedUpVolumeOwners,
  BackupVolumeOperations,
  VolumeObjectRef,
  VolumeOperationCounts,
  VolumeOperationsState,
} from './volumes/backup-volume-operations';
// --- volumes ---
export { BackupVolumeErrorCode, BackupVolumeError } from './errors';
export { createBackupVolumeOperations, type BackupVolumeDeps } from './volumes/backup-volume-service';
export { volumeRecordName, type StoredVolumeRecord } from './volumes/volume-record-store';
// --- end volumes ---
