// Fixed vocabularies of the velero.io API, spelled exactly as Velero's CRD enums (same order).
// The schemas build their enums from these objects, so a value exists in one place only.

/** `Backup.status.phase` (velero.io/v1). */
export const BackupPhase = {
  New: 'New',
  Queued: 'Queued',
  ReadyToStart: 'ReadyToStart',
  FailedValidation: 'FailedValidation',
  InProgress: 'InProgress',
  WaitingForPluginOperations: 'WaitingForPluginOperations',
  WaitingForPluginOperationsPartiallyFailed: 'WaitingForPluginOperationsPartiallyFailed',
  Finalizing: 'Finalizing',
  FinalizingPartiallyFailed: 'FinalizingPartiallyFailed',
  Completed: 'Completed',
  PartiallyFailed: 'PartiallyFailed',
  Failed: 'Failed',
  Deleting: 'Deleting',
} as const;
/** One of {@link BackupPhase}. */
export type BackupPhase = (typeof BackupPhase)[keyof typeof BackupPhase];

/** `Restore.status.phase` (velero.io/v1). */
export const RestorePhase = {
  New: 'New',
  FailedValidation: 'FailedValidation',
  InProgress: 'InProgress',
  WaitingForPluginOperations: 'WaitingForPluginOperations',
  WaitingForPluginOperationsPartiallyFailed: 'WaitingForPluginOperationsPartiallyFailed',
  Completed: 'Completed',
  PartiallyFailed: 'PartiallyFailed',
  Failed: 'Failed',
  Finalizing: 'Finalizing',
  FinalizingPartiallyFailed: 'FinalizingPartiallyFailed',
} as const;
/** One of {@link RestorePhase}. */
export type RestorePhase = (typeof RestorePhase)[keyof typeof RestorePhase];

/**
 * `status.phase` of DataUpload and DataDownload (v2alpha1) and of PodVolumeBackup and
 * PodVolumeRestore (v1): the eight phases the data path moves through. "" counts as New.
 */
export const DataUploadPhase = {
  New: 'New',
  Accepted: 'Accepted',
  Prepared: 'Prepared',
  InProgress: 'InProgress',
  Canceling: 'Canceling',
  Canceled: 'Canceled',
  Completed: 'Completed',
  Failed: 'Failed',
} as const;
/** One of {@link DataUploadPhase}. */
export type DataUploadPhase = (typeof DataUploadPhase)[keyof typeof DataUploadPhase];
/** `DataDownload.status.phase`: the same vocabulary as {@link DataUploadPhase}. */
export const DataDownloadPhase = DataUploadPhase;
/** One of {@link DataDownloadPhase}. */
export type DataDownloadPhase = DataUploadPhase;
/** `PodVolumeBackup.status.phase`: the same vocabulary as {@link DataUploadPhase}. */
export const PodVolumeBackupPhase = DataUploadPhase;
/** One of {@link PodVolumeBackupPhase}. */
export type PodVolumeBackupPhase = DataUploadPhase;
/** `PodVolumeRestore.status.phase`: the same vocabulary as {@link DataUploadPhase}. */
export const PodVolumeRestorePhase = DataUploadPhase;
/** One of {@link PodVolumeRestorePhase}. */
export type PodVolumeRestorePhase = DataUploadPhase;

/** `BackupStorageLocation.status.phase` and `VolumeSnapshotLocation.status.phase`. */
export const BackupStorageLocationPhase = { Available: 'Available', Unavailable: 'Unavailable' } as const;
/** One of {@link BackupStorageLocationPhase}. */
export type BackupStorageLocationPhase = (typeof BackupStorageLocationPhase)[keyof typeof BackupStorageLocationPhase];

/** `BackupStorageLocation.spec.accessMode` / `status.accessMode`. */
export const BackupStorageLocationAccessMode = { ReadOnly: 'ReadOnly', ReadWrite: 'ReadWrite' } as const;
/** One of {@link BackupStorageLocationAccessMode}. */
export type BackupStorageLocationAccessMode = (typeof BackupStorageLocationAccessMode)[keyof typeof BackupStorageLocationAccessMode];

/** `BackupRepository.status.phase`. */
export const BackupRepositoryPhase = { New: 'New', Ready: 'Ready', NotReady: 'NotReady' } as const;
/** One of {@link BackupRepositoryPhase}. */
export type BackupRepositoryPhase = (typeof BackupRepositoryPhase)[keyof typeof BackupRepositoryPhase];

/** `BackupRepository.status.recentMaintenance[].result`. */
export const MaintenanceResult = { Succeeded: 'Succeeded', Failed: 'Failed' } as const;
/** One of {@link MaintenanceResult}. */
export type MaintenanceResult = (typeof MaintenanceResult)[keyof typeof MaintenanceResult];

/** Repository / uploader type (`BackupRepository.spec.repositoryType`, PVB/PVR `spec.uploaderType`). */
export const UploaderType = { Kopia: 'kopia', Restic: 'restic', Unset: '' } as const;
/** One of {@link UploaderType}. */
export type UploaderType = (typeof UploaderType)[keyof typeof UploaderType];

