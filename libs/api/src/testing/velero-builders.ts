// Test builders: complete, valid velero.io data-path objects (every field set) with shallow
// overrides, and shared pieces. Not exported from the lib's entry; specs import them directly.
import type { Condition, LabelSelector, ObjectMeta } from '../schema/common-schemas';
import type { BackupRepository } from '../resources/velero/backup-repository-schema';
import type { DataDownload, DataDownloadSpec, DataDownloadStatus } from '../resources/velero/data-download-schema';
import type { DataUpload, DataUploadSpec, DataUploadStatus } from '../resources/velero/data-upload-schema';
import type { PodVolumeBackup } from '../resources/velero/pod-volume-backup-schema';
import type { PodVolumeRestore } from '../resources/velero/pod-volume-restore-schema';

/** A fixed RFC 3339 timestamp. */
export const at = '2026-05-20T10:00:00Z';

/** Object metadata in the velero namespace. */
export function aMeta(name: string, namespace: string | undefined = 'velero'): ObjectMeta {
  return { name, ...(namespace ? { namespace } : {}), uid: `${name}-uid`, labels: { app: 'demo' } };
}

/** A label selector using both matchLabels and matchExpressions. */
export function aSelector(): LabelSelector {
  return { matchLabels: { app: 'demo' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] };
}

/** A metav1.Condition. */
export function aCondition(overrides: Partial<Condition> = {}): Condition {
  return { type: 'Ready', status: 'True', reason: 'Served', message: 'ok', lastTransitionTime: at, observedGeneration: 1, ...overrides };
}

/** `apiVersion` and `kind` of a built object. */
export const typeMeta = (apiVersion: string, kind: string) => ({ apiVersion, kind });

/** A complete DataUpload. */
export function aDataUpload(spec: Partial<DataUploadSpec> = {}, status: Partial<DataUploadStatus> = {}): DataUpload {
  return {
    ...typeMeta('velero.io/v2alpha1', 'DataUpload'),
    metadata: aMeta('backup-1-abcde'),
    spec: {
      snapshotType: 'CSI',
      csiSnapshot: { volumeSnapshot: 'vs-1', storageClass: 'csi-sc', snapshotClass: 'csi-vsc', driver: 'hostpath.csi.k8s.io' },
      sourcePVC: 'data',
      datamover: 'ferry',
      backupStorageLocation: 'default',
      sourceNamespace: 'app',
      dataMoverConfig: { key: 'value' },
      cancel: false,
      operationTimeout: '10m0s',
      sourceFSType: 'ext4',
      parentSnapshot: 'auto',
      ...spec,
    },
    status: {
      phase: 'InProgress',
      path: '/abc',
      snapshotID: 'snap-1',
      dataMoverResult: { a: 'b' },
      message: '',
      startTimestamp: at,
      completionTimestamp: null,
      progress: { totalBytes: 1000, bytesDone: 10 },
      incrementalBytes: 10,
      node: 'node-1',
      nodeOS: 'linux',
      acceptedByNode: 'node-1',
      acceptedTimestamp: at,
      ...status,
    },
  };
}

/** A complete DataDownload. */
export function aDataDownload(spec: Partial<DataDownloadSpec> = {}, status: Partial<DataDownloadStatus> = {}): DataDownload {
  return {
    ...typeMeta('velero.io/v2alpha1', 'DataDownload'),
    metadata: aMeta('restore-1-abcde'),
    spec: {
      targetVolume: { pvc: 'data', pv: '', namespace: 'app', fsType: 'ext4' },
      backupStorageLocation: 'default',
      datamover: 'ferry',
      snapshotID: 'snap-1',
      sourceNamespace: 'app',
      dataMoverConfig: {},
      cancel: false,
      operationTimeout: '10m0s',
      nodeOS: 'auto',
      snapshotSize: 1000,
      ...spec,
    },
    status: {
      phase: 'Completed',
      message: 'done',
      startTimestamp: at,
      completionTimestamp: at,
      progress: { totalBytes: 1000, bytesDone: 1000 },
      node: 'node-1',
      acceptedByNode: 'node-1',
      acceptedTimestamp: at,
      ...status,
    },
  };
}

/** A complete PodVolumeBackup. */
export function aPodVolumeBackup(): PodVolumeBackup {
  return {
    ...typeMeta('velero.io/v1', 'PodVolumeBackup'),
    metadata: aMeta('backup-1-pvb'),
    spec: {
      node: 'node-1',
      pod: { kind: 'Pod', name: 'app-0', namespace: 'app', uid: 'u1' },
      volume: 'data',
      backupStorageLocation: 'default',
      repoIdentifier: '',
      uploaderType: 'kopia',
      tags: { backup: 'backup-1' },
      uploaderSettings: null,
      cancel: false,
      parentSnapshot: '',
    },
    status: {
      phase: 'Completed',
      path: '/host_pods/u1/volumes/data',
      snapshotID: 's1',
      message: '',
      startTimestamp: at,
      completionTimestamp: at,
      acceptedTimestamp: at,
      progress: { totalBytes: 5, bytesDone: 5 },
      incrementalBytes: 5,
    },
  };
}

/** A complete PodVolumeRestore. */
export function aPodVolumeRestore(): PodVolumeRestore {
  return {
    ...typeMeta('velero.io/v1', 'PodVolumeRestore'),
    metadata: aMeta('restore-1-pvr'),
    spec: {
      pod: { kind: 'Pod', name: 'app-0', namespace: 'app' },
      volume: 'data',
      backupStorageLocation: 'default',
      repoIdentifier: '',
      uploaderType: '',
      snapshotID: 's1',
      sourceNamespace: 'app',
      uploaderSettings: { writeSparseFiles: 'true' },
      cancel: false,
      snapshotSize: 5,
    },
    status: {
      phase: 'Accepted',
      message: '',
      startTimestamp: null,
      completionTimestamp: null,
      acceptedTimestamp: at,
      progress: {},
      node: 'node-1',
    },
  };
}

/** A complete BackupRepository. */
export function aBackupRepository(): BackupRepository {
  return {
    ...typeMeta('velero.io/v1', 'BackupRepository'),
    metadata: aMeta('app-default-kopia'),
    spec: {
      volumeNamespace: 'app',
      backupStorageLocation: 'default',
      repositoryType: 'kopia',
      resticIdentifier: '',
      maintenanceFrequency: '1h0m0s',
      repositoryConfig: { cacheLimitMB: '1000' },
    },
    status: {
      phase: 'Ready',
      message: '',
      lastMaintenanceTime: at,
      recentMaintenance: [{ result: 'Succeeded', startTimestamp: at, completeTimestamp: at, message: '' }],
    },
  };
}
