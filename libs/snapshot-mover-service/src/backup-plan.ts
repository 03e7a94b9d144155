// Everything a VolumeSnapshotBackup's data move needs, read from the cluster and checked: the
// user's snapshot and its PVC, the DataMoverClass of that PVC, the BSL, the repository and the
// per-request credentials. A missing piece is an InvalidRequest naming the field (or NotReady
// while the snapshot is not ready yet).
import type { BackupStorageLocation, DataMoverClass, VolumeSnapshotBackup, VolumeSnapshotContent } from '@ferry/api';
import {
  defaultUploader,
  repositoryIdentifier,
  selectDataMoverClass,
  uploaderTypeConfigKey,
  type MoverUploader,
} from '@ferry/data-movement';
import type { V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { invalidRequest, SnapshotMoverError, SnapshotMoverErrorCode } from './errors';
import { readLocationCredential, readResticPassword, type RequestCredentials } from './request-credentials';
import type { SnapshotMoverApi } from './snapshot-mover-api';
import { locationForBackup } from './storage-location-resolver';

/** The resolved inputs of a VSB. Holds the password: never log it. */
export interface BackupPlan {
  readonly protectedNamespace: string;
  readonly content: VolumeSnapshotContent;
  readonly snapshotHandle: string;
  /** The application namespace (the user's VolumeSnapshot's), the repository's volume namespace. */
  readonly sourceNamespace: string;
  readonly pvc: V1PersistentVolumeClaim;
  readonly dataMoverClass: DataMoverClass;
  readonly location: BackupStorageLocation;
  readonly uploader: MoverUploader;
  readonly repository: string;
  readonly credentials: RequestCredentials;
}

/** The uploader a class asks for (`dataMoverConfig.uploaderType`), default kopia. */
export function uploaderOfClass(dataMoverClass: DataMoverClass): MoverUploader {
  return dataMoverClass.spec.dataMoverConfig?.[uploaderTypeConfigKey]?.trim() === 'restic' ? 'restic' : defaultUploader;
}

/** Resolves and checks a VSB's inputs; see the file comment for the failures. */
export async function resolveBackupPlan(api: SnapshotMoverApi, vsb: VolumeSnapshotBackup): Promise<BackupPlan> {
  const spec = vsb.spec;
  const protectedNamespace = spec?.protectedNamespace?.trim();
  if (!protectedNamespace)
    throw invalidRequest('spec.protectedNamespace is required: the namespace Ferry moves data in (where the BSL lives)');
  const password = await readResticPassword(api, protectedNamespace, spec?.resticSecretRef);
  const contentName = spec?.volumeSnapshotContent?.name?.trim();
  if (!contentName) throw invalidRequest('spec.volumeSnapshotContent.name is required: name the VolumeSnapshotContent to back up');
  const content = await api.contents.find(undefined, contentName);
  if (!content) throw invalidRequest(`spec.volumeSnapshotContent.name: VolumeSnapshotContent ${contentName} does not exist`);
  const snapshotHandle = content.status?.snapshotHandle;
  if (!snapshotHandle || content.status?.readyToUse !== true) {
    throw new SnapshotMoverError(SnapshotMoverErrorCode.NotReady, `VolumeSnapshotContent ${contentName} is not ready to use yet`);
  }
  const snapshotRef = content.spec.volumeSnapshotRef;
  const sourceNamespace = snapshotRef.namespace ?? vsb.metadata?.namespace ?? '';
  const snapshot = snapshotRef.name ? await api.snapshots.find(sourceNamespace, snapshotRef.name) : undefined;
  const claimName = snapshot?.spec.source.persistentVolumeClaimName;
  if (!claimName) {
    throw invalidRequest(
      `spec.volumeSnapshotContent.name: VolumeSnapshotContent ${contentName} is not bound to a VolumeSnapshot of a PVC (${sourceNamespace}/${snapshotRef.name ?? '?'}): the source PVC cannot be found`,
    );
  }
  const pvc = await api.findPvc(sourceNamespace, claimName);
  if (!pvc) throw invalidRequest(`the source PVC ${sourceNamespace}/${claimName} of VolumeSnapshotContent ${contentName} does not exist`);
  const selection = selectDataMoverClass(
    {
      namespace: sourceNamespace,
      name: claimName,
      labels: pvc.metadata?.labels,
      annotations: pvc.metadata?.annotations,
      storageClassName: pvc.spec?.storageClassName,
    },
    await api.classes.list(),
  );
  if (!selection.ok) throw invalidRequest(selection.message);
  const location = await locationForBackup(api, protectedNamespace, vsb);
  const uploader = uploaderOfClass(selection.dataMoverClass);
  const repository = repositoryIdentifier(location, sourceNamespace, uploader);
  if (!repository.ok) throw invalidRequest(repository.message);
  const cloud = await readLocationCredential(api, location);
  return {
    protectedNamespace,
    content,
    snapshotHandle,
    sourceNamespace,
    pvc,
    dataMoverClass: selection.dataMoverClass,
    location,
    uploader,
    repository: repository.identifier,
    credentials: { password, ...(cloud !== undefined ? { cloud } : {}) },
  };
}
