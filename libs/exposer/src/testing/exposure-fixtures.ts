// Test builders: small valid inputs of the exposer builders and the diagnosis, each with shallow
// overrides. Not exported from the lib's entry; specs import them directly.
import type { DataDownload, DataUpload, VolumeSnapshot, VolumeSnapshotContent } from '@ferry/api';
import type { BackupExposureInput } from '../backup-exposure-builders';
import type { ExposerPodTemplate } from '../exposer-pod-template';
import type { KubeEvent, PersistentVolume, PersistentVolumeClaim, Pod, PodCondition } from '../kube-types';
import type { RestoreExposureInput } from '../restore-exposure-builders';

/** Ferry's namespace in tests. */
export const ferryNs = 'ferry';

/** A DataUpload `du-1` (uid `du-uid`) for PVC app/data. */
export function aDataUpload(): DataUpload {
  return {
    apiVersion: 'velero.io/v2alpha1',
    kind: 'DataUpload',
    metadata: { name: 'du-1', namespace: ferryNs, uid: 'du-uid' },
    spec: {
      snapshotType: 'CSI',
      sourcePVC: 'data',
      sourceNamespace: 'app',
      backupStorageLocation: 'default',
      operationTimeout: '10m',
      csiSnapshot: { volumeSnapshot: 'vs-1', storageClass: 'standard', snapshotClass: 'csi-vsc', driver: 'hostpath.csi.k8s.io' },
    },
  };
}

/** A DataDownload `dd-1` (uid `dd-uid`) into PVC app/data. */
export function aDataDownload(): DataDownload {
  return {
    apiVersion: 'velero.io/v2alpha1',
    kind: 'DataDownload',
    metadata: { name: 'dd-1', namespace: ferryNs, uid: 'dd-uid' },
    spec: {
      targetVolume: { pvc: 'data', pv: '', namespace: 'app' },
      backupStorageLocation: 'default',
      snapshotID: 'snap-1',
      sourceNamespace: 'app',
      operationTimeout: '10m',
    },
  };
}

/** A PVC app/data of class `standard`, 1Gi, Filesystem. */
export function aPvc(spec: NonNullable<PersistentVolumeClaim['spec']> = {}): PersistentVolumeClaim {
  return {
    metadata: { name: 'data', namespace: 'app', labels: { app: 'demo' }, annotations: { note: 'x' } },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
      resources: { requests: { storage: '1Gi' } },
      ...spec,
    },
  };
}

/** The user's ready VolumeSnapshot app/vs-1 with the given restoreSize (`null` = none). */
export function aVs(restoreSize: string | number | null = '2Gi'): VolumeSnapshot {
  return {
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshot',
    metadata: { name: 'vs-1', namespace: 'app', annotations: { 'velero.io/backup-name': 'b1' } },
    spec: { source: { persistentVolumeClaimName: 'data' }, volumeSnapshotClassName: 'csi-vsc' },
    status: { readyToUse: true, boundVolumeSnapshotContentName: 'snapcontent-1', ...(restoreSize === null ? {} : { restoreSize }) },
  };
}

/** The ready VolumeSnapshotContent `snapcontent-1` bound to app/vs-1. */
export function aVsc(): VolumeSnapshotContent {
  return {
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshotContent',
    metadata: { name: 'snapcontent-1', labels: { 'snapshot.storage.kubernetes.io/managed-by': 'external-snapshotter', other: 'x' } },
    spec: {
      deletionPolicy: 'Delete',
      driver: 'hostpath.csi.k8s.io',
      source: { volumeHandle: 'vol-1' },
      volumeSnapshotClassName: 'csi-vsc',
      volumeSnapshotRef: { name: 'vs-1', namespace: 'app' },
    },
    status: { readyToUse: true, snapshotHandle: 'handle-1' },
  };
}

/** Exposer pod settings with image and service account only. */
export function aPodTemplate(overrides: Partial<ExposerPodTemplate> = {}): ExposerPodTemplate {
  return { image: 'ferry/mover:dev', serviceAccountName: 'velero', ...overrides };
}

/** Backup builder input; pvcSettings default to no mapping, read-write. */
export function aBackupInput(overrides: Partial<BackupExposureInput> = {}): BackupExposureInput {
  return {
    dataUpload: aDataUpload(),
    sourcePvc: aPvc(),
    sourceVs: aVs(),
    sourceVsc: aVsc(),
    pvcSettings: { readOnly: false, spcNoRelabeling: false },
    namespace: ferryNs,
    podTemplate: aPodTemplate(),
    ...overrides,
  };
}

/** Restore builder input (Immediate binding: no selected node). */
export function aRestoreInput(overrides: Partial<RestoreExposureInput> = {}): RestoreExposureInput {
  return { dataDownload: aDataDownload(), targetPvc: aPvc(), namespace: ferryNs, podTemplate: aPodTemplate(), ...overrides };
}

/** An exposer pod `du-1` in the given phase with the given conditions. */
export function aPod(
  phase: string,
  overrides: { nodeName?: string; conditions?: PodCondition[]; waitingReason?: string; message?: string } = {},
): Pod {
  return {
    metadata: { name: 'du-1', namespace: ferryNs },
    spec: { containers: [{ name: 'du-uid', image: 'ferry/mover:dev' }], ...(overrides.nodeName ? { nodeName: overrides.nodeName } : {}) },
    status: {
      phase,
      ...(overrides.message ? { message: overrides.message } : {}),
      conditions: overrides.conditions ?? [],
      containerStatuses: overrides.waitingReason
        ? [{ name: 'du-uid', state: { waiting: { reason: overrides.waitingReason, message: `Back-off pulling image "ferry/mover:dev"` } } }]
        : [],
    },
  };
}

/** A backupPVC `du-1` in the given phase. */
export function aBackupPvc(phase: string, volumeName?: string): PersistentVolumeClaim {
  return { metadata: { name: 'du-1', namespace: ferryNs }, spec: { ...(volumeName ? { volumeName } : {}) }, status: { phase } };
}

/** A PV in the given phase. */
export function aPv(phase: string, message?: string): PersistentVolume {
  return { metadata: { name: 'pv-1' }, status: { phase, ...(message ? { message, reason: 'ProvisioningError' } : {}) } };
}

/** A Warning event. */
export function aWarning(reason: string, message: string): KubeEvent {
  return { type: 'Warning', reason, message };
}
