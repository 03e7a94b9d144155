// Everything a VolumeSnapshotRestore needs, read from the cluster and checked: the repository
// (`volumeSnapshotMoverBackupRef.resticrepository`) and its BSL, the snapshot to restore, the
// target size and classes, the DataMoverClass and the per-request credentials. A missing piece is
// an InvalidRequest naming the field.
import type { BackupStorageLocation, DataMoverClass, VolumeSnapshotRestore } from '@ferry/api';
import { DataMoverClassKey, isDefaultDataMoverClass, parseRepositoryIdentifier, uploaderTypeConfigKey } from '@ferry/data-movement';
import { invalidRequest } from './errors';
import { readLocationCredential, readResticPassword, type RequestCredentials } from './request-credentials';
import { SnapshotMoverAnnotation } from './snapshot-mover-names';
import type { SnapshotMoverApi } from './snapshot-mover-api';
import { locationForRepository } from './storage-location-resolver';

/** The resolved inputs of a VSR. Holds the password: never log it. */
export interface RestorePlan {
  readonly protectedNamespace: string;
  readonly repository: string;
  /** The repository's volume namespace (the DataDownload's `sourceNamespace`). */
  readonly volumeNamespace: string;
  readonly location: BackupStorageLocation;
  readonly snapshotId: string;
  readonly size: string;
  readonly storageClassName?: string;
  readonly volumeSnapshotClassName: string;
  readonly dataMoverClass: DataMoverClass;
  /** The class's config with `uploaderType` set to the repository's tool when the identifier names it. */
  readonly dataMoverConfig: Readonly<Record<string, string>>;
  readonly credentials: RequestCredentials;
}

async function restoreClass(api: SnapshotMoverApi, vsr: VolumeSnapshotRestore): Promise<DataMoverClass> {
  const classes = (await api.classes.list()).sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  const named = vsr.metadata?.annotations?.[DataMoverClassKey.Class]?.trim();
  if (named) {
    const found = classes.find((c) => c.metadata?.name === named);
    if (!found)
      throw invalidRequest(`metadata.annotations[${DataMoverClassKey.Class}] names DataMoverClass "${named}", which does not exist`);
    return found;
  }
  const fallback = classes.find(isDefaultDataMoverClass);
  if (!fallback)
    throw invalidRequest(
      `no DataMoverClass for this restore: annotate it ${DataMoverClassKey.Class}=<class> or mark a class ${DataMoverClassKey.IsDefaultClass}: "true"`,
    );
  return fallback;
}

/** Resolves and checks a VSR's inputs; see the file comment for the failures. */
export async function resolveRestorePlan(api: SnapshotMoverApi, vsr: VolumeSnapshotRestore): Promise<RestorePlan> {
  const spec = vsr.spec;
  const protectedNamespace = spec?.protectedNamespace?.trim();
  if (!protectedNamespace)
    throw invalidRequest('spec.protectedNamespace is required: the namespace Ferry moves data in (where the BSL lives)');
  const password = await readResticPassword(api, protectedNamespace, spec?.resticSecretRef);
  const ref = spec?.volumeSnapshotMoverBackupRef;
  const repository = ref?.resticrepository?.trim();
  if (!repository)
    throw invalidRequest(
      'spec.volumeSnapshotMoverBackupRef.resticrepository is required: copy status.resticrepository of the VolumeSnapshotBackup',
    );
  const parsed = parseRepositoryIdentifier(repository);
  if (!parsed)
    throw invalidRequest(`spec.volumeSnapshotMoverBackupRef.resticrepository "${repository}" does not end in /<tool>/<namespace>`);
  const snapshotId = vsr.metadata?.annotations?.[SnapshotMoverAnnotation.SnapshotId]?.trim();
  if (!snapshotId) {
    throw invalidRequest(
      `metadata.annotations[${SnapshotMoverAnnotation.SnapshotId}] is required: copy it from the VolumeSnapshotBackup (Ferry restores one snapshot by ID)`,
    );
  }
  const size = ref?.sourcePVCData?.size?.trim();
  if (!size) throw invalidRequest('spec.volumeSnapshotMoverBackupRef.sourcePVCData.size is required: the size of the PVC to restore into');
  const volumeSnapshotClassName = ref?.volumeSnapshotClassName?.trim();
  if (!volumeSnapshotClassName)
    throw invalidRequest(
      'spec.volumeSnapshotMoverBackupRef.volumeSnapshotClassName is required: the class of the snapshot of the restored data',
    );
  const location = await locationForRepository(api, protectedNamespace, repository);
  const dataMoverClass = await restoreClass(api, vsr);
  const cloud = await readLocationCredential(api, location);
  const storageClassName = ref?.sourcePVCData?.storageClassName?.trim();
  return {
    protectedNamespace,
    repository,
    volumeNamespace: parsed.volumeNamespace,
    location,
    snapshotId,
    size,
    volumeSnapshotClassName,
    dataMoverClass,
    ...(storageClassName ? { storageClassName } : {}),
    dataMoverConfig: {
      ...(dataMoverClass.spec.dataMoverConfig ?? {}),
      ...(parsed.uploader ? { [uploaderTypeConfigKey]: parsed.uploader } : {}),
    },
    credentials: { password, ...(cloud !== undefined ? { cloud } : {}) },
  };
}
