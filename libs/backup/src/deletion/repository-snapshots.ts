// Which repository snapshots a backup made (Velero's getSnapshotsInBackup for PodVolumeBackups and
// the data-upload snapshot info for DataUploads), grouped per repository: one BSL, volume namespace
// and uploader each, as the mover deletes them in one call per repository. Pure.
import type { DataMoverClass, DataUpload, PodVolumeBackup } from '@ferry/api';
import { ControllerRole, decideDataMover, podVolumeUploader, type MoverUploader } from '@ferry/data-movement';

/** The snapshots of one repository a backup made. */
export interface RepositorySnapshots {
  readonly uploader: MoverUploader;
  readonly backupStorageLocation: string;
  readonly volumeNamespace: string;
  /** Ids in the order found, without duplicates. */
  readonly snapshotIds: readonly string[];
}

/** A DataUpload whose snapshot is not Ferry's to delete (another mover's, or an unusable spec), and why. */
export interface SkippedSnapshot {
  readonly dataUpload: string;
  readonly reason: string;
}

/** The snapshots of a backup, and the DataUploads left to the mover that made them. */
export interface BackupRepositorySnapshots {
  readonly repositories: readonly RepositorySnapshots[];
  readonly skipped: readonly SkippedSnapshot[];
}

interface Found {
  readonly uploader: MoverUploader;
  readonly backupStorageLocation: string;
  readonly volumeNamespace: string;
  readonly snapshotId: string;
}

function group(found: readonly Found[]): RepositorySnapshots[] {
  const byRepository = new Map<string, { repository: Omit<RepositorySnapshots, 'snapshotIds'>; ids: Set<string> }>();
  for (const { snapshotId, ...repository } of found) {
    const key = JSON.stringify([repository.backupStorageLocation, repository.volumeNamespace, repository.uploader]);
    const entry = byRepository.get(key) ?? { repository, ids: new Set<string>() };
    entry.ids.add(snapshotId);
    byRepository.set(key, entry);
  }
  return [...byRepository.values()].map(({ repository, ids }) => ({ ...repository, snapshotIds: [...ids] }));
}

/**
 * The repository snapshots of a backup's PodVolumeBackups and DataUploads (those with a
 * `status.snapshotID`; an empty volume has none). A PodVolumeBackup's repository is its BSL, the
 * pod's namespace and `spec.uploaderType` (default kopia); a DataUpload's is its BSL, source
 * namespace and the uploader Ferry moved it with (its `datamover` and the DataMoverClasses,
 * role `server`). DataUploads another mover served are skipped with the reason: their data is
 * in that mover's repository.
 */
export function repositorySnapshotsOfBackup(
  podVolumeBackups: readonly PodVolumeBackup[],
  dataUploads: readonly DataUpload[],
  classes: readonly DataMoverClass[],
): BackupRepositorySnapshots {
  const found: Found[] = [];
  const skipped: SkippedSnapshot[] = [];
  for (const pvb of podVolumeBackups) {
    const snapshotId = pvb.status?.snapshotID ?? '';
    if (!snapshotId || !pvb.spec) continue;
    found.push({
      uploader: podVolumeUploader(pvb.spec.uploaderType),
      backupStorageLocation: pvb.spec.backupStorageLocation,
      volumeNamespace: pvb.spec.pod.namespace ?? '',
      snapshotId,
    });
  }
  for (const du of dataUploads) {
    const snapshotId = du.status?.snapshotID ?? '';
    if (!snapshotId || !du.spec) continue;
    const decision = decideDataMover({
      role: ControllerRole.Server,
      datamover: du.spec.datamover,
      dataMoverConfig: du.spec.dataMoverConfig,
      classes,
    });
    if (decision.serve !== true) {
      skipped.push({ dataUpload: du.metadata?.name ?? '', reason: decision.serve === false ? decision.reason : decision.message });
      continue;
    }
    found.push({
      uploader: decision.uploader,
      backupStorageLocation: du.spec.backupStorageLocation,
      volumeNamespace: du.spec.sourceNamespace,
      snapshotId,
    });
  }
  return { repositories: group(found), skipped };
}
