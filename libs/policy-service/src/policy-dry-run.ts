// Validation and dry-run evaluation of a policy document without a cluster: which policy matches
// each given volume, its action, and why. Pure (the volume-policy lib does the work).
import { formatQuantity } from '@ferry/kube-values';
import {
  matchVolumePolicy,
  parseResourcePolicies,
  renderReason,
  volumeAttributesOf,
  type PersistentVolumeClaimInput,
  type PersistentVolumeInput,
  type PodVolumeInput,
  type PolicyIssue,
  type PolicyMatch,
  type VolumeFilterData,
} from '@ferry/volume-policy';

/** Outcome of {@link validatePolicyDocument}: a document with issues is still a successful call. */
export interface DocumentValidation {
  readonly valid: boolean;
  readonly volumePolicies: number;
  readonly issues: readonly PolicyIssue[];
}

/** One volume of a dry run (see `dryRunVolumeSchema`). */
export interface DryRunVolume {
  readonly name?: string;
  readonly pv?: PersistentVolumeInput;
  readonly pvc?: PersistentVolumeClaimInput;
  readonly podVolume?: PodVolumeInput;
}

/** What the dry run found for one volume. */
export interface DryRunVolumeResult {
  readonly index: number;
  readonly name?: string;
  /** What the policies were matched against: `pv` (PV and PVC), `pod-volume`, or `pvc` alone. */
  readonly matchedAs: VolumeFilterData['kind'];
  readonly attributes: { readonly capacity: string; readonly storageClass: string; readonly volumeType: string };
  readonly matched: boolean;
  readonly policy?: {
    readonly position: number;
    readonly index: number;
    readonly conditions: PolicyMatch['policy']['conditions'];
    readonly action: PolicyMatch['policy']['action'];
  };
  readonly action?: PolicyMatch['policy']['action']['type'];
  readonly reason: string;
}

/** Outcome of {@link evaluatePolicyDocument}. */
export type DryRunOutcome =
  { readonly ok: true; readonly volumes: readonly DryRunVolumeResult[] } | { readonly ok: false; readonly issues: readonly PolicyIssue[] };

const noMatchReason =
  'no volume policy matched: Velero falls back to the legacy rules (pod opt-in/opt-out annotations for fs-backup, snapshotVolumes for snapshots)';

/** Parses and validates a document, reporting every issue with path, line and column. Pure. */
export function validatePolicyDocument(document: string): DocumentValidation {
  const parsed = parseResourcePolicies(document);
  return parsed.ok
    ? { valid: true, volumePolicies: parsed.policies.volumePolicies.length, issues: [] }
    : { valid: false, volumePolicies: 0, issues: parsed.issues };
}

/**
 * Matches every volume against the document's policies (first match wins), as the snapshot and
 * fs-backup decisions would before their legacy fallbacks. A PV is matched with its PVC; without a
 * PV, a pod volume with its PVC; else the PVC alone. Pure; the document's issues when invalid.
 */
export function evaluatePolicyDocument(document: string, volumes: readonly DryRunVolume[]): DryRunOutcome {
  const parsed = parseResourcePolicies(document);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const { policies } = parsed;
  return {
    ok: true,
    volumes: volumes.map((volume, index) => {
      const data = filterDataOf(volume);
      const attributes = volumeAttributesOf(data);
      const match = matchVolumePolicy(policies, data);
      const base = {
        index,
        ...(volume.name === undefined ? {} : { name: volume.name }),
        matchedAs: data.kind,
        attributes: {
          capacity: formatQuantity(attributes.capacity),
          storageClass: attributes.storageClass,
          volumeType: attributes.volumeType,
        },
      };
      if (!match) return { ...base, matched: false, reason: noMatchReason };
      const { policy } = match;
      return {
        ...base,
        matched: true,
        policy: { position: match.position, index: policy.index, conditions: policy.conditions, action: policy.action },
        action: policy.action.type,
        reason: renderReason({
          kind: 'policy-match',
          position: match.position,
          origin: policy.origin,
          index: policy.index,
          conditions: policy.conditions,
          action: policy.action,
        }),
      };
    }),
  };
}

function filterDataOf(volume: DryRunVolume): VolumeFilterData {
  const pvc = volume.pvc ? { pvc: volume.pvc } : {};
  if (volume.pv) return { kind: 'pv', pv: volume.pv, ...pvc };
  if (volume.podVolume) return { kind: 'pod-volume', podVolume: volume.podVolume, ...pvc };
  return { kind: 'pvc', pvc: volume.pvc ?? {} };
}
