// Velero's ShouldPerformFSBackup over prepared data (no lookups): never-backed-up volume kinds,
// then the volume policy, then the legacy opt-in/opt-out annotations.
import { VolumeActionType } from '@ferry/api';
import { policyMatchReason, type BackupVolumeSettings } from './backup-volume-settings';
import { NeverFsBackupKind, pvcNotBoundMessage, pvcNotFoundMessage, type DecisionReason, type VolumeDecision } from './decision-reason';
import { VolumePolicyErrorCode } from './errors';
import { legacyFsBackupRule } from './legacy-fs-backup-rule';
import { resolveBoundPv, type PvBinding } from './pvc-binding';
import { matchAttributes, type ResourcePolicies } from './resource-policies';
import { volumeAttributesOf, type VolumeFilterData } from './volume-attributes';
import {
  claimNameOf,
  type PersistentVolumeClaimInput,
  type PersistentVolumeInput,
  type PodInput,
  type PodVolumeInput,
} from './volume-inputs';
import { newWorkMeter, type WorkMeter } from './work-meter';

/** Everything {@link shouldPerformFsBackup} reads, fetched beforehand by the caller. */
export interface FsBackupDecisionInput {
  /** Absent when the Backup references no resource policies. */
  readonly policies?: ResourcePolicies;
  readonly backup: BackupVolumeSettings;
  readonly pod: PodInput;
  readonly volume: PodVolumeInput;
  /** For a PVC volume: the claim in the pod's namespace, if it exists. Read only with policies. */
  readonly pvc?: PersistentVolumeClaimInput;
  /** The PV named by the claim's `spec.volumeName`, if it exists. Read only with policies. */
  readonly pv?: PersistentVolumeInput;
}

const neverKinds = [
  NeverFsBackupKind.HostPath,
  NeverFsBackupKind.Secret,
  NeverFsBackupKind.ConfigMap,
  NeverFsBackupKind.Projected,
  NeverFsBackupKind.DownwardApi,
] as const;

/**
 * Whether to back up the pod volume with fs-backup, and why. Pure; never throws. Precedence:
 * hostPath/secret/configMap/projected/downwardAPI volumes, `default-token*` names, and PVC
 * volumes when the Backup's resource filter excludes PVCs are never taken; then a matching policy
 * decides (`fs-backup` → perform, other actions → skip), matched against the PV and PVC when the
 * claim is bound, else against the pod volume and PVC; with policies, a missing PVC, or no match
 * for a claim without a bound PV, is an error; otherwise the legacy annotations decide.
 */
export function shouldPerformFsBackup(input: FsBackupDecisionInput): VolumeDecision {
  return decideFsBackup(input, newWorkMeter());
}

/** {@link shouldPerformFsBackup}, counting work into `meter`. */
export function decideFsBackup(input: FsBackupDecisionInput, meter: WorkMeter): VolumeDecision {
  meter.decisions++;
  const { volume, pod, backup } = input;
  const excluded = neverBackedUp(volume, backup.pvcsExcludedByResourceFilter === true);
  if (excluded) return { outcome: 'skip', reason: excluded };

  if (input.policies) {
    const claimName = claimNameOf(volume);
    let binding: PvBinding | undefined;
    let data: VolumeFilterData = { kind: 'pod-volume', podVolume: volume };
    if (claimName !== undefined) {
      const pvc = input.pvc;
      if (!pvc || (pvc.metadata?.name !== undefined && pvc.metadata.name !== claimName)) {
        const reason = {
          kind: 'pvc-not-found',
          claim: { namespace: pod.metadata?.namespace ?? '', name: claimName },
          volume: volume.name,
        } as const;
        return { outcome: 'error', reason, code: VolumePolicyErrorCode.PvcNotFound, message: pvcNotFoundMessage(reason) };
      }
      binding = resolveBoundPv(pvc, input.pv);
      data = binding.ok ? { kind: 'pv', pv: binding.pv, pvc } : { kind: 'pod-volume', podVolume: volume, pvc };
    }
    const match = matchAttributes(input.policies, volumeAttributesOf(data), meter);
    if (match) {
      const perform = match.policy.action.type === VolumeActionType.FsBackup;
      return { outcome: perform ? 'perform' : 'skip', reason: policyMatchReason(match) };
    }
    if (binding && !binding.ok) {
      return {
        outcome: 'error',
        reason: binding.reason,
        code: VolumePolicyErrorCode.PvcNotBound,
        message: pvcNotBoundMessage(binding.reason),
      };
    }
  }

  const legacy = legacyFsBackupRule(volume.name, pod, backup.defaultVolumesToFsBackup === true);
  return { outcome: legacy.selected ? 'perform' : 'skip', reason: legacy.reason };
}

function neverBackedUp(volume: PodVolumeInput, pvcsExcluded: boolean): DecisionReason | undefined {
  for (const kind of neverKinds) {
    const source = volume[kind];
    if (source !== undefined && source !== null) return { kind: 'never-fs-backup-volume-kind', volumeKind: kind };
  }
  if (claimNameOf(volume) !== undefined && pvcsExcluded) return { kind: 'pvcs-excluded-by-resource-filter' };
  if (volume.name.startsWith('default-token')) {
    return { kind: 'never-fs-backup-volume-kind', volumeKind: NeverFsBackupKind.DefaultToken };
  }
  return undefined;
}
