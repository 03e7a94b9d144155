// Builds the mover's job payloads (`move.job`, velero-facts §6) from a data-path resource and where
// its volume is: snapshot identity (`sourceName`), Velero's tags, parent snapshot, repository. Pure.
import { KopiaSnapshotTag, VeleroLabel, type DataDownload, type DataUpload, type PodVolumeBackup, type PodVolumeRestore } from '@ferry/api';
import type { FerryContracts, MessageInput } from '@ferry/contracts';
import type { MoverUploader } from './data-mover-selection';
import { moveJobId } from './move-job-id';

/** A `move.job` payload. */
export type MoveJobInput = MessageInput<FerryContracts['messages']['moveJob']>;

/** Where the volume is on its node: the pod's UID and the volume directory (PV name, or pod volume name). */
export interface MoveVolumeLocation {
  readonly podUid: string;
  readonly volumeDir: string;
}

/** Common inputs of the builders. */
export interface MoveJobContext {
  readonly uploader: MoverUploader;
  readonly volume: MoveVolumeLocation;
  /** 1-based attempt (see `moveJobId`). */
  readonly attempt: number;
  readonly now: Date;
}

function ref(kind: MoveJobInput['operation']['kind'], resource: { metadata?: { namespace?: string; name?: string } | undefined }) {
  return { kind, namespace: resource.metadata?.namespace ?? '', name: resource.metadata?.name ?? '' };
}

function uidOf(resource: { metadata?: { uid?: string } | undefined }): string {
  return resource.metadata?.uid ?? '';
}

function requesterTags(requester: string, uploader: MoverUploader): Record<string, string> {
  return { [KopiaSnapshotTag.Requester]: requester, [KopiaSnapshotTag.Uploader]: uploader };
}

/** The backup job of a DataUpload: source `<sourceNamespace>/<sourcePVC>`, repository of the source namespace. */
export function dataUploadMoveJob(du: DataUpload, context: MoveJobContext): MoveJobInput {
  const spec = du.spec;
  const operationId = du.metadata?.labels?.[VeleroLabel.AsyncOperationId];
  return {
    v: 1,
    jobId: moveJobId('DataUpload', uidOf(du), context.attempt),
    operation: ref('DataUpload', du),
    uploader: context.uploader,
    volume: { ...context.volume },
    repository: { backupStorageLocation: spec?.backupStorageLocation ?? '', volumeNamespace: spec?.sourceNamespace ?? '' },
    requestedAt: context.now.toISOString(),
    direction: 'backup',
    sourceName: `${spec?.sourceNamespace ?? ''}/${spec?.sourcePVC ?? ''}`,
    tags: {
      ...requesterTags(KopiaSnapshotTag.RequesterDataUploadDownload, context.uploader),
      ...(operationId ? { [VeleroLabel.AsyncOperationId]: operationId } : {}),
    },
    ...(spec?.parentSnapshot ? { parentSnapshot: spec.parentSnapshot } : {}),
  };
}

/** The restore job of a DataDownload: snapshot `spec.snapshotID` from the repository of `spec.sourceNamespace`. */
export function dataDownloadMoveJob(dd: DataDownload, context: MoveJobContext): MoveJobInput {
  const spec = dd.spec;
  return {
    v: 1,
    jobId: moveJobId('DataDownload', uidOf(dd), context.attempt),
    operation: ref('DataDownload', dd),
    uploader: context.uploader,
    volume: { ...context.volume },
    repository: { backupStorageLocation: spec?.backupStorageLocation ?? '', volumeNamespace: spec?.sourceNamespace ?? '' },
    requestedAt: context.now.toISOString(),
    direction: 'restore',
    snapshotId: spec?.snapshotID ?? '',
  };
}

/**
 * The backup job of a PodVolumeBackup: source `<podNamespace>/<podName>/<claim or volume>`,
 * `spec.tags` plus the pod-volume requester tags, repository of the pod's namespace.
 */
export function podVolumeBackupMoveJob(pvb: PodVolumeBackup, context: MoveJobContext & { readonly claimName?: string }): MoveJobInput {
  const spec = pvb.spec;
  const podNamespace = spec?.pod.namespace ?? '';
  return {
    v: 1,
    jobId: moveJobId('PodVolumeBackup', uidOf(pvb), context.attempt),
    operation: ref('PodVolumeBackup', pvb),
    uploader: context.uploader,
    volume: { ...context.volume },
    repository: { backupStorageLocation: spec?.backupStorageLocation ?? '', volumeNamespace: podNamespace },
    requestedAt: context.now.toISOString(),
    direction: 'backup',
    sourceName: `${podNamespace}/${spec?.pod.name ?? ''}/${context.claimName ?? spec?.volume ?? ''}`,
    tags: { ...(spec?.tags ?? {}), ...requesterTags(KopiaSnapshotTag.RequesterPodVolume, context.uploader) },
    ...(spec?.parentSnapshot ? { parentSnapshot: spec.parentSnapshot } : {}),
  };
}

/** The restore job of a PodVolumeRestore: snapshot `spec.snapshotID` from the repository of `spec.sourceNamespace`. */
export function podVolumeRestoreMoveJob(pvr: PodVolumeRestore, context: MoveJobContext): MoveJobInput {
  const spec = pvr.spec;
  return {
    v: 1,
    jobId: moveJobId('PodVolumeRestore', uidOf(pvr), context.attempt),
    operation: ref('PodVolumeRestore', pvr),
    uploader: context.uploader,
    volume: { ...context.volume },
    repository: { backupStorageLocation: spec?.backupStorageLocation ?? '', volumeNamespace: spec?.sourceNamespace ?? '' },
    requestedAt: context.now.toISOString(),
    direction: 'restore',
    snapshotId: spec?.snapshotID ?? '',
  };
}

/** Velero's BackupRepository name: `<volumeNamespace>-<bsl>-<type>`. */
export function backupRepositoryName(volumeNamespace: string, backupStorageLocation: string, uploader: MoverUploader): string {
  return `${volumeNamespace}-${backupStorageLocation}-${uploader}`;
}
