// The data-path store over Kubernetes: one informer per kind is the cache (and what the controllers
// watch); writes are JSON merge patches of metadata and status together (velero.io CRDs have no
// status subresource) carrying the resourceVersion, re-decided on the fresh object after a Conflict.
import {
  dataDownloadDefinition,
  dataUploadDefinition,
  podVolumeBackupDefinition,
  podVolumeRestoreDefinition,
  type DataDownload,
  type DataUpload,
  type PodVolumeBackup,
  type PodVolumeRestore,
  type ResourceDefinition,
} from '@ferry/api';
import type { DataPathKind } from '@ferry/data-movement';
import {
  createCustomResourceClient,
  createInformer,
  isNotFound,
  retryOnConflict,
  type InformerOptions,
  type KubeClient,
  type KubeObject,
  type ResourceInformer,
} from '@ferry/kube';
import type { DataPathResource } from './data-path-resources';
import { mergePatchOf, type DataPathStore } from './data-path-store';

/** One kind's informer and API access, its objects tagged with their kind. */
export interface KindAccess {
  readonly informer: ResourceInformer<KubeObject>;
  cached(namespace: string, name: string): DataPathResource | undefined;
  list(): DataPathResource[];
  read(namespace: string, name: string): Promise<DataPathResource | undefined>;
  patch(namespace: string, name: string, patch: object): Promise<DataPathResource>;
}

function kindAccess<T extends KubeObject>(
  kube: KubeClient,
  definition: ResourceDefinition,
  options: InformerOptions,
  tag: (object: T) => DataPathResource,
): KindAccess {
  const informer = createInformer<T>(kube, definition, options);
  const client = createCustomResourceClient<T>(kube, definition);
  const tagged = (object: T | undefined) => (object ? tag(object) : undefined);
  return {
    informer,
    cached: (namespace, name) => tagged(informer.get(namespace, name)),
    list: () => informer.list().map(tag),
    read: async (namespace, name) => tagged(await client.find(namespace, name)),
    patch: async (namespace, name, patch) => tag(await client.patch(namespace, name, patch)),
  };
}

/** The informers and clients of the four kinds (informers start at once; stop them when done). */
export function createKindAccess(kube: KubeClient, options: InformerOptions): Readonly<Record<DataPathKind, KindAccess>> {
  return {
    DataUpload: kindAccess(kube, dataUploadDefinition, options, (o: DataUpload) => ({ ...o, kind: 'DataUpload' })),
    DataDownload: kindAccess(kube, dataDownloadDefinition, options, (o: DataDownload) => ({ ...o, kind: 'DataDownload' })),
    PodVolumeBackup: kindAccess(kube, podVolumeBackupDefinition, options, (o: PodVolumeBackup) => ({ ...o, kind: 'PodVolumeBackup' })),
    PodVolumeRestore: kindAccess(kube, podVolumeRestoreDefinition, options, (o: PodVolumeRestore) => ({ ...o, kind: 'PodVolumeRestore' })),
  };
}

/** The store over the kinds' access; `onWrite` is told of every patch (for counting). */
export function createKubeDataPathStore(
  access: Readonly<Record<DataPathKind, KindAccess>>,
  onWrite: () => void = () => undefined,
): DataPathStore {
  return {
    cached: (ref) => access[ref.kind].cached(ref.namespace, ref.name),
    list: (kind) => access[kind].list(),
    read: (ref) => access[ref.kind].read(ref.namespace, ref.name),
    update: (ref, decide, from) =>
      retryOnConflict(
        async (attempt) => {
          const kind = access[ref.kind];
          const start = attempt === 0 ? (from ?? kind.cached(ref.namespace, ref.name)) : undefined;
          const current = start ?? (await kind.read(ref.namespace, ref.name));
          if (!current) return undefined;
          const change = decide(current);
          if (!change) return current;
          onWrite();
          return await kind.patch(ref.namespace, ref.name, mergePatchOf(current, change)).catch((error: unknown) => {
            if (isNotFound(error)) return undefined;
            throw error;
          });
        },
        { maxAttempts: 10 },
      ),
  };
}
