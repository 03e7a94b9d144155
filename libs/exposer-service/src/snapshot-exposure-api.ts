// The API calls of the CSI snapshot exposer, typed with @ferry/exposer's structural shapes and
// NotFound-tolerant where the exposer needs it. One place converts between those shapes and the
// client-node types.
import {
  dataUploadDefinition,
  moverPodSelector,
  volumeSnapshotContentDefinition,
  volumeSnapshotDefinition,
  type DataUpload,
  type VolumeSnapshot,
  type VolumeSnapshotContent,
} from '@ferry/api';
import type { KubeEvent, PersistentVolume, PersistentVolumeClaim, Pod } from '@ferry/exposer';
import {
  createCustomResourceClient,
  createIfAbsent,
  deleteIfPresent,
  getOrUndefined,
  kubeCall,
  type CustomResourceClient,
  type KubeClient,
} from '@ferry/kube';
import type { V1PersistentVolumeClaim, V1Pod } from '@kubernetes/client-node';

/** Typed access to the objects of a snapshot exposure. */
export interface SnapshotExposureApi {
  readonly dataUploads: CustomResourceClient<DataUpload>;
  readonly snapshots: CustomResourceClient<VolumeSnapshot>;
  readonly contents: CustomResourceClient<VolumeSnapshotContent>;
  findPod(namespace: string, name: string): Promise<Pod | undefined>;
  findPvc(namespace: string, name: string): Promise<PersistentVolumeClaim | undefined>;
  findPv(name: string): Promise<PersistentVolume | undefined>;
  /** `volumeBindingMode` of a storage class; undefined when the class does not exist. */
  bindingModeOf(storageClass: string): Promise<string | undefined>;
  /** Warning events about `kind` `namespace/name`, oldest first. */
  warningEvents(namespace: string, kind: string, name: string): Promise<KubeEvent[]>;
  /** Whether a Running mover pod (labels `app.kubernetes.io/name=ferry`, `app.kubernetes.io/component=mover`) in `namespace` is on `node`. */
  moverRunningOn(namespace: string, node: string): Promise<boolean>;
  /** Creates the pod, or returns the one already holding its name. */
  createPodIfAbsent(pod: Pod): Promise<Pod>;
  /** Creates the claim, or returns the one already holding its name. */
  createPvcIfAbsent(pvc: PersistentVolumeClaim): Promise<PersistentVolumeClaim>;
  /** Deletes with grace period 0; false when already gone. */
  deletePod(namespace: string, name: string): Promise<boolean>;
  deletePvc(namespace: string, name: string): Promise<boolean>;
  deletePv(name: string): Promise<boolean>;
}

/** The API of {@link SnapshotExposureApi} over `kube`. */
export function createSnapshotExposureApi(kube: KubeClient): SnapshotExposureApi {
  const { core } = kube;
  return {
    dataUploads: createCustomResourceClient<DataUpload>(kube, dataUploadDefinition),
    snapshots: createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition),
    contents: createCustomResourceClient<VolumeSnapshotContent>(kube, volumeSnapshotContentDefinition),
    findPod: (namespace, name) =>
      getOrUndefined(`get pod ${namespace}/${name}`, async () => (await core.readNamespacedPod({ namespace, name })) as Pod),
    findPvc: (namespace, name) =>
      getOrUndefined(
        `get persistentvolumeclaim ${namespace}/${name}`,
        async () => (await core.readNamespacedPersistentVolumeClaim({ namespace, name })) as PersistentVolumeClaim,
      ),
    findPv: (name) =>
      getOrUndefined(`get persistentvolume ${name}`, async () => (await core.readPersistentVolume({ name })) as PersistentVolume),
    async bindingModeOf(storageClass) {
      const found = await getOrUndefined(`get storageclass ${storageClass}`, () => kube.storage.readStorageClass({ name: storageClass }));
      return found ? (found.volumeBindingMode ?? 'Immediate') : undefined;
    },
    async moverRunningOn(namespace, node) {
      const list = await kubeCall(`list mover pods on node ${node}`, () =>
        core.listNamespacedPod({ namespace, labelSelector: moverPodSelector, fieldSelector: `spec.nodeName=${node},status.phase=Running` }),
      );
      return list.items.length > 0;
    },
    async warningEvents(namespace, kind, name) {
      const list = await kubeCall(`list events of ${kind} ${namespace}/${name}`, () =>
        core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.kind=${kind},involvedObject.name=${name},type=Warning` }),
      );
      return list.items
        .map((event) => ({ ...event, at: event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp }))
        .sort((a, b) => new Date(a.at ?? 0).getTime() - new Date(b.at ?? 0).getTime())
        .map((event) => ({
          ...(event.type ? { type: event.type } : {}),
          ...(event.reason ? { reason: event.reason } : {}),
          ...(event.message ? { message: event.message } : {}),
        }));
    },
    createPodIfAbsent: (pod) => {
      const { namespace = '', name = '' } = pod.metadata;
      return createIfAbsent(
        `pod ${namespace}/${name}`,
        async () => (await core.createNamespacedPod({ namespace, body: pod as V1Pod })) as Pod,
        async () => (await core.readNamespacedPod({ namespace, name })) as Pod,
      );
    },
    createPvcIfAbsent: (pvc) => {
      const { namespace = '', name = '' } = pvc.metadata;
      return createIfAbsent(
        `persistentvolumeclaim ${namespace}/${name}`,
        async () =>
          (await core.createNamespacedPersistentVolumeClaim({ namespace, body: pvc as V1PersistentVolumeClaim })) as PersistentVolumeClaim,
        async () => (await core.readNamespacedPersistentVolumeClaim({ namespace, name })) as PersistentVolumeClaim,
      );
    },
    deletePod: (namespace, name) =>
      deleteIfPresent(`pod ${namespace}/${name}`, () => core.deleteNamespacedPod({ namespace, name, gracePeriodSeconds: 0 })),
    deletePvc: (namespace, name) =>
      deleteIfPresent(`persistentvolumeclaim ${namespace}/${name}`, () => core.deleteNamespacedPersistentVolumeClaim({ namespace, name })),
    deletePv: (name) => deleteIfPresent(`persistentvolume ${name}`, () => core.deletePersistentVolume({ name })),
  };
}
