// The objects the backup describers' specs describe: one Backup, its data-moved claim and its
// pod volume backup, each a builder the spec adjusts to the case at hand.
import type { Backup, BackupVolumeInfo, PodVolumeBackup } from '@ferry/api';

/** Backup `b1` of namespace `app` with snapshot data movement, Completed with 12 items and 1 warning. */
export function aDescribedBackup(): Backup {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: { name: 'b1', namespace: 'velero' },
    spec: {
      includedNamespaces: ['app'],
      storageLocation: 'default',
      snapshotMoveData: true,
      resourcePolicy: { kind: 'configmap', name: 'policies' },
      ttl: '720h',
      csiSnapshotTimeout: '10m',
      itemOperationTimeout: '4h',
    },
    status: {
      phase: 'Completed',
      formatVersion: '1.1.0',
      startTimestamp: '2026-12-06T22:00:00Z',
      completionTimestamp: '2026-12-06T22:01:30Z',
      expiration: '2027-01-05T22:00:00Z',
      progress: { totalItems: 12, itemsBackedUp: 12 },
      warnings: 1,
      backupItemOperationsAttempted: 1,
    },
  };
}

/** The volume entry of claim `app/db`, snapshotted and moved by Velero's kopia data mover. */
export function aMovedVolume(): BackupVolumeInfo {
  return {
    pvcName: 'db',
    pvcNamespace: 'app',
    pvName: 'pv-db',
    backupMethod: 'CSISnapshot',
    snapshotDataMoved: true,
    preserveLocalSnapshot: false,
    skipped: false,
    result: 'succeeded',
    snapshotDataMovementInfo: {
      dataMover: 'velero',
      uploaderType: 'kopia',
      snapshotHandle: 'k1',
      operationID: 'du-1.2',
      size: 2097152,
      incrementalSize: 1024,
    },
  };
}

/** The Completed kopia PodVolumeBackup of volume `logs` of pod `app/web` (10 KiB). */
export function aDescribedPodVolumeBackup(): PodVolumeBackup {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'PodVolumeBackup',
    metadata: { name: 'b1-x', namespace: 'velero' },
    spec: {
      node: 'n1',
      pod: { namespace: 'app', name: 'web' },
      volume: 'logs',
      backupStorageLocation: 'default',
      repoIdentifier: '',
      uploaderType: 'kopia',
    },
    status: { phase: 'Completed', progress: { totalBytes: 10240, bytesDone: 10240 } },
  };
}
