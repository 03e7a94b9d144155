// How a Backup points at its resource policies and how the document sits in a ConfigMap: the
// pure checks Velero applies around parsing. Fetching the ConfigMap is the caller's job.
import type { BackupSpec } from '@ferry/api';
import type { ResourcePolicies } from './resource-policies';

/** The only `spec.resourcePolicy.kind` Velero honours on backups (compared case-insensitively). */
export const policyReferenceKind = 'configmap';

/**
 * Whether a Backup's `spec.resourcePolicy` points at a ConfigMap. Other kinds are silently
 * ignored on backups, as in Velero. Pure.
 */
export function isConfigMapPolicyReference(reference: { readonly kind?: string } | null | undefined): boolean {
  return reference?.kind !== undefined && reference.kind.toLowerCase() === policyReferenceKind;
}

/** Outcome of {@link policyDocumentFromConfigMap}. */
export type PolicyDocumentExtraction =
  { readonly ok: true; readonly key: string; readonly text: string } | { readonly ok: false; readonly message: string };

/**
 * The policy document of a ConfigMap: its `data` must have exactly one entry, under any key;
 * otherwise Velero's `illegal resource policies <ns>/<name> configmap`. Pure.
 */
export function policyDocumentFromConfigMap(configMap: {
  readonly metadata?: { readonly namespace?: string; readonly name?: string };
  readonly data?: Readonly<Record<string, string>> | null;
}): PolicyDocumentExtraction {
  const entries = Object.entries(configMap.data ?? {});
  const [first] = entries;
  if (entries.length !== 1 || first === undefined) {
    const ref = `${configMap.metadata?.namespace ?? ''}/${configMap.metadata?.name ?? ''}`;
    return {
      ok: false,
      message: `illegal resource policies ${ref} configmap; its data must hold exactly one key (found ${entries.length})`,
    };
  }
  return { ok: true, key: first[0], text: first[1] };
}

/**
 * Velero's backup validation: an `includeExcludePolicy` cannot be combined with the old resource
 * filters (includedResources, excludedResources, includeClusterResources). Returns Velero's
 * validation error, or `undefined` when compatible. Pure.
 */
export function checkIncludeExcludeCompatibility(policies: ResourcePolicies | undefined, spec: BackupSpec): string | undefined {
  if (!policies?.includeExcludePolicy || !usesOldResourceFilters(spec)) return undefined;
  return 'include-resources, exclude-resources and include-cluster-resources are old filter parameters.\nThey cannot be used with include-exclude policies.';
}

/**
 * [newest] Velero's backup validation: `namespacedFilterPolicies` (non-empty) or a
 * `clusterScopedFilterPolicy` cannot be combined with the old resource filters either. Returns
 * Velero's validation error, or `undefined` when compatible. Pure.
 */
export function checkFilterPolicyCompatibility(policies: ResourcePolicies | undefined, spec: BackupSpec): string | undefined {
  const filters = (policies?.namespacedFilterPolicies?.length ?? 0) > 0 || policies?.clusterScopedFilterPolicy !== undefined;
  if (!filters || !usesOldResourceFilters(spec)) return undefined;
  return 'include-resources, exclude-resources and include-cluster-resources are old filter parameters.\nThey cannot be used with namespace-scoped or fine-grained global filter policies.';
}

/** Velero's `collections.UseOldResourceFilters`. */
function usesOldResourceFilters(spec: BackupSpec): boolean {
  return (
    (spec.includeClusterResources !== undefined && spec.includeClusterResources !== null) ||
    (spec.includedResources?.length ?? 0) > 0 ||
    (spec.excludedResources?.length ?? 0) > 0
  );
}
