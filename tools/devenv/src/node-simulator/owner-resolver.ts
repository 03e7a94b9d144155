import type { V1APIResourceList, V1OwnerReference } from '@kubernetes/client-node';
import { isNotFound, resourcePath, type KubeClient, type ResourceDescriptor } from '@ferry/kube';

/** What became of an owner, as the garbage collector sees it. */
export type OwnerState = 'present' | 'absent' | 'deleting-foreground' | 'orphaning';

/** An owner found through discovery: where it lives and its current state. */
export interface ResolvedOwner {
  readonly state: OwnerState;
  /** REST path of the owner object (undefined when its kind is unknown). */
  readonly path?: string;
  readonly finalizers?: readonly string[];
  readonly resourceVersion?: string;
}

/**
 * Finds owners of any kind through API discovery (`apiVersion` + `kind` → resource path, cached
 * per group version) and reads them. An owner whose kind the server does not serve counts as
 * present: deleting dependents on a guess would be worse than leaving them.
 */
export class OwnerResolver {
  private readonly discovery = new Map<string, { readonly list: V1APIResourceList; readonly fetchedAt: number }>();

  constructor(private readonly client: KubeClient) {}

  /** The descriptor of `kind` in `apiVersion`, or undefined if the server does not serve it. */
  async resourceOf(apiVersion: string, kind: string): Promise<ResourceDescriptor | undefined> {
    const cached = this.discovery.get(apiVersion);
    let found = cached && findKind(cached.list, kind);
    if (!found && (!cached || Date.now() - cached.fetchedAt > 10_000)) {
      const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      const list = await this.client.requester.request<V1APIResourceList>({ method: 'GET', path }).catch((error: unknown) => {
        if (isNotFound(error)) return { groupVersion: apiVersion, resources: [] };
        throw error;
      });
      this.discovery.set(apiVersion, { list, fetchedAt: Date.now() });
      found = findKind(list, kind);
    }
    if (!found) return undefined;
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    return {
      group: group ?? '',
      version: version ?? apiVersion,
      plural: found.name,
      scope: found.namespaced ? 'Namespaced' : 'Cluster',
      statusSubresource: false,
    };
  }

  /** The state of the owner `ref` of a dependent in `namespace` (cluster-scoped owners ignore it). */
  async resolve(ref: V1OwnerReference, namespace: string | undefined): Promise<ResolvedOwner> {
    const resource = await this.resourceOf(ref.apiVersion, ref.kind);
    if (!resource) return { state: 'present' };
    const path = resourcePath(resource, namespace, ref.name);
    try {
      const owner = await this.client.requester.request<{
        metadata?: { uid?: string; deletionTimestamp?: string; finalizers?: string[]; resourceVersion?: string };
      }>({ method: 'GET', path });
      const metadata = owner.metadata ?? {};
      if (metadata.uid !== ref.uid) return { state: 'absent', path };
      const finalizers = metadata.finalizers ?? [];
      const state: OwnerState = !metadata.deletionTimestamp
        ? 'present'
        : finalizers.includes('foregroundDeletion')
          ? 'deleting-foreground'
          : finalizers.includes('orphan')
            ? 'orphaning'
            : 'present';
      return { state, path, finalizers, resourceVersion: metadata.resourceVersion };
    } catch (error) {
      if (isNotFound(error)) return { state: 'absent', path };
      throw error;
    }
  }
}

function findKind(list: V1APIResourceList, kind: string): { name: string; namespaced: boolean } | undefined {
  return list.resources.find((resource) => resource.kind === kind && !resource.name.includes('/'));
}
