// Ordered plans of cluster changes, as data. The exposer service executes them in order and stops
// at the first failure; each step is idempotent when keyed by the object names it carries.
import { SnapshotDeletionPolicy } from '@ferry/api';

/** Kinds of objects a step touches. */
export const ExposureObjectKind = {
  VolumeSnapshot: 'VolumeSnapshot',
  VolumeSnapshotContent: 'VolumeSnapshotContent',
  PersistentVolumeClaim: 'PersistentVolumeClaim',
  PersistentVolume: 'PersistentVolume',
  Pod: 'Pod',
} as const;
/** One of {@link ExposureObjectKind}. */
export type ExposureObjectKind = (typeof ExposureObjectKind)[keyof typeof ExposureObjectKind];

/** The object a step acts on (`namespace` absent for cluster-scoped kinds). */
export interface ExposureObjectRef {
  kind: ExposureObjectKind;
  name: string;
  namespace?: string;
}

/** One step of a plan. `delete` with `waitUntilGone` blocks until the object is gone or times out. */
export type ExposureStep =
  | { action: 'create'; target: ExposureObjectRef }
  | { action: 'setSnapshotDeletionPolicy'; target: ExposureObjectRef; policy: SnapshotDeletionPolicy }
  | { action: 'setReclaimPolicy'; target: ExposureObjectRef; policy: string }
  | { action: 'delete'; target: ExposureObjectRef; waitUntilGone: boolean }
  | { action: 'bindClaimToVolume'; target: ExposureObjectRef; volumeName: string }
  | { action: 'resetVolumeClaimRef'; target: ExposureObjectRef; claim: { name: string; namespace: string } }
  | { action: 'waitClaimBound'; target: ExposureObjectRef };

/** The object refs of a CSI snapshot takeover. */
export interface SnapshotTakeoverInput {
  /** DU name: name of the new VS, VSC (and later PVC and pod). */
  dataUploadName: string;
  /** Ferry's namespace. */
  namespace: string;
  sourceVs: { name: string; namespace: string };
  sourceVscName: string;
}

/**
 * Takeover of the user's snapshot: create VS `<du>` and static VSC `<du>` (deletionPolicy Delete),
 * switch the original VSC to Retain so deleting it keeps the physical snapshot, then delete the
 * original VS and VSC, waiting for each to go (bounded by the DU operationTimeout).
 */
export function planSnapshotTakeover(input: SnapshotTakeoverInput): ExposureStep[] {
  const vs = { kind: ExposureObjectKind.VolumeSnapshot, name: input.dataUploadName, namespace: input.namespace };
  const vsc = { kind: ExposureObjectKind.VolumeSnapshotContent, name: input.dataUploadName };
  const originalVsc = { kind: ExposureObjectKind.VolumeSnapshotContent, name: input.sourceVscName };
  return [
    { action: 'create', target: vs },
    { action: 'create', target: vsc },
    { action: 'setSnapshotDeletionPolicy', target: originalVsc, policy: SnapshotDeletionPolicy.Retain },
    { action: 'delete', target: { kind: ExposureObjectKind.VolumeSnapshot, ...input.sourceVs }, waitUntilGone: true },
    { action: 'delete', target: originalVsc, waitUntilGone: true },
  ];
}
