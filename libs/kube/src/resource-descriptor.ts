/** Whether objects of a resource live in namespaces. */
export type ResourceScope = 'Namespaced' | 'Cluster';

/**
 * The minimal description of a Kubernetes resource the adapter needs to list, watch and write it.
 * Structural on purpose: richer resource definitions (e.g. `@ferry/api`'s) fit it as they are.
 */
export interface ResourceDescriptor {
  /** API group; `''` for the core group (pods, PVCs...). */
  readonly group: string;
  readonly version: string;
  /** Lower-case plural as in the URL (`volumesnapshots`). */
  readonly plural: string;
  /** `Namespaced` or `Cluster`, as a CRD's `spec.scope` says. */
  readonly scope: ResourceScope;
  /**
   * Whether the resource has a `/status` subresource. When false (velero.io kinds), status is
   * written with the whole object and writes to the main resource change it; when true
   * (VolumeSnapshot, OADP kinds, pods), only writes to `/status` change it.
   */
  readonly statusSubresource: boolean;
}

/** True for resources whose objects live in namespaces. */
export function isNamespaced(resource: Pick<ResourceDescriptor, 'scope'>): boolean {
  return resource.scope === 'Namespaced';
}

/** `group/version`, or just `version` for the core group. */
export function apiVersionOf(resource: ResourceDescriptor): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

/**
 * The REST path of a collection (no `name`) or object, optionally of a subresource. For a
 * namespaced resource without `namespace`, the all-namespaces collection. Pure.
 */
export function resourcePath(resource: ResourceDescriptor, namespace?: string, name?: string, subresource?: string): string {
  const root = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  const scope = isNamespaced(resource) && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const object = name ? `/${encodeURIComponent(name)}${subresource ? `/${subresource}` : ''}` : '';
  return `${root}${scope}/${resource.plural}${object}`;
}

/** `plural.group ns/name` for messages and logs, e.g. `volumesnapshots.snapshot.storage.k8s.io a/b`. */
export function describeObject(resource: ResourceDescriptor, namespace: string | undefined, name: string): string {
  const kind = resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

const core = (plural: string, namespaced: boolean, statusSubresource: boolean): ResourceDescriptor => ({
  group: '',
  version: 'v1',
  plural,
  scope: namespaced ? 'Namespaced' : 'Cluster',
  statusSubresource,
});

/** Descriptors of the built-in kinds Ferry reads and writes. */
export const builtinResources = {
  pods: core('pods', true, true),
  persistentVolumeClaims: core('persistentvolumeclaims', true, true),
  persistentVolumes: core('persistentvolumes', false, true),
  nodes: core('nodes', false, true),
  namespaces: core('namespaces', false, true),
  configMaps: core('configmaps', true, false),
  secrets: core('secrets', true, false),
  events: core('events', true, false),
  storageClasses: { group: 'storage.k8s.io', version: 'v1', plural: 'storageclasses', scope: 'Cluster', statusSubresource: false },
  leases: { group: 'coordination.k8s.io', version: 'v1', plural: 'leases', scope: 'Namespaced', statusSubresource: false },
} as const satisfies Record<string, ResourceDescriptor>;
