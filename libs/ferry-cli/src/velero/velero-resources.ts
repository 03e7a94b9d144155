// The Velero objects the `ferry` commands read and write, as typed @ferry/kube clients sharing one
// connection. Nothing is contacted until a method is called.
import {
  backupDefinition,
  backupStorageLocationDefinition,
  dataDownloadDefinition,
  dataUploadDefinition,
  deleteBackupRequestDefinition,
  downloadRequestDefinition,
  podVolumeBackupDefinition,
  podVolumeRestoreDefinition,
  restoreDefinition,
  scheduleDefinition,
  type Backup,
  type BackupStorageLocation,
  type DataDownload,
  type DataUpload,
  type DeleteBackupRequest,
  type DownloadRequest,
  type PodVolumeBackup,
  type PodVolumeRestore,
  type Restore,
  type Schedule,
} from '@ferry/api';
import { createCustomResourceClient, type CustomResourceClient, type KubeClient } from '@ferry/kube';

/** Typed clients of every resource the CLI uses, over one `KubeClient`. */
export interface VeleroResources {
  readonly kube: KubeClient;
  readonly backups: CustomResourceClient<Backup>;
  readonly storageLocations: CustomResourceClient<BackupStorageLocation>;
  readonly restores: CustomResourceClient<Restore>;
  readonly schedules: CustomResourceClient<Schedule>;
  readonly deleteBackupRequests: CustomResourceClient<DeleteBackupRequest>;
  readonly downloadRequests: CustomResourceClient<DownloadRequest>;
  readonly dataUploads: CustomResourceClient<DataUpload>;
  readonly dataDownloads: CustomResourceClient<DataDownload>;
  readonly podVolumeBackups: CustomResourceClient<PodVolumeBackup>;
  readonly podVolumeRestores: CustomResourceClient<PodVolumeRestore>;
}

/** Builds the clients over `kube`; synchronous and offline. */
export function veleroResources(kube: KubeClient): VeleroResources {
  return {
    kube,
    backups: createCustomResourceClient<Backup>(kube, backupDefinition),
    storageLocations: createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition),
    restores: createCustomResourceClient<Restore>(kube, restoreDefinition),
    schedules: createCustomResourceClient<Schedule>(kube, scheduleDefinition),
    deleteBackupRequests: createCustomResourceClient<DeleteBackupRequest>(kube, deleteBackupRequestDefinition),
    downloadRequests: createCustomResourceClient<DownloadRequest>(kube, downloadRequestDefinition),
    dataUploads: createCustomResourceClient<DataUpload>(kube, dataUploadDefinition),
    dataDownloads: createCustomResourceClient<DataDownload>(kube, dataDownloadDefinition),
    podVolumeBackups: createCustomResourceClient<PodVolumeBackup>(kube, podVolumeBackupDefinition),
    podVolumeRestores: createCustomResourceClient<PodVolumeRestore>(kube, podVolumeRestoreDefinition),
  };
}
