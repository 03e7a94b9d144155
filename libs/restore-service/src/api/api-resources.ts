// The API resources the restore service itself reads and writes (besides the backed-up items,
// whose resources come from discovery), named once.
import { restoreDefinition } from '@ferry/api';
import { isNamespaced, type ResourceDescriptor } from '@ferry/kube';
import type { ApiResourceRef } from './api-object-client';

const ref = (group: string, version: string, resource: string, namespaced: boolean): ApiResourceRef => ({
  group,
  version,
  resource,
  namespaced,
});

const refOf = (descriptor: ResourceDescriptor): ApiResourceRef =>
  ref(descriptor.group, descriptor.version, descriptor.plural, isNamespaced(descriptor));

/** Resources the restore's own steps use. */
export const restoreApiResources = {
  namespaces: ref('', 'v1', 'namespaces', false),
  configMaps: ref('', 'v1', 'configmaps', true),
  pods: ref('', 'v1', 'pods', true),
  claims: ref('', 'v1', 'persistentvolumeclaims', true),
  volumes: ref('', 'v1', 'persistentvolumes', false),
  storageClasses: ref('storage.k8s.io', 'v1', 'storageclasses', false),
  snapshots: ref('snapshot.storage.k8s.io', 'v1', 'volumesnapshots', true),
  snapshotClasses: ref('snapshot.storage.k8s.io', 'v1', 'volumesnapshotclasses', false),
  dataDownloads: ref('velero.io', 'v2alpha1', 'datadownloads', true),
  podVolumeRestores: ref('velero.io', 'v1', 'podvolumerestores', true),
  /** The Restores themselves (their phase, progress and annotations are merge-patched). */
  restores: refOf(restoreDefinition),
} as const;
