import type { V1ObjectMeta, V1ObjectReference } from '@kubernetes/client-node';
import type { ResourceDescriptor } from '@ferry/kube';

/** The CSI snapshot API group the simulator serves (external-snapshotter's v1 CRDs). */
export const snapshotApiGroup = 'snapshot.storage.k8s.io';
export const snapshotApiVersion = `${snapshotApiGroup}/v1`;

/** `snapshot.storage.k8s.io/v1` VolumeSnapshot (the fields the simulator reads and writes). */
export interface VolumeSnapshot {
  apiVersion?: string;
  kind?: string;
  metadata?: V1ObjectMeta;
  spec: {
    source: { persistentVolumeClaimName?: string; volumeSnapshotContentName?: string };
    volumeSnapshotClassName?: string;
  };
  status?: VolumeSnapshotStatus;
}

/** VolumeSnapshot status: `restoreSize` is a quantity, `creationTime` an RFC 3339 time. */
export interface VolumeSnapshotStatus {
  boundVolumeSnapshotContentName?: string;
  readyToUse?: boolean;
  restoreSize?: string;
  creationTime?: string;
  error?: { message?: string; time?: string } | null;
}

/** `snapshot.storage.k8s.io/v1` VolumeSnapshotContent. */
export interface VolumeSnapshotContent {
  apiVersion?: string;
  kind?: string;
  metadata?: V1ObjectMeta;
  spec: {
    deletionPolicy: 'Delete' | 'Retain';
    driver: string;
    source: { volumeHandle?: string; snapshotHandle?: string };
    volumeSnapshotClassName?: string;
    volumeSnapshotRef: V1ObjectReference;
    sourceVolumeMode?: string;
  };
  status?: VolumeSnapshotContentStatus;
}

/** VolumeSnapshotContent status: `restoreSize` in bytes, `creationTime` in Unix nanoseconds. */
export interface VolumeSnapshotContentStatus {
  snapshotHandle?: string;
  readyToUse?: boolean;
  restoreSize?: number;
  creationTime?: number;
  error?: { message?: string; time?: string } | null;
}

/** `snapshot.storage.k8s.io/v1` VolumeSnapshotClass. */
export interface VolumeSnapshotClass {
  apiVersion?: string;
  kind?: string;
  metadata?: V1ObjectMeta;
  driver: string;
  deletionPolicy: 'Delete' | 'Retain';
  parameters?: Record<string, string>;
}

const snapshotResource = (plural: string, namespaced: boolean, statusSubresource: boolean): ResourceDescriptor => ({
  group: snapshotApiGroup,
  version: 'v1',
  plural,
  scope: namespaced ? 'Namespaced' : 'Cluster',
  statusSubresource,
});

/** Descriptors of the snapshot kinds (VolumeSnapshot and its content have a `/status` subresource). */
export const snapshotResources = {
  volumeSnapshots: snapshotResource('volumesnapshots', true, true),
  volumeSnapshotContents: snapshotResource('volumesnapshotcontents', false, true),
  volumeSnapshotClasses: snapshotResource('volumesnapshotclasses', false, false),
} as const;

/** Finalizers the snapshot controller puts on the objects it binds (and removes when they go). */
export const snapshotFinalizers = {
  volumeSnapshotBound: 'snapshot.storage.kubernetes.io/volumesnapshot-bound-protection',
  volumeSnapshotAsSource: 'snapshot.storage.kubernetes.io/volumesnapshot-as-source-protection',
  contentBound: 'snapshot.storage.kubernetes.io/volumesnapshotcontent-bound-protection',
} as const;
