// Which backed-up items a Restore takes (velero pkg/restore/restore.go RestoreWithResolvers,
// getOrderedResourceCollection, getSelectedRestoreableItems, determineRestoreStatus), over
// @ferry/backup's collection rules: resource includes/excludes resolved through discovery (the
// non-restorable resources always excluded), namespace includes/excludes (globs, matched here
// through their expansion against the backup's namespaces, which decides the same for every
// namespace the backup holds), the cluster-scope rules of `includeClusterResources` (over the
// Restore's own namespace lists: Velero 1.18's restore never expands them),
// `labelSelector` / `orLabelSelectors`, the restore resource policy's filter policies (their
// selectors replace the Restore's; their name globs apply), and `restoreStatus`.
import type { LabelSelector, RestoreSpec } from '@ferry/api';
import {
  GlobSet,
  IncludesExcludes,
  namespaceFilterIncludes,
  namespaceFilterOf,
  namespaceResourceFilter,
  resolveFilterPolicies,
  type FilterPolicies,
  type NamespaceFilter,
  type ResolvedResourceFilter,
  type ResourceCatalog,
} from '@ferry/backup';
import { labelSelectorMatches, type LabelSelectorSpec } from '@ferry/kube-values';
import type { ResourcePolicies } from '@ferry/volume-policy';
import { nonRestorableResources } from '../validation/restore-validation';

/** Velero's annotation that overrides `restoreStatus` for one object (`"true"` / `"false"`). */
export const restoreStatusAnnotation = 'velero.io/restore-status';

/**
 * Velero's `resourceMustHave`: taken whatever the resource and namespace filters and selectors say
 * (a backed-up DataUpload becomes the DataUploadResult its claim's restore needs; a snapshot
 * content is needed by its VolumeSnapshot).
 */
export const mustHaveResources: readonly string[] = ['datauploads.velero.io', 'volumesnapshotcontents.snapshot.storage.k8s.io'];

/** The decisions of one Restore, built once per run. */
export interface RestoreSelection {
  /** Velero's `resourceIncludesExcludes.ShouldInclude`. */
  includesResource(groupResource: string): boolean;
  /** Whether items of `groupResource` in `namespace` (`""` = cluster scope) are taken. */
  includesScope(namespace: string, groupResource: string): boolean;
  /** Whether a namespaced item's namespace passes (`namespaceIncludesExcludes.ShouldInclude`). */
  includesNamespace(namespace: string, groupResource: string): boolean;
  /** Whether the selectors (and filter policies) take an item with `labels`. */
  selectsItem(groupResource: string, namespace: string, name: string, labels: Readonly<Record<string, string>> | undefined): boolean;
  /**
   * Whether `selectsItem` looks at the labels of items of `groupResource` in `namespace`; when it
   * does not, it can be asked without them (an item need not be read to be selected).
   */
  selectsByLabels(groupResource: string, namespace: string): boolean;
  /** Velero's `determineRestoreStatus`. */
  restoresStatus(groupResource: string, annotations: Readonly<Record<string, string>> | undefined): boolean;
}

function resolvedFilter(catalog: ResourceCatalog, includes: readonly string[], excludes: readonly string[]): IncludesExcludes {
  const resolve = (item: string): string => catalog.resolve(item)?.groupResource ?? item;
  return new IncludesExcludes(
    new GlobSet(includes.map((item) => (item === '*' ? item : resolve(item)))),
    new GlobSet(excludes.filter((item) => item !== '*').map(resolve)),
  );
}

type Labels = Readonly<Record<string, string>> | undefined;

function selectorsMatch(
  labelSelector: LabelSelectorSpec | null | undefined,
  orSelectors: readonly LabelSelectorSpec[],
  labels: Labels,
): boolean {
  if (labelSelector && !labelSelectorMatches(labelSelector as LabelSelector, labels)) return false;
  return orSelectors.length === 0 || orSelectors.some((selector) => labelSelectorMatches(selector as LabelSelector, labels));
}

