// Test builders: complete, valid Backup, Restore, Schedule, location and request objects.
import type { Backup, BackupSpec } from '../resources/velero/backup-schema';
import type { BackupStorageLocation } from '../resources/velero/backup-storage-location-schema';
import type { DownloadRequest } from '../resources/velero/download-request-schema';
import type { Restore, RestoreSpec } from '../resources/velero/restore-schema';
import type { Schedule } from '../resources/velero/schedule-schema';
import type { DeleteBackupRequest, ServerStatusRequest } from '../resources/velero/velero-request-schemas';
import type { VolumeSnapshotLocation } from '../resources/velero/volume-snapshot-location-schema';
import { aMeta, aSelector, at, typeMeta } from './velero-builders';

/** A complete Backup spec (also a Schedule template). */
export function aBackupSpec(overrides: Partial<BackupSpec> = {}): BackupSpec {
  const exec = () => ({ container: 'app', command: ['sync'], onError: 'Fail' as const, timeout: '30s' });
  return {
    metadata: { labels: { a: 'b' }, annotations: null },
    includedNamespaces: ['app'],
    excludedNamespaces: null,
    includedResources: ['*'],
    excludedResources: [],
    includedClusterScopedResources: ['storageclasses'],
    excludedClusterScopedResources: [],
    includedNamespaceScopedResources: ['*'],
    excludedNamespaceScopedResources: [],
    labelSelector: aSelector(),
    orLabelSelectors: [aSelector()],
    snapshotVolumes: true,
    ttl: '720h0m0s',
    includeClusterResources: null,
    hooks: {
      resources: [
        { name: 'h', includedNamespaces: ['app'], labelSelector: aSelector(), pre: [{ exec: exec() }], post: [{ exec: exec() }] },
      ],
    },
    storageLocation: 'default',
    volumeSnapshotLocations: ['default'],
    defaultVolumesToRestic: false,
    defaultVolumesToFsBackup: false,
    orderedResources: { pods: 'app/a,app/b' },
    csiSnapshotTimeout: '10m0s',
    itemOperationTimeout: '4h0m0s',
    resourcePolicy: { kind: 'configmap', name: 'policy' },
    snapshotMoveData: true,
    datamover: 'ferry',
    uploaderConfig: { parallelFilesUpload: 4 },
    volumeGroupSnapshotLabelKey: 'group',
    backupType: 'Incremental',
    ...overrides,
  };
}

/** A complete Backup. */
export function aBackup(spec: Partial<BackupSpec> = {}): Backup {
  return {
    ...typeMeta('velero.io/v1', 'Backup'),
    metadata: aMeta('backup-1'),
    spec: aBackupSpec(spec),
    status: {
      version: 1,
      formatVersion: '1.1.0',
      expiration: at,
      phase: 'Completed',
      queuePosition: 0,
      validationErrors: null,
      startTimestamp: at,
      completionTimestamp: at,
      volumeSnapshotsAttempted: 1,
      volumeSnapshotsCompleted: 1,
      failureReason: '',
      warnings: 0,
      errors: 0,
      progress: { totalItems: 10, itemsBackedUp: 10 },
      csiVolumeSnapshotsAttempted: 1,
      csiVolumeSnapshotsCompleted: 1,
      backupItemOperationsAttempted: 1,
      backupItemOperationsCompleted: 1,
      backupItemOperationsFailed: 0,
      hookStatus: { hooksAttempted: 2, hooksFailed: 0 },
    },
  };
}

