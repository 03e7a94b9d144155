// What the volume step does for one Backup, from the policy service's plan: which claims to
// snapshot (with the policy's class and data mover), which pod volumes to back up with fs-backup,
// which claims end skipped and with which reasons (Velero's skip tracker as its item backupper
// fills it), and which plan errors become item errors. Only entries of backed-up pods and claims
// count. Pure.
import { VolumeActionParameter } from '@ferry/api';
import type { volumePlanEntrySchema } from '@ferry/contracts';
import type { z } from 'zod';
import type { ResultLogFields } from '../results/backup-results';
import {
  SkipApproach,
  VeleroSkipReason,
  type ClaimRef,
  type SkipReason,
  type VolumeFacts,
  type VolumeInfoInput,
} from '../volume-info/volume-info-inputs';

/** One entry of a `policy.evaluate` plan. */
export type PlanEntry = z.infer<typeof volumePlanEntrySchema>;

/** Velero's reason when a non-CSI PV finds no native volume snapshotter (Ferry has none). */
export const noVolumeSnapshotterReason = 'no applicable volumesnapshotter found';

/** `namespace/name` of a pod or claim. */
export interface OwnerRef {
  readonly namespace: string;
  readonly name: string;
}

/** The backed-up pods and claims. */
export interface VolumeOwners {
  readonly pods: readonly OwnerRef[];
  readonly persistentVolumeClaims: readonly OwnerRef[];
}

/** What the cluster says about a backed-up claim's PV (absent when unbound). */
export interface ClaimVolume {
  readonly volume: VolumeFacts;
  /** Whether the PV is a CSI volume (`spec.csi` set). */
  readonly csi: boolean;
  /** Whether the PV is a hostPath volume (`spec.hostPath` set). */
  readonly hostPath?: boolean | undefined;
}

/** A claim to snapshot. */
export interface SnapshotWork {
  readonly claim: ClaimRef;
  /** The matched volume policy's `snapshotClass` parameter. */
  readonly policyClass?: string | undefined;
  /** DataUpload `spec.datamover` from the plan. */
  readonly dataMover: string;
}

/** A pod volume to back up with fs-backup. */
export interface FsBackupWork {
  readonly pod: OwnerRef;
  readonly volume: string;
  readonly claimName?: string | undefined;
  /**
   * The claim's PV is a hostPath volume: the node-agent cannot reach its data, so Velero's pod
   * volume backupper creates no PodVolumeBackup and records no skip reason for it.
   */
  readonly onHostPath?: true | undefined;
}

/** The work of one Backup's volume step. */
export interface VolumeWork {
  readonly snapshots: readonly SnapshotWork[];
  readonly fsBackups: readonly FsBackupWork[];
  readonly skipped: readonly Extract<VolumeInfoInput, { kind: 'skipped' }>[];
  /** Item errors (plan errors), as backup log lines. */
  readonly errors: readonly ResultLogFields[];
}

const keyOf = (ref: OwnerRef): string => `${ref.namespace}/${ref.name}`;

