// The API calls of the snapshot mover: typed custom-resource clients and the few core calls (PVCs,
// Secrets) it needs, NotFound-tolerant and idempotent where the reconcilers need it.
import {
  backupDefinition,
  backupStorageLocationDefinition,
  restoreDefinition,
  dataDownloadDefinition,
  dataMoverClassDefinition,
  dataUploadDefinition,
  volumeSnapshotBackupDefinition,
  volumeSnapshotContentDefinition,
  volumeSnapshotDefinition,
  volumeSnapshotRestoreDefinition,
  type Backup,
  type BackupStorageLocation,
  type Restore,
  type DataDownload,
  type DataMoverClass,
  type DataUpload,
  type VolumeSnapshot,
  type VolumeSnapshotBackup,
  type VolumeSnapshotContent,
  type VolumeSnapshotRestore,
} from '@ferry/api';
import {
  createCustomResourceClient,
  isAlreadyExists,
  isNotFound,
  toKubeError,
  type CustomResourceClient,
  type KubeClient,
} from '@ferry/kube';
import type { V1PersistentVolumeClaim, V1Secret } from '@kubernetes/client-node';

/** Where an object is, and its labels. */
export interface ObjectRef {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** Typed access to every object the snapshot mover reads or writes. */
export interface SnapshotMoverApi {
  readonly backups: CustomResourceClient<VolumeSnapshotBackup>;
  readonly restores: CustomResourceClient<VolumeSnapshotRestore>;
  readonly classes: CustomResourceClient<DataMoverClass>;
  readonly dataUploads: CustomResourceClient<DataUpload>;
  readonly dataDownloads: CustomResourceClient<DataDownload>;
  readonly snapshots: CustomResourceClient<VolumeSnapshot>;
  readonly contents: CustomResourceClient<VolumeSnapshotContent>;
  readonly locations: CustomResourceClient<BackupStorageLocation>;
  readonly veleroBackups: CustomResourceClient<Backup>;
  readonly veleroRestores: CustomResourceClient<Restore>;
  findPvc(namespace: string, name: string): Promise<V1PersistentVolumeClaim | undefined>;
  findSecret(namespace: string, name: string): Promise<V1Secret | undefined>;
  /** Creates the object, or keeps the one already holding its name. */
  createPvcIfAbsent(pvc: V1PersistentVolumeClaim): Promise<void>;
  createSecretIfAbsent(secret: V1Secret): Promise<void>;
  /** Namespace, name and labels of the PVCs / Secrets matching `labelSelector` in `namespace` (every namespace when undefined). */
  listPvcs(labelSelector: string, namespace?: string): Promise<ObjectRef[]>;
  listSecrets(labelSelector: string, namespace?: string): Promise<ObjectRef[]>;
  /** Deletes; resolves when already gone. */
  deletePvc(namespace: string, name: string): Promise<void>;
  deleteSecret(namespace: string, name: string): Promise<void>;
}

async function call<T>(context: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toKubeError(error, context);
  }
}

async function find<T>(context: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call(context, run);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function createIfAbsent(context: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await call(context, run);
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
}

async function deleteIfPresent(context: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await call(context, run);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

const refs = (items: { metadata?: { namespace?: string; name?: string; labels?: Record<string, string> } }[]): ObjectRef[] =>
  items.map((item) => ({
    namespace: item.metadata?.namespace ?? '',
    name: item.metadata?.name ?? '',
    labels: item.metadata?.labels ?? {},
  }));

/** The API of {@link SnapshotMoverApi} over `kube`. */
export function createSnapshotMoverApi(kube: KubeClient): SnapshotMoverApi {
  const { core } = kube;
  return {
    backups: createCustomResourceClient<VolumeSnapshotBackup>(kube, volumeSnapshotBackupDefinition),
    restores: createCustomResourceClient<VolumeSnapshotRestore>(kube, volumeSnapshotRestoreDefinition),
    classes: createCustomResourceClient<DataMoverClass>(kube, dataMoverClassDefinition),
    dataUploads: createCustomResourceClient<DataUpload>(kube, dataUploadDefinition),
    dataDownloads: createCustomResourceClient<DataDownload>(kube, dataDownloadDefinition),
    snapshots: createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition),
    contents: createCustomResourceClient<VolumeSnapshotContent>(kube, volumeSnapshotContentDefinition),
    locations: createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition),
    veleroBackups: createCustomResourceClient<Backup>(kube, backupDefinition),
    veleroRestores: createCustomResourceClient<Restore>(kube, restoreDefinition),
    findPvc: (namespace, name) =>
      find(`get persistentvolumeclaim ${namespace}/${name}`, () => core.readNamespacedPersistentVolumeClaim({ namespace, name })),
    findSecret: (namespace, name) => find(`get secret ${namespace}/${name}`, () => core.readNamespacedSecret({ namespace, name })),
    createPvcIfAbsent: (pvc) =>
      createIfAbsent(`create persistentvolumeclaim ${pvc.metadata?.namespace ?? ''}/${pvc.metadata?.name ?? ''}`, () =>
        core.createNamespacedPersistentVolumeClaim({ namespace: pvc.metadata?.namespace ?? '', body: pvc }),
      ),
    createSecretIfAbsent: (secret) =>
      createIfAbsent(`create secret ${secret.metadata?.namespace ?? ''}/${secret.metadata?.name ?? ''}`, () =>
        core.createNamespacedSecret({ namespace: secret.metadata?.namespace ?? '', body: secret }),
      ),
    listPvcs: async (labelSelector, namespace) =>
      refs(
        (
          await call(`list persistentvolumeclaims ${labelSelector}`, () =>
            namespace
              ? core.listNamespacedPersistentVolumeClaim({ namespace, labelSelector })
              : core.listPersistentVolumeClaimForAllNamespaces({ labelSelector }),
          )
        ).items,
      ),
    listSecrets: async (labelSelector, namespace) =>
      refs(
        (
          await call(`list secrets ${labelSelector}`, () =>
            namespace ? core.listNamespacedSecret({ namespace, labelSelector }) : core.listSecretForAllNamespaces({ labelSelector }),
          )
        ).items,
      ),
    deletePvc: (namespace, name) =>
      deleteIfPresent(`delete persistentvolumeclaim ${namespace}/${name}`, () =>
        core.deleteNamespacedPersistentVolumeClaim({ namespace, name }),
      ),
    deleteSecret: (namespace, name) =>
      deleteIfPresent(`delete secret ${namespace}/${name}`, () => core.deleteNamespacedSecret({ namespace, name })),
  };
}
