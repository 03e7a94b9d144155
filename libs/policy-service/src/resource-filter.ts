// Whether a Backup's resource filter excludes `persistentvolumeclaims` (Velero's
// `!ResourceIncludesExcludes.ShouldInclude("persistentvolumeclaims")`), which stops fs-backup of
// PVC volumes. Velero resolves filter entries through API discovery; only this one resource
// matters here, so its spellings are recognised directly instead of calling discovery.
import type { BackupSpec } from '@ferry/api';

/** Which of the Backup's filters decided. */
export const ResourceFilterKind = {
  /** `includedResources` / `excludedResources` (the old filters). */
  Resources: 'resources',
  /** `includedNamespaceScopedResources` / `excludedNamespaceScopedResources` (the scoped filters). */
  NamespaceScoped: 'namespace-scoped-resources',
} as const;
/** One of {@link ResourceFilterKind}. */
export type ResourceFilterKind = (typeof ResourceFilterKind)[keyof typeof ResourceFilterKind];

/** Outcome of {@link pvcResourceFilter}. */
export interface PvcResourceFilterResult {
  readonly excluded: boolean;
  readonly filter: ResourceFilterKind;
}

// What the RESTMapper resolves to the core `persistentvolumeclaims` resource: plural, singular,
// short name, any letter case, with an optional empty group (`persistentvolumeclaims.`).
const pvcSpellings: ReadonlySet<string> = new Set(['persistentvolumeclaims', 'persistentvolumeclaim', 'pvc']);

/** Whether one filter entry names the `persistentvolumeclaims` resource (`*` is not a name). Pure. */
export function namesPersistentVolumeClaims(entry: string): boolean {
  const lower = entry.toLowerCase();
  return pvcSpellings.has(lower.endsWith('.') ? lower.slice(0, -1) : lower);
}

/**
 * Velero's IncludesExcludes for one resource: an exclude entry (or `*`) wins; then an empty
 * include list, `*`, or a naming entry includes. Pure.
 */
function includes(included: readonly string[], excluded: readonly string[]): boolean {
  if (excluded.some((entry) => entry === '*' || namesPersistentVolumeClaims(entry))) return false;
  return included.length === 0 || included.some((entry) => entry === '*' || namesPersistentVolumeClaims(entry));
}

/**
 * Whether the Backup's resource filter excludes PVCs, and which filter decided. As Velero
 * (`UseOldResourceFilters`): the old filters apply when `includedResources` or
 * `excludedResources` is non-empty or `includeClusterResources` is set; otherwise the
 * namespace-scoped filters (PVCs are namespaced, so the cluster-scoped lists never matter). In
 * either pair an exclude entry naming PVCs or `*` excludes; else an empty include list, `*` or
 * an entry naming PVCs includes; anything else excludes. Names: `persistentvolumeclaims`,
 * `persistentvolumeclaim`, `pvc`, any case, optionally followed by `.` (the core group). Pure.
 */
export function pvcResourceFilter(spec: BackupSpec): PvcResourceFilterResult {
  const old =
    (spec.includedResources?.length ?? 0) > 0 ||
    (spec.excludedResources?.length ?? 0) > 0 ||
    (spec.includeClusterResources !== undefined && spec.includeClusterResources !== null);
  if (old) {
    return { excluded: !includes(spec.includedResources ?? [], spec.excludedResources ?? []), filter: ResourceFilterKind.Resources };
  }
  return {
    excluded: !includes(spec.includedNamespaceScopedResources ?? [], spec.excludedNamespaceScopedResources ?? []),
    filter: ResourceFilterKind.NamespaceScoped,
  };
}
