// The served resources a backup walks, as Velero's discovery helper (pkg/discovery/helper.go)
// builds them: client-go's ServerPreferredResources (each group-resource at the group's preferred
// version, or the first version serving it), only resources supporting list, create, get and
// delete, no subresources; the core group first with pods, PVCs, PVs ahead of the rest; the
// `extensions` group last. `resolve` is the helper's ResourceFor over that list.

/** One resource of a discovery document (`metav1.APIResource`), the fields used here. */
export interface DiscoveredResource {
  readonly name: string;
  readonly singularName?: string | undefined;
  readonly namespaced: boolean;
  readonly kind: string;
  readonly verbs?: readonly string[] | undefined;
  readonly shortNames?: readonly string[] | undefined;
}

/** One API group as `/api` + `/apis` list it, with each version's resources. */
export interface DiscoveredGroup {
  /** `""` for the core group. */
  readonly name: string;
  readonly preferredVersion: string;
  /** Versions in the server's order, each with its resource list. */
  readonly versions: readonly { readonly version: string; readonly resources: readonly DiscoveredResource[] }[];
}

/** A resource the backup may list. */
export interface CatalogResource {
  readonly group: string;
  /** The version listed: the group's preferred one, or the first serving this resource. */
  readonly version: string;
  /** Plural name (`deployments`). */
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** `resource` or `resource.group` (Go's `GroupResource.String()`), the filters' key. */
  readonly groupResource: string;
  /** `version` or `group/version`. */
  readonly apiVersion: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
}

/** The catalog of one discovery pass. */
export interface ResourceCatalog {
  /** In Velero's processing order. */
  readonly resources: readonly CatalogResource[];
  /** Velero's `ResourceFor`: a resource name (plural, singular, short name; optional `.group`), any case. */
  resolve(name: string): CatalogResource | undefined;
}

const requiredVerbs = ['list', 'create', 'get', 'delete'];

/** Go's `GroupResource.String()`. */
export const groupResourceString = (resource: string, group: string): string => (group === '' ? resource : `${resource}.${group}`);

function corePriority(resource: string): number {
  const order = ['pods', 'persistentvolumeclaims', 'persistentvolumes'];
  const index = order.indexOf(resource);
  return index < 0 ? order.length : index;
}

function preferredResources(group: DiscoveredGroup): CatalogResource[] {
  const chosen = new Map<string, CatalogResource>();
  for (const { version, resources } of group.versions) {
    for (const raw of resources) {
      if (raw.name.includes('/')) continue;
      if (chosen.has(raw.name) && version !== group.preferredVersion) continue;
      if (!requiredVerbs.every((verb) => raw.verbs?.includes(verb))) {
        chosen.delete(raw.name);
        continue;
      }
      chosen.set(raw.name, {
        group: group.name,
        version,
        resource: raw.name,
        kind: raw.kind,
        namespaced: raw.namespaced,
        groupResource: groupResourceString(raw.name, group.name),
        apiVersion: group.name === '' ? version : `${group.name}/${version}`,
        singular: raw.singularName || raw.kind.toLowerCase(),
        shortNames: raw.shortNames ?? [],
      });
    }
  }
  return [...chosen.values()];
}

/** Whether `candidate` answers to `name` (lower case) in group `group` (undefined = any group). */
function answersTo(candidate: CatalogResource, name: string, group: string | undefined): boolean {
  if (group !== undefined && candidate.group !== group) return false;
  return candidate.resource === name || candidate.singular === name || candidate.shortNames.includes(name);
}

/**
 * Builds the catalog from the discovery documents, groups in the server's order (core first).
 * Pure; O(resources).
 */
export function buildResourceCatalog(groups: readonly DiscoveredGroup[]): ResourceCatalog {
  const ordered = [...groups].sort((a, b) => Number(a.name === 'extensions') - Number(b.name === 'extensions'));
  const resources = ordered.flatMap((group) => {
    const list = preferredResources(group);
    return group.name === '' ? list.sort((a, b) => corePriority(a.resource) - corePriority(b.resource)) : list;
  });
  const cache = new Map<string, CatalogResource | undefined>();
  return {
    resources,
    resolve(name) {
      const lower = name.toLowerCase();
      if (cache.has(lower)) return cache.get(lower);
      const dot = lower.indexOf('.');
      const resource = dot < 0 ? lower : lower.slice(0, dot);
      const group = dot < 0 ? undefined : lower.slice(dot + 1);
      const found = resources.find((candidate) => answersTo(candidate, resource, group));
      cache.set(lower, found);
      return found;
    },
  };
}
