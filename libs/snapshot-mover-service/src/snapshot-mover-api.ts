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
  createIfAbsent,
  deleteIfPresent,
  getOrUndefined,
  kubeCall,
  type CustomResourceClient,
  type KubeClient,
} from '@ferry/kube';
import type { V1PersistentVolumeClaim, V1Secret } from '@kubernetes/client-node';

/** Where an object is, its labels and its annotations. */
export interface ObjectRef {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
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
  /** Namespace, name, labels and annotations of the PVCs / Secrets matching `labelSelector` in `namespace` (every namespace when undefined). */
  listPvcs(labelSelector: string, namespace?: string): Promise<ObjectRef[]>;
  listSecrets(labelSelector: string, namespace?: string): Promise<ObjectRef[]>;
  /** Deletes; resolves when already gone. */
  deletePvc(namespace: string, name: string): Promise<void>;
  deleteSecret(namespace: string, name: string): Promise<void>;
}

type Listed = { metadata?: { namespace?: string; name?: string; labels?: Record<string, string>; annotations?: Record<string, string> } };

const refs = (items: Listed[]): ObjectRef[] =>
  items.map((item) => ({
    namespace: item.metadata?.namespace ?? '',
    name: item.metadata?.name ?? '',
    labels: item.metadata?.labels ?? {},
    annotations: item.metadata?.annotations ?? {},
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
      getOrUndefined(`get persistentvolumeclaim ${namespace}/${name}`, () => core.readNamespacedPersistentVolumeClaim({ namespace, name })),
    findSecret: (namespace, name) =>
      getOrUndefined(`get secret ${namespace}/${name}`, () => core.readNamespacedSecret({ namespace, name })),
    createPvcIfAbsent: async (pvc) => {
      const { namespace = '', name = '' } = pvc.metadata ?? {};
      await createIfAbsent(
        `persistentvolumeclaim ${namespace}/${name}`,
        () => core.createNamespacedPersistentVolumeClaim({ namespace, body: pvc }),
        () => core.readNamespacedPersistentVolumeClaim({ namespace, name }),
      );
    },
    createSecretIfAbsent: async (secret) => {
      const { namespace = '', name = '' } = secret.metadata ?? {};
      await createIfAbsent(
        `secret ${namespace}/${name}`,
        () => core.createNamespacedSecret({ namespace, body: secret }),
        () => core.readNamespacedSecret({ namespace, name }),
      );
    },
    listPvcs: async (labelSelector, namespace) =>
      refs(
        (
          await kubeCall(`list persistentvolumeclaims ${labelSelector}`, () =>
            namespace
              ? core.listNamespacedPersistentVolumeClaim({ namespace, labelSelector })
              : core.listPersistentVolumeClaimForAllNamespaces({ labelSelector }),
          )
        ).items,
      ),
    listSecrets: async (labelSelector, namespace) =>
      refs(
        (
          await kubeCall(`list secrets ${labelSelector}`, () =>
            namespace ? core.listNamespacedSecret({ namespace, labelSelector }) : core.listSecretForAllNamespaces({ labelSelector }),
          )
        ).items,
      ),
    deletePvc: async (namespace, name) => {
      await deleteIfPresent(`persistentvolumeclaim ${namespace}/${name}`, () =>
        core.deleteNamespacedPersistentVolumeClaim({ namespace, name }),
      );
    },
    deleteSecret: async (namespace, name) => {
      await deleteIfPresent(`secret ${namespace}/${name}`, () => core.deleteNamespacedSecret({ namespace, name }));
    },
  };
}
