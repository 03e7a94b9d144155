// The conditions of one volume policy in matchable form, and Velero's match rule for each.
// A policy matches when every condition matches; absent or empty conditions match everything.
import { capacityInRange, type CapacityRange } from './capacity-condition';
import type { VolumeAttributes } from './volume-attributes';

/**
 * Conditions of one policy, compiled. The pvc* fields are present only when non-empty, because
 * Velero only adds those conditions then.
 */
export interface CompiledConditions {
  readonly capacity: CapacityRange;
  /** Empty = any storage class. */
  readonly storageClass: readonly string[];
  /** Absent = any volume; `{server:"", path:""}` (from `nfs: {}`) = any NFS volume. */
  readonly nfs?: { readonly server: string; readonly path: string };
  /** Absent = any volume; driver `""` (from `csi: {}`) = any CSI volume. */
  readonly csi?: { readonly driver: string; readonly volumeAttributes?: Readonly<Record<string, string>> };
  /** Empty = any type. */
  readonly volumeTypes: readonly string[];
  readonly pvcLabels?: Readonly<Record<string, string>>;
  readonly pvcPhase?: readonly string[];
  readonly pvcVolumeMode?: string;
  readonly pvcAccessModes?: readonly string[];
}

/** Names of the conditions, in Velero's evaluation order. */
export const ConditionName = {
  Capacity: 'capacity',
  StorageClass: 'storageClass',
  Nfs: 'nfs',
  Csi: 'csi',
  VolumeTypes: 'volumeTypes',
  PvcLabels: 'pvcLabels',
  PvcPhase: 'pvcPhase',
  PvcVolumeMode: 'pvcVolumeMode',
  PvcAccessModes: 'pvcAccessModes',
} as const;
/** One of {@link ConditionName}. */
export type ConditionName = (typeof ConditionName)[keyof typeof ConditionName];

type Matcher = (c: CompiledConditions, v: VolumeAttributes) => boolean;

const matchers: ReadonlyArray<readonly [ConditionName, Matcher]> = [
  [ConditionName.Capacity, (c, v) => capacityInRange(c.capacity, v.capacity)],
  [ConditionName.StorageClass, (c, v) => matchStorageClass(c.storageClass, v.storageClass)],
  [ConditionName.Nfs, (c, v) => matchNfs(c.nfs, v.nfs)],
  [ConditionName.Csi, (c, v) => matchCsi(c.csi, v.csi)],
  [ConditionName.VolumeTypes, (c, v) => c.volumeTypes.length === 0 || c.volumeTypes.includes(v.volumeType)],
  [ConditionName.PvcLabels, (c, v) => c.pvcLabels === undefined || matchPvcLabels(c.pvcLabels, v.pvcLabels)],
  [ConditionName.PvcPhase, (c, v) => c.pvcPhase === undefined || matchPvcPhase(c.pvcPhase, v.pvcPhase)],
  [ConditionName.PvcVolumeMode, (c, v) => c.pvcVolumeMode === undefined || matchVolumeMode(c.pvcVolumeMode, v.pvcVolumeMode)],
  [ConditionName.PvcAccessModes, (c, v) => c.pvcAccessModes === undefined || matchAccessModes(c.pvcAccessModes, v.pvcAccessModes)],
];

/** The first condition that does not match, or `undefined` when all match. Pure. */
export function firstFailingCondition(conditions: CompiledConditions, volume: VolumeAttributes): ConditionName | undefined {
  for (const [name, matches] of matchers) if (!matches(conditions, volume)) return name;
  return undefined;
}

/** Whether every condition matches the volume. Pure. */
export function conditionsMatch(conditions: CompiledConditions, volume: VolumeAttributes): boolean {
  return firstFailingCondition(conditions, volume) === undefined;
}

/** Empty list = all; a volume without a storage class never matches a non-empty list. */
export function matchStorageClass(wanted: readonly string[], storageClass: string): boolean {
  if (wanted.length === 0) return true;
  return storageClass !== '' && wanted.includes(storageClass);
}

/** Absent = all; `{}` = any NFS volume; each given field must be equal; non-NFS never matches. */
export function matchNfs(wanted: CompiledConditions['nfs'], nfs: VolumeAttributes['nfs']): boolean {
  if (wanted === undefined) return true;
  if (nfs === undefined) return false;
  if (wanted.path !== '' && wanted.path !== nfs.path) return false;
  return wanted.server === '' || wanted.server === nfs.server;
}

/** Absent = all; `{}` = any CSI volume; driver equal; listed attributes are a required subset. */
export function matchCsi(wanted: CompiledConditions['csi'], csi: VolumeAttributes['csi']): boolean {
  if (wanted === undefined) return true;
  if (wanted.driver === '') return csi !== undefined;
  if (csi === undefined || wanted.driver !== csi.driver) return false;
  const required = Object.entries(wanted.volumeAttributes ?? {});
  if (required.length === 0) return true;
  const actual = csi.volumeAttributes;
  if (Object.keys(actual).length === 0) return false;
  // Go compares with the map's zero value: a wanted "" matches a missing attribute.
  return required.every(([key, value]) => (Object.hasOwn(actual, key) ? actual[key] : '') === value);
}

/** Every wanted pair present with an equal value; a PVC without labels never matches. */
export function matchPvcLabels(wanted: Readonly<Record<string, string>>, labels: VolumeAttributes['pvcLabels']): boolean {
  const pairs = Object.entries(wanted);
  if (pairs.length === 0) return true;
  if (labels === undefined) return false;
  return pairs.every(([key, value]) => Object.hasOwn(labels, key) && labels[key] === value);
}

/** PVC phase in the list; no PVC (phase `""`) never matches. */
export function matchPvcPhase(wanted: readonly string[], phase: string): boolean {
  if (wanted.length === 0) return true;
  return phase !== '' && wanted.includes(phase);
}

/** Exact, case-sensitive equality; an unset PVC volume mode never matches. */
export function matchVolumeMode(wanted: string, volumeMode: string): boolean {
  if (wanted === '') return true;
  return volumeMode !== '' && volumeMode === wanted;
}

/** Same length and same set as the PVC's access modes (order ignored, case-sensitive). */
export function matchAccessModes(wanted: readonly string[], accessModes: readonly string[]): boolean {
  if (wanted.length === 0) return true;
  if (accessModes.length === 0 || accessModes.length !== wanted.length) return false;
  const a = new Set(wanted);
  const b = new Set(accessModes);
  return a.size === b.size && [...a].every((mode) => b.has(mode));
}
