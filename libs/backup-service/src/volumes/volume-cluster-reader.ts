// The cluster objects the volume step reads, each kind with one list call (per namespace for
// namespaced kinds) instead of a get per volume: the backed-up claims and their PVs, pods,
// StorageClasses and VolumeSnapshotClasses, and the Backup's own snapshots, uploads and pod
// volume backups found by its UID label.
import {
  dataUploadDefinition,
  podVolumeBackupDefinition,
  volumeSnapshotClassDefinition,
  volumeSnapshotContentDefinition,
  volumeSnapshotDefinition,
  type Backup,
  type DataUpload,
  type PodVolumeBackup,
  type VolumeSnapshot,
  type VolumeSnapshotClass,
  type VolumeSnapshotContent,
} from '@ferry/api';
import { backupUidSelector, type ClaimVolume, type OwnerRef } from '@ferry/backup';
import { createCustomResourceClient, kubeCall, type CustomResourceClient, type KubeClient } from '@ferry/kube';
import type { V1PersistentVolume, V1PersistentVolumeClaim, V1Pod } from '@kubernetes/client-node';

/** Typed clients of the custom resources the volume step touches. */
export interface VolumeResourceClients {
  readonly snapshots: CustomResourceClient<VolumeSnapshot>;
  readonly contents: CustomResourceClient<VolumeSnapshotContent>;
  readonly snapshotClasses: CustomResourceClient<VolumeSnapshotClass>;
  readonly dataUploads: CustomResourceClient<DataUpload>;
  readonly podVolumeBackups: CustomResourceClient<PodVolumeBackup>;
}

/** Builds the clients once per service. */
export function volumeResourceClients(kube: KubeClient): VolumeResourceClients {
  return {
    snapshots: createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition),
    contents: createCustomResourceClient<VolumeSnapshotContent>(kube, volumeSnapshotContentDefinition),
    snapshotClasses: createCustomResourceClient<VolumeSnapshotClass>(kube, volumeSnapshotClassDefinition),
    dataUploads: createCustomResourceClient<DataUpload>(kube, dataUploadDefinition),
    podVolumeBackups: createCustomResourceClient<PodVolumeBackup>(kube, podVolumeBackupDefinition),
  };
}

/** `namespace/name`. */
export const refKey = (ref: OwnerRef): string => `${ref.namespace}/${ref.name}`;

const namespacesOf = (refs: readonly OwnerRef[]): string[] => [...new Set(refs.map((ref) => ref.namespace))].sort();

/** The claims named by `refs` that exist, by `namespace/name` (one list per namespace). */
export async function readClaims(kube: KubeClient, refs: readonly OwnerRef[]): Promise<Map<string, V1PersistentVolumeClaim>> {
  const wanted = new Set(refs.map(refKey));
  const claims = new Map<string, V1PersistentVolumeClaim>();
  for (const namespace of namespacesOf(refs)) {
    const list = await kubeCall(`list persistentvolumeclaims in ${namespace}`, () =>
      kube.core.listNamespacedPersistentVolumeClaim({ namespace }),
    );
    for (const claim of list.items) {
      const key = `${namespace}/${claim.metadata?.name ?? ''}`;
      if (wanted.has(key)) claims.set(key, claim);
    }
  }
  return claims;
}

/** Every PV by name (one list). */
export async function readVolumes(kube: KubeClient): Promise<Map<string, V1PersistentVolume>> {
  const list = await kubeCall('list persistentvolumes', () => kube.core.listPersistentVolume());
  return new Map(list.items.map((pv) => [pv.metadata?.name ?? '', pv]));
}

/** The PV facts of each bound claim (a claim whose PV is missing is left out, as unbound). */
export function claimVolumes(
  claims: ReadonlyMap<string, V1PersistentVolumeClaim>,
  volumes: ReadonlyMap<string, V1PersistentVolume>,
): Map<string, ClaimVolume> {
  const result = new Map<string, ClaimVolume>();
  for (const [key, claim] of claims) {
    const pv = claim.spec?.volumeName ? volumes.get(claim.spec.volumeName) : undefined;
    if (!pv) continue;
    result.set(key, {
      volume: {
        name: pv.metadata?.name ?? '',
        reclaimPolicy: pv.spec?.persistentVolumeReclaimPolicy,
        labels: pv.metadata?.labels ?? null,
      },
      csi: pv.spec?.csi !== undefined,
      hostPath: pv.spec?.hostPath !== undefined,
    });
  }
  return result;
}

/** The pods named by `refs` that exist, by `namespace/name` (one list per namespace). */
export async function readPods(kube: KubeClient, refs: readonly OwnerRef[]): Promise<Map<string, V1Pod>> {
  const wanted = new Set(refs.map(refKey));
  const pods = new Map<string, V1Pod>();
  for (const namespace of namespacesOf(refs)) {
    const list = await kubeCall(`list pods in ${namespace}`, () => kube.core.listNamespacedPod({ namespace }));
    for (const pod of list.items) {
      const key = `${namespace}/${pod.metadata?.name ?? ''}`;
      if (wanted.has(key)) pods.set(key, pod);
    }
  }
  return pods;
}

/** StorageClass provisioners by name (one list). */
export async function readProvisioners(kube: KubeClient): Promise<Map<string, string>> {
  const list = await kubeCall('list storageclasses', () => kube.storage.listStorageClass());
  return new Map(list.items.map((sc) => [sc.metadata?.name ?? '', sc.provisioner]));
}

/** The Backup's VolumeSnapshots in `namespaces`, found by its UID label. */
export async function readBackupSnapshots(
  clients: VolumeResourceClients,
  backup: Backup,
  namespaces: readonly string[],
): Promise<VolumeSnapshot[]> {
  const selector = backupUidSelector(backup);
  const lists = await Promise.all([...new Set(namespaces)].sort().map((ns) => clients.snapshots.list(ns, { labelSelector: selector })));
  return lists.flat();
}

/** The Backup's DataUploads and PodVolumeBackups in its namespace, found by its UID label. */
export async function readBackupOperations(
  clients: VolumeResourceClients,
  backup: Backup,
): Promise<{ dataUploads: DataUpload[]; podVolumeBackups: PodVolumeBackup[] }> {
  const namespace = backup.metadata?.namespace ?? '';
  const options = { labelSelector: backupUidSelector(backup) };
  const [dataUploads, podVolumeBackups] = await Promise.all([
    clients.dataUploads.list(namespace, options),
    clients.podVolumeBackups.list(namespace, options),
  ]);
  return { dataUploads, podVolumeBackups };
}