/** `DownloadRequest.status.phase` (Failed: newest Velero only). */
export const DownloadRequestPhase = { New: 'New', Processed: 'Processed', Failed: 'Failed' } as const;
/** One of {@link DownloadRequestPhase}. */
export type DownloadRequestPhase = (typeof DownloadRequestPhase)[keyof typeof DownloadRequestPhase];

/** `DownloadRequest.spec.target.kind` (note `BackupVolumeInfos` plural, `RestoreVolumeInfo` singular). */
export const DownloadTargetKind = {
  BackupLog: 'BackupLog',
  BackupContents: 'BackupContents',
  BackupVolumeSnapshots: 'BackupVolumeSnapshots',
  BackupItemOperations: 'BackupItemOperations',
  BackupResourceList: 'BackupResourceList',
  BackupResults: 'BackupResults',
  RestoreLog: 'RestoreLog',
  RestoreResults: 'RestoreResults',
  RestoreResourceList: 'RestoreResourceList',
  RestoreItemOperations: 'RestoreItemOperations',
  CSIBackupVolumeSnapshots: 'CSIBackupVolumeSnapshots',
  CSIBackupVolumeSnapshotContents: 'CSIBackupVolumeSnapshotContents',
  BackupVolumeInfos: 'BackupVolumeInfos',
  RestoreVolumeInfo: 'RestoreVolumeInfo',
} as const;
/** One of {@link DownloadTargetKind}. */
export type DownloadTargetKind = (typeof DownloadTargetKind)[keyof typeof DownloadTargetKind];

/** `DeleteBackupRequest.status.phase`. */
export const DeleteBackupRequestPhase = { New: 'New', InProgress: 'InProgress', Processed: 'Processed' } as const;
/** One of {@link DeleteBackupRequestPhase}. */
export type DeleteBackupRequestPhase = (typeof DeleteBackupRequestPhase)[keyof typeof DeleteBackupRequestPhase];

/** `ServerStatusRequest.status.phase`. */
export const ServerStatusRequestPhase = { New: 'New', Processed: 'Processed' } as const;
/** One of {@link ServerStatusRequestPhase}. */
export type ServerStatusRequestPhase = (typeof ServerStatusRequestPhase)[keyof typeof ServerStatusRequestPhase];

/** `Schedule.status.phase`. */
export const SchedulePhase = { New: 'New', Enabled: 'Enabled', FailedValidation: 'FailedValidation' } as const;
/** One of {@link SchedulePhase}. */
export type SchedulePhase = (typeof SchedulePhase)[keyof typeof SchedulePhase];

/** OS of the node that runs a data path (`status.nodeOS` of DataUpload, `spec.nodeOS` of DataDownload). */
export const NodeOS = { Auto: 'auto', Linux: 'linux', Windows: 'windows' } as const;
/** One of {@link NodeOS}. */
export type NodeOS = (typeof NodeOS)[keyof typeof NodeOS];

/** `DataUpload.spec.snapshotType` values Velero creates (the CRD accepts any string). */
export const SnapshotType = { CSI: 'CSI' } as const;
/** One of {@link SnapshotType}. */
export type SnapshotType = (typeof SnapshotType)[keyof typeof SnapshotType];

/** `Backup.spec.backupType` (newest Velero; Full makes data uploads use parentSnapshot `none`). */
export const BackupType = { Full: 'Full', Incremental: 'Incremental' } as const;
/** One of {@link BackupType}. */
export type BackupType = (typeof BackupType)[keyof typeof BackupType];

/** `onError` of backup and restore exec hooks. */
export const HookErrorMode = { Continue: 'Continue', Fail: 'Fail' } as const;
/** One of {@link HookErrorMode}. */
export type HookErrorMode = (typeof HookErrorMode)[keyof typeof HookErrorMode];

/** `Restore.spec.existingResourcePolicy` values Velero understands (the CRD accepts any string). */
export const ExistingResourcePolicy = { None: 'none', Update: 'update' } as const;
/** One of {@link ExistingResourcePolicy}. */
export type ExistingResourcePolicy = (typeof ExistingResourcePolicy)[keyof typeof ExistingResourcePolicy];

/** Special `parentSnapshot` values of DataUpload/PodVolumeBackup ("" = auto; anything else is an ID). */
export const ParentSnapshot = { Auto: 'auto', None: 'none' } as const;
/** One of {@link ParentSnapshot}. */
export type ParentSnapshot = (typeof ParentSnapshot)[keyof typeof ParentSnapshot];

/**
 * `spec.datamover` values that select Velero's built-in data movers ("" and `velero` mean the
 * default, `velero-fs`). Any other value belongs to a third-party mover such as Ferry.
 */
export const BuiltInDataMover = { Default: '', Velero: 'velero', VeleroFs: 'velero-fs', VeleroBlock: 'velero-block' } as const;
/** One of {@link BuiltInDataMover}. */
export type BuiltInDataMover = (typeof BuiltInDataMover)[keyof typeof BuiltInDataMover];
