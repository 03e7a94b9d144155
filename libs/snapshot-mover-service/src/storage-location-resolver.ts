// Which BackupStorageLocation a VSB moves data to, and which one holds a VSR's repository.
import { VeleroLabel, type BackupStorageLocation, type VolumeSnapshotBackup } from '@ferry/api';
import { locationOfRepository } from '@ferry/data-movement';
import { invalidRequest } from './errors';
import type { SnapshotMoverApi } from './snapshot-mover-api';

/**
 * The BSL of a VSB, in `protectedNamespace`: the storage location of the Backup named by its
 * `velero.io/backup-name` label when that Backup names one, else the default BSL
 * (`spec.default: true`), else the only BSL. Rejects with an InvalidRequest otherwise.
 */
export async function locationForBackup(
  api: SnapshotMoverApi,
  protectedNamespace: string,
  vsb: VolumeSnapshotBackup,
): Promise<BackupStorageLocation> {
  const locations = await api.locations.list(protectedNamespace);
  const backupName = vsb.metadata?.labels?.[VeleroLabel.BackupName];
  const backup = backupName ? await api.veleroBackups.find(protectedNamespace, backupName) : undefined;
  const wanted = backup?.spec?.storageLocation;
  if (wanted) {
    const named = locations.find((bsl) => bsl.metadata?.name === wanted);
    if (!named)
      throw invalidRequest(
        `Backup ${protectedNamespace}/${backupName ?? ''} names BackupStorageLocation ${wanted}, which does not exist in ${protectedNamespace}`,
      );
    return named;
  }
  const chosen = locations.find((bsl) => bsl.spec?.default === true) ?? (locations.length === 1 ? locations[0] : undefined);
  if (!chosen) {
    throw invalidRequest(
      `no BackupStorageLocation to move to in ${protectedNamespace}: mark one spec.default: true, or label the VolumeSnapshotBackup ${VeleroLabel.BackupName} with a Backup that names one`,
    );
  }
  return chosen;
}

/** The BSL in `protectedNamespace` whose repository identifier is `repository`; InvalidRequest when none. */
export async function locationForRepository(
  api: SnapshotMoverApi,
  protectedNamespace: string,
  repository: string,
): Promise<BackupStorageLocation> {
  const found = locationOfRepository(repository, await api.locations.list(protectedNamespace));
  if (!found) {
    throw invalidRequest(
      `spec.volumeSnapshotMoverBackupRef.resticrepository "${repository}" is not the repository of any BackupStorageLocation in ${protectedNamespace}`,
    );
  }
  return found;
}
