// Which of the inventory's objects the Backup itself takes, as Velero's item collection does for
// volumes: pods and PVCs selected by the Backup's labels, PVCs mounted by a selected pod (the pod
// action adds them whatever their labels), and the PVs bound to the selected PVCs.
import type { BackupSpec } from '@ferry/api';
import { claimNameOf, objectKey, type PersistentVolumeClaimInput, type PersistentVolumeInput, type PodInput } from '@ferry/volume-policy';
import type { BackupInventory } from './backup-inventory';
import { backupSelectsLabels } from './label-selector';

/** The planner's input objects and which pods the Backup takes. */
export interface BackupItems {
  /**
   * Every pod of the Backup's namespaces, selected or not: the "PV already taken by fs-backup"
   * rule looks at all pods mounting a claim, as Velero does.
   */
  readonly allPods: readonly PodInput[];
  /** `namespace/name` of the pods the Backup takes (only their volumes get fs-backup decisions). */
  readonly selectedPodKeys: ReadonlySet<string>;
  readonly persistentVolumeClaims: readonly PersistentVolumeClaimInput[];
  readonly persistentVolumes: readonly PersistentVolumeInput[];
}

/** Selects the Backup's pods, PVCs and PVs from the inventory. Pure; linear in the objects. */
export function selectBackupItems(inventory: BackupInventory, spec: BackupSpec): BackupItems {
  const selectedPods = inventory.pods.filter((pod) => backupSelectsLabels(spec, pod.metadata?.labels));
  const mountedClaims = new Set<string>();
  for (const pod of selectedPods) {
    for (const volume of pod.spec?.volumes ?? []) {
      const claim = claimNameOf(volume);
      if (claim !== undefined) mountedClaims.add(objectKey(pod.metadata?.namespace, claim));
    }
  }
  const persistentVolumeClaims = inventory.persistentVolumeClaims.filter(
    (pvc) => backupSelectsLabels(spec, pvc.metadata?.labels) || mountedClaims.has(objectKey(pvc.metadata?.namespace, pvc.metadata?.name)),
  );
  const claimKeys = new Set(persistentVolumeClaims.map((pvc) => objectKey(pvc.metadata?.namespace, pvc.metadata?.name)));
  const volumeNames = new Set(persistentVolumeClaims.map((pvc) => pvc.spec?.volumeName).filter((name) => !!name));
  const persistentVolumes = inventory.persistentVolumes.filter((pv) => {
    const claimRef = pv.spec?.claimRef;
    return volumeNames.has(pv.metadata?.name) || (claimRef ? claimKeys.has(objectKey(claimRef.namespace, claimRef.name)) : false);
  });
  return {
    allPods: inventory.pods,
    selectedPodKeys: new Set(selectedPods.map((pod) => objectKey(pod.metadata?.namespace, pod.metadata?.name))),
    persistentVolumeClaims,
    persistentVolumes,
  };
}
