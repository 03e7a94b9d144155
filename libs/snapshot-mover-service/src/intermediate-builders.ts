// Pure builders of the objects the snapshot mover creates: the clone of the user's snapshot in the
// protected namespace, the DataUpload over it, the per-request Secret, the VSR's target PVC, its
// DataDownload and the VolumeSnapshot of the restored data. No IO.
import {
  apiVersionOf,
  dataDownloadDefinition,
  dataUploadDefinition,
  SnapshotDeletionPolicy,
  volumeSnapshotDefinition,
  type DataDownload,
  type DataUpload,
  type VolumeSnapshot,
  type VolumeSnapshotContent,
} from '@ferry/api';
import type { V1PersistentVolumeClaim, V1Secret } from '@kubernetes/client-node';
import {
  credentialsSecretConfigKey,
  defaultOperationTimeout,
  SnapshotMoverAnnotation,
  SnapshotMoverLabel,
  type OwnerKind,
} from './snapshot-mover-names';

/** The VSB/VSR an intermediate object belongs to. */
export interface OwnerRef {
  readonly kind: OwnerKind;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

/** Labels and annotation that tie an object to its owner. */
export function ownerMetadata(owner: OwnerRef): { labels: Record<string, string>; annotations: Record<string, string> } {
  return {
    labels: { [SnapshotMoverLabel.OwnerUid]: owner.uid, [SnapshotMoverLabel.OwnerKind]: owner.kind },
    annotations: { [SnapshotMoverAnnotation.Owner]: `${owner.namespace}/${owner.name}` },
  };
}

/** Label selector of every intermediate object of the owner with `uid`. */
export const ownedSelector = (uid: string): string => `${SnapshotMoverLabel.OwnerUid}=${uid}`;

const snapshotApiVersion = apiVersionOf(volumeSnapshotDefinition);

/**
 * The clone of the user's snapshot: a static VolumeSnapshotContent `name` over the same handle and
 * driver, deletionPolicy **Retain** (removing the clone never removes the user's snapshot), bound
 * to VolumeSnapshot `name` in the protected namespace.
 */
export function buildCloneContent(
  owner: OwnerRef,
  name: string,
  protectedNamespace: string,
  source: VolumeSnapshotContent,
  handle: string,
): VolumeSnapshotContent {
  return {
    apiVersion: snapshotApiVersion,
    kind: 'VolumeSnapshotContent',
    metadata: { name, ...ownerMetadata(owner) },
    spec: {
      deletionPolicy: SnapshotDeletionPolicy.Retain,
      driver: source.spec.driver,
      source: { snapshotHandle: handle },
      ...(source.spec.volumeSnapshotClassName ? { volumeSnapshotClassName: source.spec.volumeSnapshotClassName } : {}),
      volumeSnapshotRef: { apiVersion: snapshotApiVersion, kind: 'VolumeSnapshot', name, namespace: protectedNamespace },
    },
  };
}

/** VolumeSnapshot `name` in `namespace`: bound to content `contentName`, or of PVC `claimName`. */
export function buildSnapshot(
  owner: OwnerRef,
  name: string,
  namespace: string,
  source: { contentName: string } | { claimName: string },
  className?: string,
): VolumeSnapshot {
  return {
    apiVersion: snapshotApiVersion,
    kind: 'VolumeSnapshot',
    metadata: { name, namespace, ...ownerMetadata(owner) },
    spec: {
      source: 'contentName' in source ? { volumeSnapshotContentName: source.contentName } : { persistentVolumeClaimName: source.claimName },
      ...(className ? { volumeSnapshotClassName: className } : {}),
    },
  };
}

/** The per-request Secret `name` (Opaque) holding `data` as strings. */
export function buildRequestSecret(owner: OwnerRef, name: string, namespace: string, data: Readonly<Record<string, string>>): V1Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: { name, namespace, ...ownerMetadata(owner) },
    stringData: { ...data },
  };
}

