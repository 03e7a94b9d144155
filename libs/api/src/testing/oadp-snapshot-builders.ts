// Test builders: complete, valid OADP, DataMoverClass and CSI snapshot objects, and documents.
import type { BackupVolumeInfo, RestoreVolumeInfo } from '../documents/volume-info-schema';
import type { DataMoverClass, DataMoverClassSpec } from '../resources/oadp/data-mover-class-schema';
import type { VolumeSnapshotBackup } from '../resources/oadp/volume-snapshot-backup-schema';
import type { VolumeSnapshotRestore } from '../resources/oadp/volume-snapshot-restore-schema';
import type { VolumeSnapshotClass } from '../resources/snapshot/volume-snapshot-class-schema';
import type { VolumeSnapshotContent } from '../resources/snapshot/volume-snapshot-content-schema';
import type { VolumeSnapshot } from '../resources/snapshot/volume-snapshot-schema';
import { aCondition, aMeta, at } from './velero-builders';

const pvcData = { name: 'data', size: '1Gi', storageClassName: 'csi-sc' };

/** A complete VolumeSnapshotBackup. */
export function aVolumeSnapshotBackup(): VolumeSnapshotBackup {
  return {
    apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
    kind: 'VolumeSnapshotBackup',
    metadata: aMeta('vsb-1', 'app'),
    spec: {
      volumeSnapshotContent: { name: 'snapcontent-1' },
      protectedNamespace: 'openshift-adp',
      resticSecretRef: { name: 'restic-secret' },
    },
    status: {
      completed: true,
      conditions: [aCondition({ type: 'Reconciled', reason: 'Complete' })],
      sourcePVCData: pvcData,
      resticrepository: 's3:http://minio:9000/velero/app',
      phase: 'Completed',
      batchingStatus: 'Completed',
      volumeSnapshotClassName: 'csi-vsc',
      startTimestamp: at,
      completionTimestamp: at,
      replicationSourceData: { name: 'vsb-1-rep-src', startTimestamp: at, completionTimestamp: at },
    },
  };
}

/** A complete VolumeSnapshotRestore. */
export function aVolumeSnapshotRestore(): VolumeSnapshotRestore {
  return {
    apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
    kind: 'VolumeSnapshotRestore',
    metadata: aMeta('vsr-1', 'app'),
    spec: {
      resticSecretRef: { name: 'restic-secret' },
      volumeSnapshotMoverBackupRef: { sourcePVCData: pvcData, resticrepository: 's3:x', volumeSnapshotClassName: 'csi-vsc' },
      protectedNamespace: 'openshift-adp',
    },
    status: {
      conditions: [aCondition({ type: 'Reconciled', status: 'False', reason: 'Error' })],
      snapshotHandle: 'handle-1',
      volumeSnapshotContentName: 'vsc-1',
      phase: 'SnapshotRestoreDone',
      batchingStatus: 'Processing',
      startTimestamp: at,
      completionTimestamp: at,
      replicationDestinationData: { name: 'vsr-1-rep-dest', startTimestamp: at },
    },
  };
}

/** A complete DataMoverClass. */
export function aDataMoverClass(spec: Partial<DataMoverClassSpec> = {}): DataMoverClass {
  return {
    apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
    kind: 'DataMoverClass',
    metadata: aMeta('ferry', undefined),
    spec: {
      mover: 'ferry',
      datamover: 'ferry',
      storageClassNames: ['csi-sc'],
      // The DataMoverClass selector's operators are an enum (checked on admission).
      pvcSelector: { matchLabels: { app: 'demo' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] },
      dataMoverConfig: { compression: 'none' },
      ...spec,
    },
    status: { observedGeneration: 1, conditions: [aCondition()] },
  };
}

/** A complete VolumeSnapshot. */
export function aVolumeSnapshot(): VolumeSnapshot {
  return {
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshot',
    metadata: aMeta('vs-1', 'app'),
    spec: { source: { persistentVolumeClaimName: 'data' }, volumeSnapshotClassName: 'csi-vsc' },
    status: {
      boundVolumeSnapshotContentName: 'snapcontent-1',
      creationTime: at,
      error: { message: 'transient', time: at },
      readyToUse: true,
      restoreSize: '1Gi',
      volumeGroupSnapshotName: 'vgs',
    },
  };
}

/** A complete VolumeSnapshotContent. */
export function aVolumeSnapshotContent(): VolumeSnapshotContent {
  return {
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshotContent',
    metadata: aMeta('snapcontent-1', undefined),
    spec: {
      deletionPolicy: 'Delete',
      driver: 'hostpath.csi.k8s.io',
      source: { snapshotHandle: 'handle-1' },
      sourceVolumeMode: 'Filesystem',
      volumeSnapshotClassName: 'csi-vsc',
      volumeSnapshotRef: { name: 'vs-1', namespace: 'app' },
    },
    status: {
      creationTime: 1_779_000_000_000_000_000, // Unix nanoseconds: beyond 2^53
      error: { message: 'transient', time: at },
      readyToUse: true,
      restoreSize: 1_073_741_824,
      snapshotHandle: 'handle-1',
      volumeGroupSnapshotHandle: 'vgs-handle',
    },
  };
}

/** A complete VolumeSnapshotClass. */
export function aVolumeSnapshotClass(): VolumeSnapshotClass {
  return {
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshotClass',
    metadata: aMeta('csi-vsc', undefined),
    driver: 'hostpath.csi.k8s.io',
    deletionPolicy: 'Retain',
    parameters: { a: 'b' },
  };
}

/** A BackupVolumeInfo of a data-moved CSI volume, as Velero writes it. */
export function aBackupVolumeInfo(overrides: Partial<BackupVolumeInfo> = {}): BackupVolumeInfo {
  return {
    pvcName: 'data',
    pvcNamespace: 'app',
    pvName: 'pv-1',
    backupMethod: 'CSISnapshot',
    snapshotDataMoved: true,
    preserveLocalSnapshot: false,
    skipped: false,
    startTimestamp: at,
    completionTimestamp: at,
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
      snapshotHandle: 'snap-1',
      operationID: 'du-1.2',
      size: 1000,
      incrementalSize: 10,
      Phase: 'Completed',
    },
    pvInfo: { reclaimPolicy: 'Delete', labels: null },
    ...overrides,
  };
}

/** A RestoreVolumeInfo of a data-mover restore, as Velero writes it. */
export function aRestoreVolumeInfo(overrides: Partial<RestoreVolumeInfo> = {}): RestoreVolumeInfo {
  return {
    pvcName: 'data',
    pvcNamespace: 'app',
    pvName: 'pv-2',
    restoreMethod: 'CSISnapshot',
    snapshotDataMoved: true,
    snapshotDataMovementInfo: { dataMover: 'velero', uploaderType: 'kopia', snapshotHandle: 'snap-1', operationID: 'dd-1.2', size: 1000 },
    ...overrides,
  };
}
