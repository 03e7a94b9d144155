// The four data-path kinds behind one shape: what differs (exposure or pod volume, direction,
// which status fields exist, how the spec is checked and the move job built) is a profile; reads
// and writes go through one store that writes metadata and status together (velero.io CRDs have
// no status subresource) with conflict retry.
import {
  dataDownloadDefinition,
  dataUploadDefinition,
  podVolumeBackupDefinition,
  podVolumeRestoreDefinition,
  type DataDownload,
  type DataMoveProgress,
  type DataUpload,
  type ObjectMeta,
  type PodVolumeBackup,
  type PodVolumeRestore,
  type ResourceDefinition,
} from '@ferry/api';
import {
  dataDownloadMoveJob,
  dataDownloadSpecProblems,
  dataUploadMoveJob,
  dataUploadSpecProblems,
  podVolumeBackupMoveJob,
  podVolumeBackupSpecProblems,
  podVolumeRestoreMoveJob,
  podVolumeRestoreSpecProblems,
  type DataPathKind,
  type DataPathPhase,
  type MoveJobContext,
  type MoveJobInput,
  type SpecProblem,
} from '@ferry/data-movement';
import { createCustomResourceClient, retryOnConflict, type CustomResourceClient, type KubeClient } from '@ferry/kube';

/** Any of the four resources. */
export type DataPathResource = DataUpload | DataDownload | PodVolumeBackup | PodVolumeRestore;

/** The union of the four statuses' fields; a profile says which ones its kind has. */
export interface DataPathStatus {
  phase?: DataPathPhase;
  message?: string;
  startTimestamp?: string | null;
  completionTimestamp?: string | null;
  acceptedTimestamp?: string | null;
  progress?: DataMoveProgress;
  node?: string;
  acceptedByNode?: string;
  nodeOS?: 'auto' | 'linux' | 'windows';
  snapshotID?: string;
  path?: string;
  incrementalBytes?: number;
}

/** A resource as the controller handles it: metadata, the spec fields it shares, the common status. */
export interface DataPathObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: { cancel?: boolean; backupStorageLocation: string };
  status?: DataPathStatus;
}

/** What differs between the four kinds. */
export interface DataPathProfile {
  readonly kind: DataPathKind;
  readonly definition: ResourceDefinition;
  /** DU/DD go through an exposure; PVB/PVR move a pod's volume on the pod's node. */
  readonly exposes: boolean;
  readonly direction: 'backup' | 'restore';
  /** Status fields the kind has (others would be pruned by the API server). */
  readonly statusFields: ReadonlySet<keyof DataPathStatus>;
  specProblems(resource: DataPathObject): SpecProblem[];
  /** Namespace of the repository (`BackupRepository.spec.volumeNamespace`). */
  volumeNamespace(resource: DataPathObject): string;
  buildMoveJob(resource: DataPathObject, context: MoveJobContext & { readonly claimName?: string }): MoveJobInput;
}

const common: (keyof DataPathStatus)[] = ['phase', 'message', 'startTimestamp', 'completionTimestamp', 'acceptedTimestamp', 'progress'];
const fields = (...extra: (keyof DataPathStatus)[]) => new Set<keyof DataPathStatus>([...common, ...extra]);
const as = <T>(resource: DataPathObject) => resource as unknown as T;

/** The profiles by kind. */
export const dataPathProfiles: Readonly<Record<DataPathKind, DataPathProfile>> = {
  DataUpload: {
    kind: 'DataUpload',
    definition: dataUploadDefinition,
    exposes: true,
    direction: 'backup',
    statusFields: fields('node', 'acceptedByNode', 'nodeOS', 'snapshotID', 'path', 'incrementalBytes'),
    specProblems: (r) => dataUploadSpecProblems(as<DataUpload>(r)),
    volumeNamespace: (r) => as<DataUpload>(r).spec?.sourceNamespace ?? '',
    buildMoveJob: (r, context) => dataUploadMoveJob(as<DataUpload>(r), context),
  },
  DataDownload: {
    kind: 'DataDownload',
    definition: dataDownloadDefinition,
    exposes: true,
    direction: 'restore',
    statusFields: fields('node', 'acceptedByNode'),
    specProblems: (r) => dataDownloadSpecProblems(as<DataDownload>(r)),
    volumeNamespace: (r) => as<DataDownload>(r).spec?.sourceNamespace ?? '',
    buildMoveJob: (r, context) => dataDownloadMoveJob(as<DataDownload>(r), context),
  },
  PodVolumeBackup: {
    kind: 'PodVolumeBackup',
    definition: podVolumeBackupDefinition,
    exposes: false,
    direction: 'backup',
    statusFields: fields('snapshotID', 'path', 'incrementalBytes'),
    specProblems: (r) => podVolumeBackupSpecProblems(as<PodVolumeBackup>(r)),
    volumeNamespace: (r) => as<PodVolumeBackup>(r).spec?.pod.namespace ?? '',
    buildMoveJob: (r, context) => podVolumeBackupMoveJob(as<PodVolumeBackup>(r), context),
  },
  PodVolumeRestore: {
    kind: 'PodVolumeRestore',
    definition: podVolumeRestoreDefinition,
    exposes: false,
    direction: 'restore',
    statusFields: fields('node'),
    specProblems: (r) => podVolumeRestoreSpecProblems(as<PodVolumeRestore>(r)),
    volumeNamespace: (r) => as<PodVolumeRestore>(r).spec?.sourceNamespace ?? '',
    buildMoveJob: (r, context) => podVolumeRestoreMoveJob(as<PodVolumeRestore>(r), context),
  },
};

/** Keeps only the status fields `profile`'s kind has. */
export function statusForKind(profile: DataPathProfile, status: DataPathStatus): DataPathStatus {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(status))
    if (profile.statusFields.has(key as keyof DataPathStatus) && value !== undefined) kept[key] = value;
  return kept as DataPathStatus;
}

/** A change of one object: returns the new object, or undefined to write nothing. Must be pure (re-run after a Conflict). */
export type ObjectMutation = (current: DataPathObject) => DataPathObject | undefined;

/** Reads and whole-object writes of one kind. */
export interface DataPathStore {
  readonly profile: DataPathProfile;
  find(namespace: string, name: string): Promise<DataPathObject | undefined>;
  /**
   * Reads the object, applies `mutate`, and PUTs the result (metadata and status together),
   * re-reading and re-applying after a Conflict. Resolves with the written object, the unchanged
   * one when `mutate` returned undefined, or undefined when the object is gone.
   */
  mutate(namespace: string, name: string, mutate: ObjectMutation): Promise<DataPathObject | undefined>;
}

/** The store of `profile`'s kind over `kube`; `onWrite` is told of every PUT (for counting). */
export function createDataPathStore(kube: KubeClient, profile: DataPathProfile, onWrite: () => void = () => undefined): DataPathStore {
  const client = createCustomResourceClient(kube, profile.definition) as unknown as CustomResourceClient<DataPathObject, DataPathStatus>;
  return {
    profile,
    find: (namespace, name) => client.find(namespace, name),
    mutate: (namespace, name, mutate) =>
      retryOnConflict(
        async () => {
          const current = await client.find(namespace, name);
          if (!current) return undefined;
          const next = mutate(structuredClone(current));
          if (!next) return current;
          onWrite();
          return client.replace({ ...next, ...(next.status ? { status: statusForKind(profile, next.status) } : {}) });
        },
        { maxAttempts: 10 },
      ),
  };
}
