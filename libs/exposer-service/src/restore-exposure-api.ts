// The API calls of the generic restore exposer: the pod/PVC/PV/event calls shared with the
// snapshot exposer, plus the DataDownload client and the merge patches of the volume handover.
import { dataDownloadDefinition, type DataDownload } from '@ferry/api';
import type { PersistentVolume, PersistentVolumeClaim } from '@ferry/exposer';
import { createCustomResourceClient, kubeCall, type CustomResourceClient, type KubeClient } from '@ferry/kube';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { createSnapshotExposureApi, type SnapshotExposureApi } from './snapshot-exposure-api';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** A JSON merge patch: `null` removes a key. */
export type MergePatch = { readonly [key: string]: MergePatch | string | number | boolean | null | readonly string[] };

/** Typed access to the objects of a restore exposure. Every call rejects with a `KubeError` naming the object. */
export interface RestoreExposureApi extends Pick<
  SnapshotExposureApi,
  | 'findPod'
  | 'findPvc'
  | 'findPv'
  | 'bindingModeOf'
  | 'warningEvents'
  | 'moverRunningOn'
  | 'createPodIfAbsent'
  | 'createPvcIfAbsent'
  | 'deletePod'
  | 'deletePvc'
  | 'deletePv'
> {
  readonly dataDownloads: CustomResourceClient<DataDownload>;
  /** JSON merge patch of a PVC; resolves with the patched claim. */
  patchPvc(namespace: string, name: string, patch: MergePatch): Promise<PersistentVolumeClaim>;
  /** JSON merge patch of a PV; resolves with the patched volume. */
  patchPv(name: string, patch: MergePatch): Promise<PersistentVolume>;
}

/** The API of {@link RestoreExposureApi} over `kube`; nothing is contacted until a call is made. */
export function createRestoreExposureApi(kube: KubeClient): RestoreExposureApi {
  const shared = createSnapshotExposureApi(kube);
  const { core } = kube;
  return {
    findPod: shared.findPod,
    findPvc: shared.findPvc,
    findPv: shared.findPv,
    bindingModeOf: shared.bindingModeOf,
    warningEvents: shared.warningEvents,
    moverRunningOn: shared.moverRunningOn,
    createPodIfAbsent: shared.createPodIfAbsent,
    createPvcIfAbsent: shared.createPvcIfAbsent,
    deletePod: shared.deletePod,
    deletePvc: shared.deletePvc,
    deletePv: shared.deletePv,
    dataDownloads: createCustomResourceClient<DataDownload>(kube, dataDownloadDefinition),
    patchPvc: (namespace, name, patch) =>
      kubeCall(
        `patch persistentvolumeclaim ${namespace}/${name}`,
        async () =>
          (await core.patchNamespacedPersistentVolumeClaim({ namespace, name, body: patch }, mergePatch)) as PersistentVolumeClaim,
      ),
    patchPv: (name, patch) =>
      kubeCall(
        `patch persistentvolume ${name}`,
        async () => (await core.patchPersistentVolume({ name, body: patch }, mergePatch)) as PersistentVolume,
      ),
  };
}