function policyClassOf(entry: PlanEntry): string | undefined {
  if (entry.reason.kind !== 'policy-match') return undefined;
  const value = entry.reason.action.parameters[VolumeActionParameter.SnapshotClass];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function planError(entry: PlanEntry): ResultLogFields {
  const target = entry.target;
  const [namespace, resource, name] =
    target.kind === 'pvc'
      ? [target.claim.namespace, 'persistentvolumeclaims', target.claim.name]
      : target.kind === 'pod-volume'
        ? [target.pod.namespace, 'pods', target.pod.name]
        : ['', 'persistentvolumes', target.name];
  return { namespace, resource, name, message: 'Error backing up item', error: entry.error?.message ?? entry.reasonText };
}

/**
 * The item error of a claim to snapshot that has no PV, as Velero's CSI PVC action fails on it
 * (GetPVForPVC): no `spec.volumeName`, or a PV that does not exist.
 */
function unboundClaimError(claim: ClaimRef, volumeName: string): ResultLogFields {
  const { namespace, name } = claim;
  const detail =
    volumeName === ''
      ? `PVC ${namespace}/${name} has no volume backing this claim`
      : `failed to get PV ${volumeName} for PVC ${namespace}/${name}: persistentvolumes "${volumeName}" not found`;
  return {
    namespace,
    resource: 'persistentvolumeclaims',
    name,
    message: 'Error backing up item',
    error: `error executing custom action (groupResource=persistentvolumeclaims, namespace=${namespace}, name=${name}): ${detail}`,
  };
}

/** Skip reasons of a claim nobody took, as Velero's item backupper tracks them for the PVC and its PV. */
function claimSkipReasons(entry: PlanEntry, pv: ClaimVolume, optedOutBy: string | undefined): SkipReason[] {
  const reasons: SkipReason[] = [];
  if (optedOutBy !== undefined)
    reasons.push({ approach: SkipApproach.PodVolume, reason: `opted out due to annotation in pod ${optedOutBy}` });
  if (entry.outcome === 'skip') {
    if (entry.action === 'skip') reasons.push({ approach: SkipApproach.Any, reason: VeleroSkipReason.ResourcePolicy });
    reasons.push({ approach: SkipApproach.VolumeSnapshot, reason: VeleroSkipReason.SnapshotCriteria });
  } else if (entry.outcome === 'perform' && !pv.csi) {
    reasons.push({ approach: SkipApproach.CsiSnapshot, reason: VeleroSkipReason.NotCsi });
    reasons.push({ approach: SkipApproach.VolumeSnapshot, reason: noVolumeSnapshotterReason });
  }
  return reasons;
}

/**
 * The volume step's work from `entries` (one plan): perform-snapshot entries of backed-up claims
 * with a CSI PV become {@link SnapshotWork}; perform-fs-backup entries of backed-up pods become
 * {@link FsBackupWork}; error entries of either become item errors; every backed-up bound claim
 * that neither a snapshot nor an fs-backup takes is skipped with Velero's reasons. `volumes`
 * gives each backed-up claim's PV by `namespace/name` (absent = unbound: no skip entry, as Velero;
 * but a volume policy that snapshots it makes Velero's CSI PVC action fail, so that is an item error).
 */
export function planVolumeWork(entries: readonly PlanEntry[], owners: VolumeOwners, volumes: ReadonlyMap<string, ClaimVolume>): VolumeWork {
  const pods = new Set(owners.pods.map(keyOf));
  const claims = new Set(owners.persistentVolumeClaims.map(keyOf));
  const snapshots: SnapshotWork[] = [];
  const fsBackups: FsBackupWork[] = [];
  const errors: ResultLogFields[] = [];
  const fsTaken = new Set<string>();
  const optedOut = new Map<string, string>();
  for (const entry of entries) {
    const { target } = entry;
    if (target.kind !== 'pod-volume' || !pods.has(keyOf(target.pod))) continue;
    if (entry.outcome === 'error') errors.push(planError(entry));
    const claimKey = target.claimName === undefined ? undefined : `${target.pod.namespace}/${target.claimName}`;
    if (entry.outcome === 'perform') {
      fsBackups.push({
        pod: target.pod,
        volume: target.volume,
        ...(target.claimName === undefined ? {} : { claimName: target.claimName }),
        ...(claimKey && volumes.get(claimKey)?.hostPath ? { onHostPath: true } : {}),
      });
      if (claimKey) fsTaken.add(claimKey);
    } else if (claimKey && entry.reason.kind === 'legacy-opt-out' && entry.reason.listed) {
      optedOut.set(claimKey, target.pod.name);
    }
  }
  const skipped: Extract<VolumeInfoInput, { kind: 'skipped' }>[] = [];
  for (const entry of entries) {
    const { target } = entry;
    if (target.kind !== 'pvc' || !claims.has(keyOf(target.claim))) continue;
    if (entry.outcome === 'error') {
      errors.push(planError(entry));
      continue;
    }
    const pv = volumes.get(keyOf(target.claim));
    if (entry.outcome === 'perform' && !pv) {
      errors.push(unboundClaimError(target.claim, target.volumeName));
      continue;
    }
    if (entry.outcome === 'perform' && pv?.csi) {
      snapshots.push({ claim: target.claim, policyClass: policyClassOf(entry), dataMover: entry.dataMover?.dataMover ?? '' });
      continue;
    }
    if (!pv || fsTaken.has(keyOf(target.claim))) continue;
    const reasons = claimSkipReasons(entry, pv, optedOut.get(keyOf(target.claim)));
    if (reasons.length > 0) skipped.push({ kind: 'skipped', claim: target.claim, volume: pv.volume, reasons });
  }
  return { snapshots, fsBackups, skipped, errors };
}