/** A complete Restore. */
export function aRestore(spec: Partial<RestoreSpec> = {}): Restore {
  return {
    ...typeMeta('velero.io/v1', 'Restore'),
    metadata: aMeta('restore-1'),
    spec: {
      backupName: 'backup-1',
      scheduleName: '',
      includedNamespaces: ['app'],
      excludedNamespaces: null,
      includedResources: null,
      excludedResources: ['nodes'],
      namespaceMapping: { app: 'app-copy' },
      labelSelector: aSelector(),
      orLabelSelectors: null,
      restorePVs: true,
      restoreStatus: { includedResources: ['*'], excludedResources: null },
      preserveNodePorts: null,
      includeClusterResources: true,
      hooks: {
        resources: [
          {
            name: 'init',
            postHooks: [
              { init: { initContainers: [{ name: 'c', image: 'busybox', command: ['true'] }], timeout: '1m' } },
              { exec: { command: ['ls'], onError: 'Continue', execTimeout: '1m', waitTimeout: '1m', waitForReady: true } },
            ],
          },
        ],
      },
      existingResourcePolicy: 'update',
      itemOperationTimeout: '4h0m0s',
      resourceModifier: { apiGroup: '', kind: 'ConfigMap', name: 'modifiers' },
      uploaderConfig: { writeSparseFiles: true, parallelFilesDownload: 2 },
      resourcePolicy: null,
      skipDefaultResourceModifier: false,
      ...spec,
    },
    status: {
      phase: 'InProgress',
      validationErrors: [],
      restoreItemOperationsAttempted: 1,
      restoreItemOperationsCompleted: 0,
      restoreItemOperationsFailed: 0,
      warnings: 0,
      errors: 0,
      failureReason: '',
      startTimestamp: at,
      completionTimestamp: null,
      progress: { totalItems: 12, itemsRestored: 3 },
      hookStatus: { hooksAttempted: 1, hooksFailed: 0 },
    },
  };
}

/** A complete Schedule. */
export function aSchedule(): Schedule {
  return {
    ...typeMeta('velero.io/v1', 'Schedule'),
    metadata: aMeta('daily'),
    spec: { template: aBackupSpec(), schedule: '0 1 * * *', useOwnerReferencesInBackup: false, paused: false, skipImmediately: true },
    status: { phase: 'Enabled', lastBackup: at, lastSkipped: null, validationErrors: [] },
  };
}

/** A complete BackupStorageLocation. */
export function aBackupStorageLocation(): BackupStorageLocation {
  const secretRef = { name: 'cloud-credentials', key: 'cloud', optional: false };
  return {
    ...typeMeta('velero.io/v1', 'BackupStorageLocation'),
    metadata: aMeta('default'),
    spec: {
      provider: 'aws',
      config: { region: 'minio', s3Url: 'http://minio:9000', s3ForcePathStyle: 'true' },
      credential: secretRef,
      objectStorage: { bucket: 'velero', prefix: 'cluster-a', caCert: 'Y2E=', caCertRef: secretRef },
      default: true,
      accessMode: 'ReadWrite',
      backupSyncPeriod: '1m',
      validationFrequency: null,
    },
    status: {
      phase: 'Available',
      lastSyncedTime: at,
      lastSyncedRevision: 'r1',
      lastValidationTime: at,
      message: '',
      accessMode: 'ReadWrite',
    },
  };
}

/** A complete VolumeSnapshotLocation. */
export function aVolumeSnapshotLocation(): VolumeSnapshotLocation {
  return {
    ...typeMeta('velero.io/v1', 'VolumeSnapshotLocation'),
    metadata: aMeta('default'),
    spec: { provider: 'aws', config: { region: 'us-east-1' }, credential: { key: 'cloud', name: 'creds' } },
    status: { phase: 'Available' },
  };
}

/** A complete DownloadRequest. */
export function aDownloadRequest(): DownloadRequest {
  return {
    ...typeMeta('velero.io/v1', 'DownloadRequest'),
    metadata: aMeta('restore-1-0f3c'),
    spec: { target: { kind: 'RestoreVolumeInfo', name: 'restore-1' } },
    status: { phase: 'Processed', downloadURL: 'http://minio:9000/x', expiration: at, message: '' },
  };
}

/** A complete DeleteBackupRequest. */
export function aDeleteBackupRequest(): DeleteBackupRequest {
  return {
    ...typeMeta('velero.io/v1', 'DeleteBackupRequest'),
    metadata: aMeta('backup-1-del'),
    spec: { backupName: 'backup-1' },
    status: { phase: 'Processed', errors: null },
  };
}

/** A complete ServerStatusRequest. */
export function aServerStatusRequest(): ServerStatusRequest {
  return {
    ...typeMeta('velero.io/v1', 'ServerStatusRequest'),
    metadata: aMeta('ssr-1'),
    spec: {},
    status: {
      phase: 'Processed',
      processedTimestamp: at,
      serverVersion: 'v1.18.2',
      plugins: [{ kind: 'BackupItemAction', name: 'velero.io/pod' }],
    },
  };
}