/**
 * The filter policy for items of `groupResource` in `namespace` (`""` = cluster scope): its filter,
 * null when a namespace's policy leaves the resource out, undefined when no policy governs them.
 */
function policyFilterOf(policies: FilterPolicies, groupResource: string, namespace: string): ResolvedResourceFilter | null | undefined {
  if (namespace === '') return policies.clusterScoped?.get(groupResource);
  const governing = policies.namespaceFilter(namespace);
  if (!governing) return undefined;
  return namespaceResourceFilter(governing, groupResource) ?? null;
}

function policySelects(
  policies: FilterPolicies,
  groupResource: string,
  namespace: string,
  name: string,
  labels: Labels,
): boolean | undefined {
  const filter = policyFilterOf(policies, groupResource, namespace);
  if (filter === null) return false;
  if (!filter) return undefined;
  if (filter.names && !filter.names.shouldInclude(name)) return false;
  return selectorsMatch(filter.labelSelector, filter.orLabelSelectors, labels);
}

/**
 * The selection of a Restore whose backup holds items in `backupNamespaces`, over the target's
 * discovery `catalog`; `policies` is the parsed restore resource policy (filter sections only).
 * Pure apart from memoised lookups.
 */
export function restoreSelectionOf(
  spec: RestoreSpec,
  catalog: ResourceCatalog,
  backupNamespaces: readonly string[],
  policies?: ResourcePolicies,
): RestoreSelection {
  const resources = resolvedFilter(catalog, spec.includedResources ?? [], [...(spec.excludedResources ?? []), ...nonRestorableResources]);
  const mustHave = (groupResource: string) => mustHaveResources.includes(groupResource);
  const status = spec.restoreStatus
    ? resolvedFilter(catalog, spec.restoreStatus.includedResources ?? [], spec.restoreStatus.excludedResources ?? [])
    : undefined;
  const namespaces: NamespaceFilter = namespaceFilterOf(spec, backupNamespaces);
  // Velero 1.18's `IncludeEverything` on the lists as written: a pattern that matches none of the
  // backup's namespaces still narrows the restore, so cluster-scoped items stay out.
  const namespaceLists = new IncludesExcludes(new GlobSet(spec.includedNamespaces ?? []), new GlobSet(spec.excludedNamespaces ?? []));
  const filterPolicies = resolveFilterPolicies(policies, catalog);
  const orSelectors = spec.orLabelSelectors ?? [];
  return {
    includesResource: (groupResource) => mustHave(groupResource) || resources.shouldInclude(groupResource),
    includesNamespace: (namespace, groupResource) => mustHave(groupResource) || namespaceFilterIncludes(namespaces, namespace),
    includesScope(namespace, groupResource) {
      if (namespace !== '') return mustHave(groupResource) || namespaceFilterIncludes(namespaces, namespace);
      if (spec.includeClusterResources === false) return false;
      return spec.includeClusterResources === true || namespaceLists.includesEverything();
    },
    selectsItem(groupResource, namespace, name, labels) {
      if (mustHave(groupResource)) return true;
      const byPolicy = policySelects(filterPolicies, groupResource, namespace, name, labels);
      return byPolicy ?? selectorsMatch(spec.labelSelector, orSelectors, labels);
    },
    selectsByLabels(groupResource, namespace) {
      if (mustHave(groupResource)) return false;
      const filter = policyFilterOf(filterPolicies, groupResource, namespace);
      if (filter === null) return false;
      const selectors = filter ?? { labelSelector: spec.labelSelector, orLabelSelectors: orSelectors };
      return Boolean(selectors.labelSelector) || selectors.orLabelSelectors.length > 0;
    },
    restoresStatus(groupResource, annotations) {
      const bySpec = status?.shouldInclude(groupResource) ?? false;
      const value = annotations?.[restoreStatusAnnotation]?.trim().toLowerCase();
      return value === 'true' ? true : value === 'false' ? false : bySpec;
    },
  };
}
