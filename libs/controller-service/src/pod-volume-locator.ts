// fs-backup (PodVolumeBackup/Restore): where a pod's volume is on its node. The mover finds it at
// `<kubelet root>/pods/<podUid>/volumes/<plugin>/<dir>`, where `dir` is the PV name for a
// PVC-backed volume and the pod's volume name otherwise.
import { getOrUndefined, type KubeClient } from '@ferry/kube';
import { ControllerServiceError, ControllerServiceErrorCode } from './errors';
import type { MoveTarget } from './resource-marks';

/** Finds pod volumes on their nodes. */
export interface PodVolumeLocator {
  /**
   * Where `volume` of pod `namespace/name` is. Rejects with `CONTROLLER_POD_VOLUME_NOT_FOUND`
   * (not retryable) when the pod or the volume does not exist, `CONTROLLER_POD_NOT_READY`
   * (retryable) while the pod is not running or its claim not bound.
   */
  locate(namespace: string, name: string, volume: string): Promise<MoveTarget>;
}

/** The locator over `kube`. */
export function createPodVolumeLocator(kube: KubeClient): PodVolumeLocator {
  const notFound = (message: string) => new ControllerServiceError(ControllerServiceErrorCode.PodVolumeNotFound, message);
  const notReady = (message: string) => new ControllerServiceError(ControllerServiceErrorCode.PodNotReady, message, { retryable: true });
  return {
    async locate(namespace, name, volume) {
      const pod = await getOrUndefined(`get pod ${namespace}/${name}`, () => kube.core.readNamespacedPod({ namespace, name }));
      if (!pod) throw notFound(`spec.pod: pod ${namespace}/${name} not found`);
      const entry = pod.spec?.volumes?.find((v) => v.name === volume);
      if (!entry) throw notFound(`spec.volume: pod ${namespace}/${name} has no volume "${volume}"`);
      const node = pod.spec?.nodeName;
      const podUid = pod.metadata?.uid;
      if (!node || !podUid || pod.status?.phase !== 'Running')
        throw notReady(`pod ${namespace}/${name} is not running on a node yet (phase ${pod.status?.phase ?? 'unknown'})`);
      const claimName = entry.persistentVolumeClaim?.claimName;
      if (!claimName) return { node, podUid, volumeDir: volume };
      const claim = await getOrUndefined(`get persistentvolumeclaim ${namespace}/${claimName}`, () =>
        kube.core.readNamespacedPersistentVolumeClaim({ namespace, name: claimName }),
      );
      const pvName = claim?.spec?.volumeName;
      if (!claim) throw notFound(`spec.volume: claim ${namespace}/${claimName} of volume "${volume}" not found`);
      if (!pvName || claim.status?.phase !== 'Bound') throw notReady(`claim ${namespace}/${claimName} is not bound yet`);
      return { node, podUid, volumeDir: pvName, claimName };
    },
  };
}
