// Fixtures of the volume-info integration spec: the BackupVolumeInfo / RestoreVolumeInfo entries two
// backups and one restore hold, the Backup/Restore objects, and the documents written into MinIO
// with @ferry/backup's encoders (Velero's exact bytes), gzip'd as the controllers store them.
import { gzipSync } from 'node:zlib';
import type { Backup, BackupVolumeInfo, Restore, RestoreVolumeInfo } from '@ferry/api';
import { encodeBackupVolumeInfos, encodeRestoreVolumeInfos } from '@ferry/backup';
import type { ObjectStore } from '@ferry/object-store';
import { backupFileKeys, restoreFileKeys } from '@ferry/storage-location';

/** The application namespace whose claims were backed up, and where the restore put them. */
export const appNamespace = 'shop';
export const restoredNamespace = 'shop-copy';

/** b1 (older): `data` moved with kopia, `logs` fs-backed-up with restic, `cache` skipped by policy. */
export function firstBackupVolumes(): BackupVolumeInfo[] {
  return [
    {
      pvcName: 'data',
      pvcNamespace: appNamespace,
      pvName: 'pv-data',
      backupMethod: 'CSISnapshot',
      snapshotDataMoved: true,
      preserveLocalSnapshot: false,
      skipped: false,
      startTimestamp: '2026-12-06T10:00:00Z',
      completionTimestamp: '2026-12-06T10:00:42Z',
      result: 'succeeded',
      csiSnapshotInfo: {
        snapshotHandle: 'unknown',
        size: 0,
        driver: 'hostpath.csi.k8s.io',
        vscName: 'unknown',
        operationID: 'unknown',
        ReadyToUse: null,
      },
      snapshotDataMovementInfo: {
        dataMover: 'velero',
        uploaderType: 'kopia',
        snapshotHandle: 'k5f0e1d2c3b4a',
        operationID: 'du-1.data',
        size: 1_048_576,
        incrementalSize: 65_536,
        Phase: 'Completed',
      },
      pvInfo: { reclaimPolicy: 'Delete', labels: null },
    },
    {
      pvcName: 'logs',
      pvcNamespace: appNamespace,
      pvName: 'pv-logs',
      backupMethod: 'PodVolumeBackup',
      snapshotDataMoved: false,
      preserveLocalSnapshot: false,
      skipped: false,
      startTimestamp: '2026-12-06T10:00:01Z',
      completionTimestamp: '2026-12-06T10:00:04Z',
      result: 'succeeded',
      pvbInfo: {
        snapshotHandle: '3f1c9a2b',
        size: 4096,
        uploaderType: 'restic',
        volumeName: 'logs',
        podName: 'web-0',
        podNamespace: appNamespace,
        nodeName: 'node-a',
        Phase: 'Completed',
      },
      pvInfo: { reclaimPolicy: 'Retain', labels: { tier: 'logs' } },
    },
    {
      pvcName: 'cache',
      pvcNamespace: appNamespace,
      pvName: 'pv-cache',
      snapshotDataMoved: false,
      preserveLocalSnapshot: false,
      skipped: true,
      skippedReason: 'any: skipped by volume policy;',
    },
  ];
}

/** b2 (newer): `data` as a kept CSI snapshot. */
export function secondBackupVolumes(): BackupVolumeInfo[] {
  return [
    {
      pvcName: 'data',
      pvcNamespace: appNamespace,
      pvName: 'pv-data',
      backupMethod: 'CSISnapshot',
      snapshotDataMoved: false,
      preserveLocalSnapshot: false,
      skipped: false,
      startTimestamp: '2026-12-06T11:00:00Z',
      completionTimestamp: '2026-12-06T11:00:02Z',
      result: 'succeeded',
      csiSnapshotInfo: {
        snapshotHandle: 'snap-0042',
        size: 2_097_152,
        driver: 'hostpath.csi.k8s.io',
        vscName: 'snapcontent-42',
        operationID: 'shop/velero-data-abcde/2026-12-06T11:00:00Z',
        ReadyToUse: true,
      },
    },
  ];
}

/** r1 from b1 into `shop-copy`: `data` downloaded by the data mover. */
export function restoreVolumes(): RestoreVolumeInfo[] {
  return [
    {
      pvcName: 'data',
      pvcNamespace: restoredNamespace,
      pvName: 'pv-restored-data',
      restoreMethod: 'CSISnapshot',
      snapshotDataMoved: true,
      snapshotDataMovementInfo: {
        dataMover: 'velero',
        uploaderType: 'kopia',
        snapshotHandle: 'k5f0e1d2c3b4a',
        operationID: 'dd-1.data',
        size: 1_048_576,
      },
    },
  ];
}

/** A Backup of `namespace` in `phase`, stored in BSL `default`. */
export function aBackupObject(namespace: string, name: string, phase: string, times: { start: string; end?: string }): Backup {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: { name, namespace },
    spec: { storageLocation: 'default', includedNamespaces: [appNamespace] },
    status: { phase: phase as 'Completed', startTimestamp: times.start, ...(times.end ? { completionTimestamp: times.end } : {}) },
  };
}

/** A Completed Restore of `backupName` mapping `shop` → `shop-copy`. */
export function aRestoreObject(namespace: string, name: string, backupName: string): Restore {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Restore',
    metadata: { name, namespace },
    spec: { backupName, namespaceMapping: { [appNamespace]: restoredNamespace } },
    status: { phase: 'Completed', startTimestamp: '2026-12-06T12:00:00Z', completionTimestamp: '2026-12-06T12:01:00Z' },
  };
}

/** Writes `<b>-volumeinfo.json.gz` as a sealed backup has it (Velero's bytes, gzip'd). */
export async function putBackupDocument(store: ObjectStore, backup: string, infos: BackupVolumeInfo[]): Promise<void> {
  await store.putObject(backupFileKeys(store.prefix, backup).volumeInfo, gzipSync(encodeBackupVolumeInfos(infos)));
}

/** Writes `<r>-volumeinfo.json.gz` as a sealed restore has it. */
export async function putRestoreDocument(store: ObjectStore, restore: string, infos: RestoreVolumeInfo[]): Promise<void> {
  await store.putObject(restoreFileKeys(store.prefix, restore).volumeInfo, gzipSync(encodeRestoreVolumeInfos(infos)));
}
