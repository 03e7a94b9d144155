// What Velero's item collector and item backupper decide for one Backup, as data: which resource
// types are listed, in which namespaces and with which label selectors (item_collector.go
// getResourceItems, listResourceByLabelsPerNamespace), and whether one listed or additional item
// goes into the tarball (item_backupper.go itemInclusionChecks).
import type { BackupSpec } from '@ferry/api';
import type { LabelSelectorSpec } from '@ferry/kube-values';
import type { ResourcePolicies } from '@ferry/volume-policy';
import { resolveFilterPolicies, namespaceResourceFilter, type FilterPolicies, type ResolvedResourceFilter } from './filter-policies';
import { labelSelectorQuery } from './label-selector-query';
import { namespaceFilterIncludes, namespaceFilterOf, namespacesToList, type NamespaceFilter } from './namespace-selection';
import type { CatalogResource, ResourceCatalog } from './resource-catalog';
import { resourceTypeFilterOf, type ResourceTypeFilter } from './resource-type-filter';

/** Velero's label that keeps an object out of every backup. */
export const excludeFromBackupLabel = 'velero.io/exclude-from-backup';

/** Everything the collection decides by, for one Backup. */
export interface CollectionRules {
  readonly spec: BackupSpec;
  readonly catalog: ResourceCatalog;
  readonly namespaces: NamespaceFilter;
  readonly resourceTypes: ResourceTypeFilter;
  readonly filterPolicies: FilterPolicies;
}

/**
 * The rules of a prepared Backup: its namespace filter expanded against `activeNamespaces` (the
 * cluster's), its resource type filter and its policies' filter sections. Pure.
 */
export function collectionRulesOf(
  spec: BackupSpec,
  catalog: ResourceCatalog,
  activeNamespaces: readonly string[],
  policies?: ResourcePolicies,
): CollectionRules {
  const namespaces = namespaceFilterOf(spec, activeNamespaces);
  return {
    spec,
    catalog,
    namespaces,
    resourceTypes: resourceTypeFilterOf(spec, catalog, namespaces, policies?.includeExcludePolicy),
    filterPolicies: resolveFilterPolicies(policies, catalog),
  };
}

/** One LIST to make: a namespace (`""` = all, or cluster scope) and a label selector. */
export interface Listing {
  readonly namespace: string;
  /** The selector as a query (`""` = everything). */
  readonly labelSelector: string;
  /** The same selector, for matching objects already in hand; undefined = everything. */
  readonly selector?: LabelSelectorSpec | undefined;
}

const cohabitants: Readonly<Record<string, readonly [string, string]>> = {
  deployments: ['extensions', 'apps'],
  daemonsets: ['extensions', 'apps'],
  replicasets: ['extensions', 'apps'],
  networkpolicies: ['extensions', 'networking.k8s.io'],
  events: ['', 'events.k8s.io'],
};

/**
 * The resource types the collector lists, in Velero's order: those the type filter includes, the
 * second of each cohabiting pair (deployments in `extensions` and `apps`, …) left out, and
 * `namespaces` apart (the caller collects namespaces itself). Pure.
 */
export function listedResources(rules: CollectionRules): CatalogResource[] {
  const seen = new Set<string>();
  return rules.catalog.resources.filter((resource) => {
    if (!rules.resourceTypes.shouldInclude(resource.groupResource)) return false;
    const pair = cohabitants[resource.resource];
    if (pair && pair.includes(resource.group)) {
      if (seen.has(resource.resource)) return false;
      seen.add(resource.resource);
    }
    return resource.groupResource !== 'namespaces';
  });
}

type Selector = LabelSelectorSpec | null | undefined;

/** The selectors of one filter: one per OR selector, else the single one. */
function selectors(labelSelector: Selector, orSelectors: readonly LabelSelectorSpec[]): Selector[] {
  return orSelectors.length > 0 ? [...orSelectors] : [labelSelector];
}

/** The policy filter that overrides the Backup's selectors for `resource` in `namespace`; `null` = skip it there. */
function policyFilter(rules: CollectionRules, resource: CatalogResource, namespace: string): ResolvedResourceFilter | undefined | null {
  if (!resource.namespaced) return rules.filterPolicies.clusterScoped?.get(resource.groupResource);
  const namespaceFilter = rules.filterPolicies.namespaceFilter(namespace);
  if (!namespaceFilter) return undefined;
  return namespaceResourceFilter(namespaceFilter, resource.groupResource) ?? null;
}

/**
 * The LISTs Velero makes for `resource`: cluster scope once, namespaced ones per namespace to list
 * (`[""]` = across all); in each, one list per `orLabelSelectors` entry or one with
 * `labelSelector`, a matching filter policy's selectors replacing the Backup's, and a namespace
 * whose filter policy names neither this kind nor a catch-all skipped. Pure.
 */
export function resourceListings(rules: CollectionRules, resource: CatalogResource): Listing[] {
  const namespaces = resource.namespaced ? namespacesToList(rules.namespaces) : [''];
  return namespaces.flatMap((namespace) => {
    const filter = policyFilter(rules, resource, namespace);
    if (filter === null) return [];
    const chosen = filter
      ? selectors(filter.labelSelector, filter.orLabelSelectors)
      : selectors(rules.spec.labelSelector, rules.spec.orLabelSelectors ?? []);
    return chosen.map((selector) => ({ namespace, labelSelector: labelSelectorQuery(selector), selector: selector ?? undefined }));
  });
}

/** The parts of an object the inclusion checks read. */
export interface ItemFacts {
  readonly namespace: string;
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>> | null | undefined;
  readonly deletionTimestamp?: string | null | undefined;
}

/**
 * Velero's `itemInclusionChecks` for an item of `groupResource` (listed, or added by an action):
 * the exclude-from-backup label; an excluded namespace; a cluster-scoped type explicitly excluded
 * (namespaces always pass); a namespaced type not included; the filter policies' name globs; an
 * object being deleted. Pure.
 */
export function itemIncluded(rules: CollectionRules, item: ItemFacts, groupResource: string): boolean {
  if (item.labels?.[excludeFromBackupLabel] === 'true') return false;
  if (item.namespace !== '') {
    if (!namespaceFilterIncludes(rules.namespaces, item.namespace)) return false;
    if (!rules.resourceTypes.shouldInclude(groupResource)) return false;
    const namespaceFilter = rules.filterPolicies.namespaceFilter(item.namespace);
    const filter = namespaceFilter && namespaceResourceFilter(namespaceFilter, groupResource);
    if (filter?.names && !filter.names.shouldInclude(item.name)) return false;
  } else {
    if (groupResource !== 'namespaces' && rules.resourceTypes.shouldExclude(groupResource)) return false;
    const filter = rules.filterPolicies.clusterScoped?.get(groupResource);
    if (filter?.names && !filter.names.shouldInclude(item.name)) return false;
  }
  return !item.deletionTimestamp;
}
