// The resource policy's filter sections as Velero's backup applies them
// (velero-io/velero pkg/backup/backup.go resolveClusterScopedFilterPolicy,
// resolveNamespacedFilterPolicies; request.go GetNamespaceFilter): each filter's kinds resolved
// through discovery to `resource.group` (unknown kinds kept as written), per-kind label selectors
// and name globs; namespaces matched exactly first, then by pattern in document order.
import type { LabelSelectorSpec } from '@ferry/kube-values';
import { isPresentLabelSelector } from '@ferry/kube-values';
import type { ResourceFilter, ResourcePolicies } from '@ferry/volume-policy';
import { compileGlob, GlobSet, type GlobMatcher } from './glob-matcher';
import type { ResourceCatalog } from './resource-catalog';
import { IncludesExcludes } from './resource-type-filter';

/** One resolved resource filter. */
export interface ResolvedResourceFilter {
  readonly labelSelector?: LabelSelectorSpec;
  readonly orLabelSelectors: readonly LabelSelectorSpec[];
  /** Present when the filter has `names` or `excludedNames`. */
  readonly names?: IncludesExcludes;
}

/** The filters of one `namespacedFilterPolicies` entry. */
export interface ResolvedNamespaceFilter {
  /** Keyed by `resource.group`. */
  readonly byResource: ReadonlyMap<string, ResolvedResourceFilter>;
  readonly catchAll?: ResolvedResourceFilter;
}

/** The resolved filter sections of a Backup's resource policies. */
export interface FilterPolicies {
  /** `clusterScopedFilterPolicy` by `resource.group`; undefined when the document has none. */
  readonly clusterScoped?: ReadonlyMap<string, ResolvedResourceFilter>;
  /** The entry of `namespacedFilterPolicies` that governs `namespace`, if any (memoised). */
  namespaceFilter(namespace: string): ResolvedNamespaceFilter | undefined;
}

const isCatchAll = (filter: ResourceFilter): boolean => filter.kinds.length === 0 || (filter.kinds.length === 1 && filter.kinds[0] === '*');

function resolveFilter(filter: ResourceFilter): ResolvedResourceFilter {
  const hasNames = filter.names.length > 0 || filter.excludedNames.length > 0;
  return {
    ...(filter.labelSelector && isPresentLabelSelector(filter.labelSelector) ? { labelSelector: filter.labelSelector } : {}),
    orLabelSelectors: filter.orLabelSelectors.filter((selector) => isPresentLabelSelector(selector)),
    ...(hasNames ? { names: new IncludesExcludes(new GlobSet(filter.names), new GlobSet(filter.excludedNames)) } : {}),
  };
}

function byResource(filters: readonly ResourceFilter[], catalog: ResourceCatalog): Map<string, ResolvedResourceFilter> {
  const map = new Map<string, ResolvedResourceFilter>();
  for (const filter of filters) {
    if (isCatchAll(filter)) continue;
    const resolved = resolveFilter(filter);
    for (const kind of filter.kinds) map.set(catalog.resolve(kind)?.groupResource ?? kind, resolved);
  }
  return map;
}

interface NamespacePattern {
  readonly pattern: string;
  readonly matcher?: GlobMatcher | undefined;
  readonly filter: ResolvedNamespaceFilter;
}

/**
 * Resolves the filter sections of `policies` against `catalog`. Without policies (or sections)
 * nothing is filtered: `clusterScoped` is undefined and `namespaceFilter` answers undefined. Pure
 * apart from its memo.
 */
export function resolveFilterPolicies(policies: ResourcePolicies | undefined, catalog: ResourceCatalog): FilterPolicies {
  const cluster = policies?.clusterScopedFilterPolicy;
  const exact = new Map<string, ResolvedNamespaceFilter>();
  const patterns: NamespacePattern[] = [];
  for (const policy of policies?.namespacedFilterPolicies ?? []) {
    const catchAll = policy.resourceFilters.filter(isCatchAll).map(resolveFilter).at(-1);
    const filter: ResolvedNamespaceFilter = { byResource: byResource(policy.resourceFilters, catalog), ...(catchAll ? { catchAll } : {}) };
    for (const pattern of policy.namespaces) {
      exact.set(pattern, filter);
      patterns.push({ pattern, matcher: /[*?[]/.test(pattern) ? compileGlob(pattern) : undefined, filter });
    }
  }
  const memo = new Map<string, ResolvedNamespaceFilter | undefined>();
  return {
    ...(cluster ? { clusterScoped: byResource(cluster.resourceFilters, catalog) } : {}),
    namespaceFilter(namespace) {
      if (patterns.length === 0) return undefined;
      if (memo.has(namespace)) return memo.get(namespace);
      const found = exact.get(namespace) ?? patterns.find((entry) => entry.matcher?.(namespace))?.filter;
      memo.set(namespace, found);
      return found;
    },
  };
}

/** The filter of a namespace policy for one resource type: its own, else the catch-all. */
export function namespaceResourceFilter(filter: ResolvedNamespaceFilter, groupResource: string): ResolvedResourceFilter | undefined {
  return filter.byResource.get(groupResource) ?? filter.catchAll;
}
