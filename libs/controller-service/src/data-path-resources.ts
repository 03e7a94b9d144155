// The four data-path kinds as one discriminated union (by `kind`): what they share is read through
// the union, what differs (exposure or pod volume, direction, status fields, spec check, move job,
// uploader) is decided by switching on `kind`, so no code casts one kind to another.
import {
  dataDownloadDefinition,
  dataUploadDefinition,
  podVolumeBackupDefinition,
  podVolumeRestoreDefinition,
  type DataDownload,
  type DataMoveProgress,
  type DataMoverClass,
  type DataUpload,
  type PodVolumeBackup,
  type PodVolumeRestore,
  type ResourceDefinition,
  VeleroFinalizer,
} from '@ferry/api';
import {
  dataDownloadMoveJob,
  dataDownloadSpecProblems,
  dataUploadMoveJob,
  dataUploadSpecProblems,
  decideDataMover,
  podVolumeBackupMoveJob,
  podVolumeBackupSpecProblems,
  podVolumeRestoreMoveJob,
  podVolumeRestoreSpecProblems,
  podVolumeUploader,
  type ControllerRole,
  type DataMoverDecision,
  type DataPathKind,
  type DataPathPhase,
  type MoveJobContext,
  type MoveJobInput,
  type SpecProblem,
} from '@ferry/data-movement';

/** A DataUpload known to be one (`kind` set). */
export type DataUploadResource = DataUpload & { readonly kind: 'DataUpload' };
/** A DataDownload known to be one. */
export type DataDownloadResource = DataDownload & { readonly kind: 'DataDownload' };
/** A PodVolumeBackup known to be one. */
export type PodVolumeBackupResource = PodVolumeBackup & { readonly kind: 'PodVolumeBackup' };
/** A PodVolumeRestore known to be one. */
export type PodVolumeRestoreResource = PodVolumeRestore & { readonly kind: 'PodVolumeRestore' };

/** Any of the four resources, discriminated by `kind`. */
export type DataPathResource = DataUploadResource | DataDownloadResource | PodVolumeBackupResource | PodVolumeRestoreResource;

/** The union of the four statuses' fields; {@link statusForKind} keeps the ones a kind has. */
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

/** What is static about a kind. */
export interface DataPathProfile {
  readonly kind: DataPathKind;
  readonly definition: ResourceDefinition;
  /** DU/DD go through an exposure; PVB/PVR move a pod's volume on the pod's node. */
  readonly exposes: boolean;
  readonly direction: 'backup' | 'restore';
  /** Status fields the kind has (others would be pruned by the API server). */
  readonly statusFields: ReadonlySet<keyof DataPathStatus>;
  /** Velero's finalizer of the kind, held while the data path is live. */
  readonly finalizer: string;
}

const common: (keyof DataPathStatus)[] = ['phase', 'message', 'startTimestamp', 'completionTimestamp', 'acceptedTimestamp', 'progress'];
const fields = (...extra: (keyof DataPathStatus)[]) => new Set<keyof DataPathStatus>([...common, ...extra]);

/** The profiles by kind. */
export const dataPathProfiles: Readonly<Record<DataPathKind, DataPathProfile>> = {
  DataUpload: {
    kind: 'DataUpload',
    definition: dataUploadDefinition,
    exposes: true,
    direction: 'backup',
    statusFields: fields('node', 'acceptedByNode', 'nodeOS', 'snapshotID', 'path', 'incrementalBytes'),
    finalizer: VeleroFinalizer.DataUploadDownload,
  },
  DataDownload: {
    kind: 'DataDownload',
    definition: dataDownloadDefinition,
    exposes: true,
    direction: 'restore',
    statusFields: fields('node', 'acceptedByNode'),
    finalizer: VeleroFinalizer.DataUploadDownload,
  },
  PodVolumeBackup: {
    kind: 'PodVolumeBackup',
    definition: podVolumeBackupDefinition,
    exposes: false,
    direction: 'backup',
    statusFields: fields('snapshotID', 'path', 'incrementalBytes'),
    finalizer: VeleroFinalizer.PodVolume,
  },
  PodVolumeRestore: {
    kind: 'PodVolumeRestore',
    definition: podVolumeRestoreDefinition,
    exposes: false,
    direction: 'restore',
    statusFields: fields('node'),
    finalizer: VeleroFinalizer.PodVolume,
  },
};

/** The data-path kinds, in a fixed order. */
export const dataPathKinds: readonly DataPathKind[] = ['DataUpload', 'DataDownload', 'PodVolumeBackup', 'PodVolumeRestore'];

/** Keeps only the status fields `kind` has. */
export function statusForKind(kind: DataPathKind, status: DataPathStatus): DataPathStatus {
  const allowed = dataPathProfiles[kind].statusFields;
  const kept: DataPathStatus = {};
  for (const key of allowed) if (status[key] !== undefined) Object.assign(kept, { [key]: status[key] });
  return kept;
}

/** What the spec lacks, naming the fields (empty when valid). */
export function specProblemsOf(resource: DataPathResource): SpecProblem[] {
  switch (resource.kind) {
    case 'DataUpload':
      return dataUploadSpecProblems(resource);
    case 'DataDownload':
      return dataDownloadSpecProblems(resource);
    case 'PodVolumeBackup':
      return podVolumeBackupSpecProblems(resource);
    case 'PodVolumeRestore':
      return podVolumeRestoreSpecProblems(resource);
  }
}

/** Namespace of the repository (`BackupRepository.spec.volumeNamespace`). */
export function volumeNamespaceOf(resource: DataPathResource): string {
  return resource.kind === 'PodVolumeBackup' ? (resource.spec?.pod.namespace ?? '') : (resource.spec?.sourceNamespace ?? '');
}

/** The move job of `resource` for one attempt. */
export function moveJobOf(resource: DataPathResource, context: MoveJobContext & { readonly claimName?: string }): MoveJobInput {
  switch (resource.kind) {
    case 'DataUpload':
      return dataUploadMoveJob(resource, context);
    case 'DataDownload':
      return dataDownloadMoveJob(resource, context);
    case 'PodVolumeBackup':
      return podVolumeBackupMoveJob(resource, context);
    case 'PodVolumeRestore':
      return podVolumeRestoreMoveJob(resource, context);
  }
}

/**
 * Whether (and with which uploader) Ferry serves `resource` in `role`: DU/DD by `spec.datamover`
 * and the DataMoverClasses; PVB/PVR (no datamover field) only as the whole server.
 */
export function dataMoverDecisionOf(
  resource: DataPathResource,
  role: ControllerRole,
  classes: readonly DataMoverClass[],
): DataMoverDecision {
  if (resource.kind === 'PodVolumeBackup' || resource.kind === 'PodVolumeRestore') {
    if (role !== 'server') return { serve: false, reason: 'fs-backup is served by Velero’s node-agent beside a running Velero' };
    return { serve: true, uploader: podVolumeUploader(resource.spec?.uploaderType), config: {} };
  }
  return decideDataMover({ role, datamover: resource.spec?.datamover, dataMoverConfig: resource.spec?.dataMoverConfig, classes });
}

/** `namespace/name` of a resource: its work-queue key. */
export function keyOf(resource: DataPathResource): string {
  return `${resource.metadata?.namespace ?? ''}/${resource.metadata?.name ?? ''}`;
}
