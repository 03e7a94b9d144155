// Which resource types a Backup takes: Velero's IncludesExcludes family
// (pkg/util/collections/includes_excludes.go) — the old filters (`includedResources`,
// `excludedResources`, `includeClusterResources` nil/true/false) or the scoped ones
// (`included|excludedClusterScopedResources`, `included|excludedNamespaceScopedResources`) combined
// with the resource policy's `includeExcludePolicy`. Entries are resolved through discovery to
// `resource.group`; an entry discovery does not know stays as written (a glob).
import type { IncludeExcludePolicy } from '@ferry/volume-policy';
import { usesOldResourceFilters, type FilterSpec } from '../validation/includes-excludes';
import { GlobSet } from './glob-matcher';
import { namespaceFilterIncludesEverything, type NamespaceFilter } from './namespace-selection';
import type { ResourceCatalog } from './resource-catalog';

/** Velero's `IncludesExcludesInterface` over `resource.group` strings. */
export interface ResourceTypeFilter {
  /** Whether the type is collected (the item collector's check, and namespaced items' re-check). */
  shouldInclude(groupResource: string): boolean;
  /** Whether the type is explicitly excluded (cluster-scoped items' re-check, the CRD rule). */
  shouldExclude(groupResource: string): boolean;
}

/** Velero's `IncludesExcludes`: globs; an exclude match wins; no includes or `*` includes all. */
export class IncludesExcludes {
  constructor(
    readonly includes: GlobSet,
    readonly excludes: GlobSet,
  ) {}

  /** Velero's `ShouldInclude`. */
  shouldInclude(text: string): boolean {
    if (this.excludes.matches(text)) return false;
    return this.includes.size === 0 || this.includes.has('*') || this.includes.matches(text);
  }

  /** Velero's `IncludeEverything`. */
  includesEverything(): boolean {
    return this.excludes.size === 0 && (this.includes.size === 0 || (this.includes.size === 1 && this.includes.has('*')));
  }
}

/** Velero's `generateIncludesExcludes`: `*` kept in includes, dropped from excludes; others resolved. */
function resourceIncludesExcludes(catalog: ResourceCatalog, includes: readonly string[], excludes: readonly string[]): IncludesExcludes {
  const resolve = (item: string): string => catalog.resolve(item)?.groupResource ?? item;
  return new IncludesExcludes(
    new GlobSet(includes.map((item) => (item === '*' ? item : resolve(item)))),
    new GlobSet(excludes.filter((item) => item !== '*').map(resolve)),
  );
}

function globalFilter(spec: FilterSpec, catalog: ResourceCatalog, namespaces: NamespaceFilter): ResourceTypeFilter {
  const filter = resourceIncludesExcludes(catalog, spec.includedResources ?? [], spec.excludedResources ?? []);
  const clusterResources = spec.includeClusterResources ?? undefined;
  return {
    shouldInclude(groupResource) {
      const resource = catalog.resolve(groupResource);
      if (!resource) return false;
      if (!resource.namespaced && clusterResources === false) return false;
      if (
        groupResource !== 'namespaces' &&
        !resource.namespaced &&
        clusterResources === undefined &&
        !namespaceFilterIncludesEverything(namespaces)
      ) {
        return false;
      }
      return filter.shouldInclude(groupResource);
    },
    shouldExclude(groupResource) {
      if (filter.excludes.matches(groupResource)) return true;
      const resource = catalog.resolve(groupResource);
      if (!resource) return true;
      if (resource.namespaced) return false;
      return clusterResources === false || (clusterResources === undefined && !filter.shouldInclude(groupResource));
    },
  };
}

/** Velero's `scopeResourceMapFunc`: the resolved name, `""` when its scope is the other one. */
function scopedResolver(catalog: ResourceCatalog): (item: string, namespaced: boolean) => string {
  return (item, namespaced) => {
    const resource = catalog.resolve(item);
    if (!resource) return item;
    return resource.namespaced === namespaced ? resource.groupResource : '';
  };
}