/** What a VSB's DataUpload says. */
export interface BackupDataUploadInput {
  readonly name: string;
  readonly protectedNamespace: string;
  /** The application namespace: the repository's volume namespace and the source PVC's namespace. */
  readonly sourceNamespace: string;
  readonly sourcePvc: string;
  readonly storageClass: string;
  readonly snapshotClass?: string | undefined;
  readonly driver: string;
  readonly backupStorageLocation: string;
  readonly datamover: string;
  readonly dataMoverConfig: Readonly<Record<string, string>>;
  readonly credentialsSecret: string;
}

/**
 * The DataUpload of a VSB. `csiSnapshot.volumeSnapshot` names the clone, which lives in the
 * protected namespace as VS/VSC `<du>`: the exposer finds no VS of that name in the source
 * namespace and exposes the clone as already taken over, so the user's VS and VSC stay untouched.
 */
export function buildBackupDataUpload(owner: OwnerRef, input: BackupDataUploadInput): DataUpload {
  return {
    apiVersion: apiVersionOf(dataUploadDefinition),
    kind: 'DataUpload',
    metadata: { name: input.name, namespace: input.protectedNamespace, ...ownerMetadata(owner) },
    spec: {
      snapshotType: 'CSI',
      csiSnapshot: {
        volumeSnapshot: input.name,
        storageClass: input.storageClass,
        driver: input.driver,
        ...(input.snapshotClass ? { snapshotClass: input.snapshotClass } : {}),
      },
      sourcePVC: input.sourcePvc,
      sourceNamespace: input.sourceNamespace,
      backupStorageLocation: input.backupStorageLocation,
      datamover: input.datamover,
      dataMoverConfig: { ...input.dataMoverConfig, [credentialsSecretConfigKey]: input.credentialsSecret },
      operationTimeout: defaultOperationTimeout,
    },
  };
}

/** What a VSR's target PVC and DataDownload say. */
export interface RestoreDataDownloadInput {
  readonly name: string;
  readonly protectedNamespace: string;
  readonly targetPvc: string;
  /** The repository's volume namespace (parsed from `resticrepository`). */
  readonly sourceNamespace: string;
  readonly snapshotId: string;
  readonly backupStorageLocation: string;
  readonly datamover: string;
  readonly dataMoverConfig: Readonly<Record<string, string>>;
  readonly credentialsSecret: string;
}

/**
 * The VSR's target PVC (RWO, `size`, class when known). Its selector on the owner label keeps
 * provisioners away until the restore exposer binds the restored volume to it (as Velero's
 * restored claims do).
 */
export function buildRestoreTarget(
  owner: OwnerRef,
  name: string,
  namespace: string,
  size: string,
  storageClassName?: string,
): V1PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace, ...ownerMetadata(owner) },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: size } },
      ...(storageClassName ? { storageClassName } : {}),
      selector: { matchLabels: { [SnapshotMoverLabel.OwnerUid]: owner.uid } },
    },
  };
}

/** The DataDownload of a VSR, restoring `snapshotId` into the target PVC. */
export function buildRestoreDataDownload(owner: OwnerRef, input: RestoreDataDownloadInput): DataDownload {
  return {
    apiVersion: apiVersionOf(dataDownloadDefinition),
    kind: 'DataDownload',
    metadata: { name: input.name, namespace: input.protectedNamespace, ...ownerMetadata(owner) },
    spec: {
      targetVolume: { pvc: input.targetPvc, pv: '', namespace: input.protectedNamespace },
      backupStorageLocation: input.backupStorageLocation,
      datamover: input.datamover,
      snapshotID: input.snapshotId,
      sourceNamespace: input.sourceNamespace,
      dataMoverConfig: { ...input.dataMoverConfig, [credentialsSecretConfigKey]: input.credentialsSecret },
      operationTimeout: defaultOperationTimeout,
    },
  };
}
