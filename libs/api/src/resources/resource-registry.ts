import type { z } from 'zod';
import { dataMoverClassDefinition } from './oadp/data-mover-class-schema';
import { volumeSnapshotBackupDefinition } from './oadp/volume-snapshot-backup-schema';
import { volumeSnapshotRestoreDefinition } from './oadp/volume-snapshot-restore-schema';
import { CrdSource, type ResourceDefinition } from './resource-definition';
import { volumeSnapshotClassDefinition } from './snapshot/volume-snapshot-class-schema';
import { volumeSnapshotContentDefinition } from './snapshot/volume-snapshot-content-schema';
import { volumeSnapshotDefinition } from './snapshot/volume-snapshot-schema';
import { backupRepositoryDefinition } from './velero/backup-repository-schema';
import { backupDefinition } from './velero/backup-schema';
import { backupStorageLocationDefinition } from './velero/backup-storage-location-schema';
import { dataDownloadDefinition } from './velero/data-download-schema';
import { dataUploadDefinition } from './velero/data-upload-schema';
import { downloadRequestDefinition } from './velero/download-request-schema';
import { podVolumeBackupDefinition } from './velero/pod-volume-backup-schema';
import { podVolumeRestoreDefinition } from './velero/pod-volume-restore-schema';
import { restoreDefinition } from './velero/restore-schema';
import { scheduleDefinition } from './velero/schedule-schema';
import { deleteBackupRequestDefinition, serverStatusRequestDefinition } from './velero/velero-request-schemas';
import { volumeSnapshotLocationDefinition } from './velero/volume-snapshot-location-schema';

/**
 * Every custom resource Ferry knows, keyed by kind (kinds are unique across the groups used).
 * Immutable; the CRD renderer, the validator and other libs read it.
 */
export const resourceDefinitions = Object.freeze({
  Backup: backupDefinition,
  Restore: restoreDefinition,
  Schedule: scheduleDefinition,
  BackupStorageLocation: backupStorageLocationDefinition,
  VolumeSnapshotLocation: volumeSnapshotLocationDefinition,
  DownloadRequest: downloadRequestDefinition,
  DeleteBackupRequest: deleteBackupRequestDefinition,
  ServerStatusRequest: serverStatusRequestDefinition,
  PodVolumeBackup: podVolumeBackupDefinition,
  PodVolumeRestore: podVolumeRestoreDefinition,
  BackupRepository: backupRepositoryDefinition,
  DataUpload: dataUploadDefinition,
  DataDownload: dataDownloadDefinition,
  VolumeSnapshotBackup: volumeSnapshotBackupDefinition,
  VolumeSnapshotRestore: volumeSnapshotRestoreDefinition,
  DataMoverClass: dataMoverClassDefinition,
  VolumeSnapshot: volumeSnapshotDefinition,
  VolumeSnapshotContent: volumeSnapshotContentDefinition,
  VolumeSnapshotClass: volumeSnapshotClassDefinition,
});

/** Kind of a resource in {@link resourceDefinitions}. */
export type ResourceKind = keyof typeof resourceDefinitions;

/** The TypeScript type of an object of kind `K` (e.g. `ResourceOf<'DataUpload'>` = `DataUpload`). */
export type ResourceOf<K extends ResourceKind> = z.infer<(typeof resourceDefinitions)[K]['schema']>;

/** Every kind in {@link resourceDefinitions}, in registry order. */
export const resourceKinds = Object.freeze(Object.keys(resourceDefinitions) as ResourceKind[]);

/** True when `kind` names a resource in {@link resourceDefinitions}. */
export function isResourceKind(kind: string): kind is ResourceKind {
  return Object.prototype.hasOwnProperty.call(resourceDefinitions, kind);
}

/** Definitions whose CRD Ferry generates (velero.io, OADP, DataMoverClass), in registry order. */
export function generatedResourceDefinitions(): ResourceDefinition[] {
  return Object.values(resourceDefinitions).filter((d) => d.crdSource === CrdSource.Generated);
}

/** Definitions whose upstream CRD is shipped unchanged (the CSI snapshot kinds), in registry order. */
export function upstreamResourceDefinitions(): ResourceDefinition[] {
  return Object.values(resourceDefinitions).filter((d) => d.crdSource === CrdSource.Upstream);
}
