// Velero's ShouldPerformSnapshot over prepared data (no lookups): for a PV (native snapshot path)
// or a PVC (CSI path), in Velero's order — volume policy, unbound PVC error, PV already taken by a
// legacy fs-backup, then the Backup's snapshotVolumes.
import { VolumeActionType } from '@ferry/api';
import { policyMatchReason, type BackupVolumeSettings } from './backup-volume-settings';
import { pvcNotBoundMessage, type VolumeDecision } from './decision-reason';
import { VolumePolicyErrorCode } from './errors';
import { legacyFsBackupRule } from './legacy-fs-backup-rule';
import { resolveBoundPv } from './pvc-binding';
import { matchAttributes, type ResourcePolicies } from './resource-policies';
import { volumeAttributesOf, type VolumeFilterData } from './volume-attributes';
import { claimNameOf, type PersistentVolumeClaimInput, type PersistentVolumeInput, type PodVolumeMount } from './volume-inputs';
import { newWorkMeter, type WorkMeter } from './work-meter';

/**
 * What is being snapshotted. For a PV, Velero matches policies with an empty PVC, so pvc*
 * conditions never match on the native-snapshot path. For a PVC, `pv` is the PV the caller found
 * under `spec.volumeName` (omit it when not found).
 */
export type SnapshotSubject =
  | { readonly kind: 'pv'; readonly pv: PersistentVolumeInput }
  | { readonly kind: 'pvc'; readonly pvc: PersistentVolumeClaimInput; readonly pv?: PersistentVolumeInput };

/** Everything {@link shouldPerformSnapshot} reads, fetched beforehand by the caller. */
export interface SnapshotDecisionInput {
  /** Absent when the Backup references no resource policies. */
  readonly policies?: ResourcePolicies;
  readonly backup: BackupVolumeSettings;
  readonly subject: SnapshotSubject;
  /**
   * The pod volumes that mount the PV's claim (`spec.claimRef`), from pods in the claim's
   * namespace (see `findClaimMounts`); other entries are ignored. Needed only for a PV with a
   * claimRef.
   */
  readonly claimMounts?: readonly PodVolumeMount[];
}

/**
 * Whether to snapshot the volume, and why. Pure; never throws. Precedence: a matching policy
 * decides (`snapshot` → perform, even with snapshotVolumes=false; any other action → skip); with
 * no match a PVC without a bound PV is an error; a PV whose claim is selected for fs-backup by a
 * pod's legacy annotations is skipped; otherwise snapshotVolumes decides (unset = true).
 */
export function shouldPerformSnapshot(input: SnapshotDecisionInput): VolumeDecision {
  return decideSnapshot(input, newWorkMeter());
}

/** {@link shouldPerformSnapshot}, counting work into `meter`. */
export function decideSnapshot(input: SnapshotDecisionInput, meter: WorkMeter): VolumeDecision {
  meter.decisions++;
  const { subject, backup } = input;
  const pvc = subject.kind === 'pvc' ? subject.pvc : undefined;
  const binding = subject.kind === 'pvc' ? resolveBoundPv(subject.pvc, subject.pv) : { ok: true as const, pv: subject.pv };
  const pv = binding.ok ? binding.pv : undefined;

  if (input.policies) {
    const data: VolumeFilterData = pv ? { kind: 'pv', pv, ...(pvc ? { pvc } : {}) } : { kind: 'pvc', pvc: pvc ?? {} };
    const match = matchAttributes(input.policies, volumeAttributesOf(data), meter);
    if (match) {
      const perform = match.policy.action.type === VolumeActionType.Snapshot;
      return { outcome: perform ? 'perform' : 'skip', reason: policyMatchReason(match) };
    }
  }
  if (!binding.ok) {
    return {
      outcome: 'error',
      reason: binding.reason,
      code: VolumePolicyErrorCode.PvcNotBound,
      message: pvcNotBoundMessage(binding.reason),
    };
  }

  const taken = findFsBackupOfClaim(binding.pv, input.claimMounts ?? [], backup.defaultVolumesToFsBackup === true, meter);
  if (taken) return { outcome: 'skip', reason: taken };

  const snapshotVolumes = backup.snapshotVolumes ?? undefined;
  return { outcome: snapshotVolumes === false ? 'skip' : 'perform', reason: { kind: 'snapshot-volumes-setting', snapshotVolumes } };
}

function findFsBackupOfClaim(
  pv: PersistentVolumeInput,
  mounts: readonly PodVolumeMount[],
  defaultVolumesToFsBackup: boolean,
  meter: WorkMeter,
): VolumeDecision['reason'] | undefined {
  const claimRef = pv.spec?.claimRef;
  if (!claimRef) return undefined;
  const namespace = claimRef.namespace ?? '';
  const name = claimRef.name ?? '';
  for (const { pod, volume } of mounts) {
    meter.claimMountChecks++;
    // An empty claimRef namespace lists pods of every namespace in Velero.
    if (namespace !== '' && (pod.metadata?.namespace ?? '') !== namespace) continue;
    if (claimNameOf(volume) !== name) continue;
    const rule = legacyFsBackupRule(volume.name, pod, defaultVolumesToFsBackup);
    if (rule.selected) {
      return {
        kind: 'pv-taken-by-fs-backup',
        claim: { namespace, name },
        pod: { namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' },
        volume: volume.name,
        rule: rule.reason,
      };
    }
  }
  return undefined;
}
