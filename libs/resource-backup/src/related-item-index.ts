// The objects related items are taken from, each listed once (paginated) the first time one is
// needed: PVCs of the Backup's namespaces, PVs, PriorityClasses and CRDs. So a pod's PVCs, a PVC's
// PV and a custom resource's CRD never cost a GET per item, and the resource passes of these
// types read the same lists instead of listing again. These kinds are few in a cluster.
import { objectRef, type CatalogResource, type ObjectJson } from '@ferry/backup';
import type { ApiRequester } from '@ferry/kube';
import { listPages } from './list-pager';

/** Group-resources served from the index. */
export const indexedResources: ReadonlySet<string> = new Set([
  'persistentvolumeclaims',
  'persistentvolumes',
  'priorityclasses.scheduling.k8s.io',
  'customresourcedefinitions.apiextensions.k8s.io',
]);

/** One indexed type: its objects by `ns/name` (or `name`), in list order. */
export type ObjectIndex = ReadonlyMap<string, ObjectJson>;

/** The key of an object in an {@link ObjectIndex}. */
export const indexKey = (namespace: string, name: string): string => (namespace === '' ? name : `${namespace}/${name}`);

/** Lazily loaded lists of the indexed types. */
export class RelatedItemIndex {
  private readonly loads = new Map<string, Promise<ObjectIndex>>();

  constructor(
    private readonly requester: ApiRequester,
    private readonly resourceOf: (groupResource: string) => CatalogResource | undefined,
    /** Namespaces to list namespaced types in (`[""]` = all). */
    private readonly namespaces: readonly string[],
    private readonly pageSize: number,
    private readonly signal?: AbortSignal,
  ) {}

  /** The index of `groupResource`, listed on first use; empty when the type is not served. */
  of(groupResource: string): Promise<ObjectIndex> {
    let load = this.loads.get(groupResource);
    if (!load) {
      load = this.load(groupResource);
      this.loads.set(groupResource, load);
    }
    return load;
  }

  private async load(groupResource: string): Promise<ObjectIndex> {
    const resource = this.resourceOf(groupResource);
    const index = new Map<string, ObjectJson>();
    if (!resource) return index;
    const namespaces = resource.namespaced ? this.namespaces : [''];
    for (const namespace of namespaces) {
      for await (const page of listPages(this.requester, resource, { namespace, labelSelector: '' }, this.pageSize, this.signal)) {
        for (const item of page) {
          const ref = objectRef(item);
          index.set(indexKey(ref.namespace, ref.name), item);
        }
      }
    }
    return index;
  }
}
