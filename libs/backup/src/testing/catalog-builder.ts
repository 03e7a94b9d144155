// Builders of discovery documents for the collection specs: a cluster with the usual built-in
// resources, or only the ones a case names.
import type { DiscoveredGroup, DiscoveredResource } from '../collection/resource-catalog';

const all = ['list', 'create', 'get', 'delete', 'watch', 'update', 'patch'];

/** One discovered resource with every verb. */
export const aResource = (name: string, kind: string, namespaced: boolean, shortNames: string[] = []): DiscoveredResource => ({
  name,
  singularName: kind.toLowerCase(),
  kind,
  namespaced,
  verbs: all,
  shortNames,
});

/** The resources of a small real cluster, by group. */
export const builtinResources: Readonly<Record<string, readonly DiscoveredResource[]>> = {
  pods: [aResource('pods', 'Pod', true, ['po'])],
  persistentvolumeclaims: [aResource('persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc'])],
  persistentvolumes: [aResource('persistentvolumes', 'PersistentVolume', false, ['pv'])],
  namespaces: [aResource('namespaces', 'Namespace', false, ['ns'])],
  configmaps: [aResource('configmaps', 'ConfigMap', true, ['cm'])],
  secrets: [aResource('secrets', 'Secret', true)],
  services: [aResource('services', 'Service', true, ['svc'])],
  events: [aResource('events', 'Event', true, ['ev'])],
  'deployments.apps': [aResource('deployments', 'Deployment', true, ['deploy'])],
  'events.events.k8s.io': [aResource('events', 'Event', true, ['ev'])],
  'customresourcedefinitions.apiextensions.k8s.io': [
    aResource('customresourcedefinitions', 'CustomResourceDefinition', false, ['crd', 'crds']),
  ],
  'storageclasses.storage.k8s.io': [aResource('storageclasses', 'StorageClass', false, ['sc'])],
};

/** Groups serving the named resources (`resource` or `resource.group`, keys of {@link builtinResources}). */
export function discoveredGroups(...names: string[]): DiscoveredGroup[] {
  const byGroup = new Map<string, DiscoveredResource[]>();
  for (const name of names.length > 0 ? names : Object.keys(builtinResources)) {
    const dot = name.indexOf('.');
    const group = dot < 0 ? '' : name.slice(dot + 1);
    byGroup.set(group, [...(byGroup.get(group) ?? []), ...(builtinResources[name] ?? [])]);
  }
  return [...byGroup].map(([name, resources]) => ({ name, preferredVersion: 'v1', versions: [{ version: 'v1', resources }] }));
}
