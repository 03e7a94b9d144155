// The parsed, validated resource policies and the first-match-wins volume policy lookup.
import type { VolumeActionType, VolumeConditions, VolumePolicyDocument } from '@ferry/api';
import type { ClusterScopedFilterPolicy, NamespacedFilterPolicy } from './filter-policy-validator';
import { volumeAttributesOf, type VolumeAttributes, type VolumeFilterData } from './volume-attributes';
import { conditionsMatch, type CompiledConditions } from './volume-conditions';
import { newWorkMeter, type WorkMeter } from './work-meter';

/** Where a policy came from: the Backup's own ConfigMap or the cluster-wide one ([newest]). */
export const PolicyOrigin = { Backup: 'backup', Global: 'global' } as const;
/** One of {@link PolicyOrigin}. */
export type PolicyOrigin = (typeof PolicyOrigin)[keyof typeof PolicyOrigin];

/** The action of a volume policy. `parameters` are kept as written (values of any YAML type). */
export interface VolumeAction {
  readonly type: VolumeActionType;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** One volume policy, validated and compiled. */
export interface CompiledVolumePolicy {
  readonly origin: PolicyOrigin;
  /** Index in its own document's `volumePolicies`. */
  readonly index: number;
  /** The conditions as written (`{}` when the document had none or null). */
  readonly conditions: VolumeConditions;
  readonly compiled: CompiledConditions;
  readonly action: VolumeAction;
}

type NonNull<T> = Exclude<T, null | undefined>;
/** `includeExcludePolicy` of the document (validated: no `*`, no item both included and excluded). */
export type IncludeExcludePolicy = NonNull<VolumePolicyDocument['includeExcludePolicy']>;

/** A valid resource-policies document (Velero's `Policies`). */
export interface ResourcePolicies {
  readonly version: 'v1';
  /** Ordered; the first policy whose conditions all match decides. */
  readonly volumePolicies: readonly CompiledVolumePolicy[];
  readonly includeExcludePolicy?: IncludeExcludePolicy;
  /** [newest] Filters of cluster-scoped resources by kind; validated as Velero does. */
  readonly clusterScopedFilterPolicy?: ClusterScopedFilterPolicy;
  /** [newest] Per-namespace resource filters, in document order; validated as Velero does. */
  readonly namespacedFilterPolicies?: readonly NamespacedFilterPolicy[];
}

/** The policy that matched a volume and its position in the (possibly combined) list. */
export interface PolicyMatch {
  /** Index in `ResourcePolicies.volumePolicies` (after combining). */
  readonly position: number;
  readonly policy: CompiledVolumePolicy;
}

/**
 * The first policy whose conditions all match the volume, or `undefined` (then Velero falls back
 * to the legacy rules). `conditions: {}` matches every volume. Pure; O(policies).
 */
export function matchVolumePolicy(policies: ResourcePolicies, data: VolumeFilterData): PolicyMatch | undefined {
  return matchAttributes(policies, volumeAttributesOf(data), newWorkMeter());
}

/** {@link matchVolumePolicy} over extracted attributes, counting evaluated policies. */
export function matchAttributes(policies: ResourcePolicies, volume: VolumeAttributes, meter: WorkMeter): PolicyMatch | undefined {
  for (const [position, policy] of policies.volumePolicies.entries()) {
    meter.policyEvaluations++;
    if (conditionsMatch(policy.compiled, volume)) return { position, policy };
  }
  return undefined;
}

/**
 * Combines a Backup's own policies with the cluster-wide ones ([newest]
 * `--global-backup-volume-policies-configmap`), as Velero does: only the global volumePolicies
 * are used, appended after the Backup's (so the Backup's rules win on first match); the global
 * include/exclude and filter policies are ignored. Either side may be absent. Pure.
 */
export function combinePolicies(backup: ResourcePolicies | undefined, global: ResourcePolicies | undefined): ResourcePolicies | undefined {
  if (global === undefined) return backup;
  const globalVolumePolicies = global.volumePolicies.map((policy) =>
    policy.origin === PolicyOrigin.Global ? policy : { ...policy, origin: PolicyOrigin.Global },
  );
  if (backup === undefined) return { version: global.version, volumePolicies: globalVolumePolicies };
  return { ...backup, volumePolicies: [...backup.volumePolicies, ...globalVolumePolicies] };
}