function scopedList(items: readonly string[], resolve: (item: string, namespaced: boolean) => string, namespaced: boolean): string[] {
  return items.map((item) => (item === '*' ? item : resolve(item, namespaced))).filter((item) => item !== '');
}

/** Velero's `CombineWithPolicy`: a policy entry is added only where the spec says nothing about it. */
function combined(
  filter: IncludesExcludes,
  policyIncludes: readonly string[],
  policyExcludes: readonly string[],
  resolved: (item: string) => string,
): IncludesExcludes {
  const includes = [...filter.includes.patterns];
  const excludes = [...filter.excludes.patterns];
  let current = filter;
  const add = (item: string, to: string[]): void => {
    const key = resolved(item);
    if (key === '' || current.includes.matches(key) || current.excludes.matches(key)) return;
    to.push(key);
    current = new IncludesExcludes(new GlobSet(includes), new GlobSet(excludes));
  };
  for (const item of policyExcludes) add(item, excludes);
  for (const item of policyIncludes) add(item, includes);
  return current;
}

function scopedFilter(
  spec: FilterSpec,
  catalog: ResourceCatalog,
  namespaces: NamespaceFilter,
  policy?: IncludeExcludePolicy,
): ResourceTypeFilter {
  const resolve = scopedResolver(catalog);
  let namespaced = new IncludesExcludes(
    new GlobSet(scopedList(spec.includedNamespaceScopedResources ?? [], resolve, true)),
    new GlobSet(scopedList(spec.excludedNamespaceScopedResources ?? [], resolve, true)),
  );
  let cluster = new IncludesExcludes(
    new GlobSet(scopedList(spec.includedClusterScopedResources ?? [], resolve, false)),
    new GlobSet(scopedList(spec.excludedClusterScopedResources ?? [], resolve, false)),
  );
  if (policy) {
    namespaced = combined(
      namespaced,
      policy.includedNamespaceScopedResources ?? [],
      policy.excludedNamespaceScopedResources ?? [],
      (item) => resolve(item, true),
    );
    cluster = combined(cluster, policy.includedClusterScopedResources ?? [], policy.excludedClusterScopedResources ?? [], (item) =>
      resolve(item, false),
    );
  }
  return {
    shouldInclude(groupResource) {
      const resource = catalog.resolve(groupResource);
      if (!resource) return false;
      if (resource.namespaced) {
        if (namespaced.excludes.has('*') || namespaced.excludes.matches(groupResource)) return false;
        return namespaced.includes.size === 0 || namespaced.includes.has('*') || namespaced.includes.matches(groupResource);
      }
      if (cluster.excludes.has('*') || cluster.excludes.matches(groupResource)) return false;
      if (
        cluster.includes.size === 0 &&
        cluster.excludes.size === 0 &&
        namespaceFilterIncludesEverything(namespaces) &&
        namespaced.includesEverything()
      ) {
        return true;
      }
      return cluster.includes.has('*') || cluster.includes.matches(groupResource) || groupResource === 'namespaces';
    },
    shouldExclude(groupResource) {
      const resource = catalog.resolve(groupResource);
      if (!resource) return true;
      return (resource.namespaced ? namespaced : cluster).excludes.matches(groupResource);
    },
  };
}

/**
 * The Backup's resource type filter as Velero builds it in `BackupWithResolvers`: the old filters
 * when `UseOldResourceFilters`, else the scoped filters combined with the policy's
 * `includeExcludePolicy`. `namespaces` is the expanded namespace filter. Pure.
 */
export function resourceTypeFilterOf(
  spec: FilterSpec,
  catalog: ResourceCatalog,
  namespaces: NamespaceFilter,
  includeExcludePolicy?: IncludeExcludePolicy,
): ResourceTypeFilter {
  return usesOldResourceFilters(spec)
    ? globalFilter(spec, catalog, namespaces)
    : scopedFilter(spec, catalog, namespaces, includeExcludePolicy);
}
