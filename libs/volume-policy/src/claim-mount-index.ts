// Which pod volumes mount which claim: the data behind "is this PV already taken by a legacy
// fs-backup?". Built once per backup (Velero's PVC-to-pod cache) so checking every PV is O(mounts).
import type { PersistentVolumeInput, PodInput, PodVolumeMount } from './volume-inputs';
import { claimNameOf, objectKey } from './volume-inputs';
import { newWorkMeter, type WorkMeter } from './work-meter';

/** Pod volumes by the claim they mount, keyed `namespace/claimName` and by claim name alone. */
export interface ClaimMountIndex {
  readonly byClaim: ReadonlyMap<string, readonly PodVolumeMount[]>;
  /** For a claimRef without namespace (Velero then lists pods of every namespace). */
  readonly byClaimName: ReadonlyMap<string, readonly PodVolumeMount[]>;
}

/** Indexes every PVC volume of `pods`. Pure; O(pod volumes). */
export function indexClaimMounts(pods: readonly PodInput[], meter: WorkMeter = newWorkMeter()): ClaimMountIndex {
  const byClaim = new Map<string, PodVolumeMount[]>();
  const byClaimName = new Map<string, PodVolumeMount[]>();
  for (const pod of pods) {
    for (const volume of pod.spec?.volumes ?? []) {
      const claimName = claimNameOf(volume);
      if (claimName === undefined) continue;
      append(byClaim, objectKey(pod.metadata?.namespace, claimName), { pod, volume });
      append(byClaimName, claimName, { pod, volume });
      meter.indexEntries += 2;
    }
  }
  return { byClaim, byClaimName };
}

/** The mounts of the claim a PV's `spec.claimRef` names (none without a claimRef). O(1). */
export function claimMountsOfPv(index: ClaimMountIndex, pv: PersistentVolumeInput): readonly PodVolumeMount[] {
  const claimRef = pv.spec?.claimRef;
  if (!claimRef) return [];
  const namespace = claimRef.namespace ?? '';
  const name = claimRef.name ?? '';
  return (namespace === '' ? index.byClaimName.get(name) : index.byClaim.get(objectKey(namespace, name))) ?? [];
}

/**
 * The volumes of `pods` in `namespace` that mount `claimName` (all namespaces when `namespace` is
 * empty), for a single decision without an index. O(pod volumes).
 */
export function findClaimMounts(pods: readonly PodInput[], namespace: string, claimName: string): PodVolumeMount[] {
  const mounts: PodVolumeMount[] = [];
  for (const pod of pods) {
    if (namespace !== '' && (pod.metadata?.namespace ?? '') !== namespace) continue;
    for (const volume of pod.spec?.volumes ?? []) {
      if (claimNameOf(volume) === claimName) mounts.push({ pod, volume });
    }
  }
  return mounts;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
