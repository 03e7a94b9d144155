// A Backup's `spec.orderedResources` (velero pkg/backup/item_collector.go getOrderedResourcesForType
// and sortResourcesByOrder): per resource name (plural, as `pods`), a comma-separated list of
// `namespace/name` (cluster-scoped: `name`) backed up first and in that order; the other items of
// the resource follow in the order they were listed.

/** The names `orderedResources` orders for `resource` (its plural name); empty when none. Pure. */
export function resourceOrderOf(orderedResources: Readonly<Record<string, string>> | null | undefined, resource: string): string[] {
  const order = orderedResources && Object.hasOwn(orderedResources, resource) ? orderedResources[resource] : undefined;
  return order ? order.split(',') : [];
}

/** Items sorted by an order, and the names of the order no item has. */
export interface OrderedItems<T> {
  readonly items: T[];
  readonly missing: string[];
}

/**
 * `items` with those `order` names first, in its order, then the rest in their order; a name
 * ordered twice or matching no item is `missing` (Velero warns "Cannot find resource"). Pure.
 */
export function sortByOrder<T>(items: readonly T[], order: readonly string[], fullNameOf: (item: T) => string): OrderedItems<T> {
  const unsorted = new Map(items.map((item) => [fullNameOf(item), item]));
  const first: T[] = [];
  const missing: string[] = [];
  for (const name of order) {
    const item = unsorted.get(name);
    if (item === undefined) missing.push(name);
    else {
      first.push(item);
      unsorted.delete(name);
    }
  }
  const placed = new Set(first);
  return { items: [...first, ...items.filter((item) => !placed.has(item))], missing };
}
