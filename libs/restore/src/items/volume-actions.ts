// PersistentVolumeClaims and PersistentVolumes when the restore has no volume data for them
// (velero pkg/restore/actions/pvc_action.go and restore.go's PV branches without a snapshot):
// claim annotations of the old binding removed and the bound volume pulled in; a volume with
// reclaim policy Delete is re-provisioned dynamically (not created, the claim loses
// `spec.volumeName`), any other is restored as it was, its `claimRef` namespace remapped and its
// binding details reset.
import { asObject, mappedNamespace, nestedValue, withStringMap, withoutKeys, type ItemJson } from './item-json';
import type { ActionOutput } from './workload-actions';

const claimAnnotations = [
  'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller',
  'volume.kubernetes.io/storage-provisioner',
  'volume.beta.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/selected-node',
  'velero.io/volume-snapshot-name',
  'velero.io/data-upload-name',
];

const bindingAnnotations = ['pv.kubernetes.io/bind-completed', 'pv.kubernetes.io/bound-by-controller'];

/**
 * Velero's PVCAction: the provisioning and binding annotations (and Velero's snapshot and
 * DataUpload names) removed; when the backed-up claim (`fromBackup`, with status) was Bound to a
 * volume, that PersistentVolume is an additional item. Pure.
 */
export function persistentVolumeClaimAction(claim: ItemJson, fromBackup: ItemJson): ActionOutput {
  const item = withStringMap(claim, 'annotations', (annotations) =>
    Object.fromEntries(Object.entries(annotations).filter(([key]) => !claimAnnotations.includes(key))),
  );
  const volumeName = nestedValue(fromBackup, 'spec', 'volumeName');
  const bound = nestedValue(fromBackup, 'status', 'phase') === 'Bound' && typeof volumeName === 'string' && volumeName !== '';
  return { item, ...(bound ? { additionalItems: [{ groupResource: 'persistentvolumes', namespace: '', name: volumeName }] } : {}) };
}

/** Velero's `resetVolumeBindingInfo`: `claimRef.uid` / `resourceVersion` and the binding annotations removed. Pure. */
export function resetVolumeBindingInfo(item: ItemJson): ItemJson {
  const spec = asObject(item['spec']);
  const claimRef = asObject(spec?.['claimRef']);
  const next = withStringMap(item, 'annotations', (annotations) =>
    Object.fromEntries(Object.entries(annotations).filter(([key]) => !bindingAnnotations.includes(key))),
  );
  if (!spec || !claimRef) return next;
  return { ...next, spec: { ...spec, claimRef: withoutKeys(claimRef, 'uid', 'resourceVersion') } };
}

/** What to do with a backed-up PersistentVolume that has no snapshot or volume backup. */
export type VolumeDecision = { readonly provision: true } | { readonly provision: false; readonly item: ItemJson };

/**
 * Velero's branches for a PV without snapshot: reclaim policy Delete → re-provisioned
 * dynamically (`provision`); else restored as-is: `claimRef.namespace` remapped through
 * `namespaceMapping`, binding info reset. Pure.
 */
export function volumeWithoutSnapshot(volume: ItemJson, namespaceMapping: Readonly<Record<string, string>>): VolumeDecision {
  if (nestedValue(volume, 'spec', 'persistentVolumeReclaimPolicy') === 'Delete') return { provision: true };
  const spec = asObject(volume['spec']) ?? {};
  const claimRef = asObject(spec['claimRef']);
  const target =
    claimRef && typeof claimRef['namespace'] === 'string' ? mappedNamespace(namespaceMapping, claimRef['namespace']) : undefined;
  const remapped =
    target !== undefined && claimRef ? { ...volume, spec: { ...spec, claimRef: { ...claimRef, namespace: target } } } : volume;
  return { provision: false, item: resetVolumeBindingInfo(remapped) };
}

/**
 * Velero's claim step after the actions: a claim with `spec.volumeName` gets its binding info
 * reset, and loses `volumeName` when that volume is re-provisioned (`provisioned`). Pure.
 */
export function claimForRestore(claim: ItemJson, provisioned: ReadonlySet<string>): ItemJson {
  const volumeName = nestedValue(claim, 'spec', 'volumeName');
  if (typeof volumeName !== 'string' || volumeName === '') return claim;
  const reset = resetVolumeBindingInfo(claim);
  if (!provisioned.has(volumeName)) return reset;
  return { ...reset, spec: withoutKeys(asObject(reset['spec']) ?? {}, 'volumeName') };
}
