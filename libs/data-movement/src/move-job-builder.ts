// Builds the mover's job payloads (`move.job`; docs/velero-compatibility.md#uploaders) from a
// data-path resource and where its volume is: snapshot identity (`sourceName`), Velero's tags,
// parent snapshot, repository. Pure.
import { KopiaSnapshotTag, VeleroLabel, type DataDownload, type DataUpload, type PodVolumeBackup, type PodVolumeRestore } from '@ferry/api';
import type { FerryContracts, MessageInput } from '@ferry/contracts';
import type { MoverUploader } from './data-mover-selection';
import { moveJobId } from './move-job-id';
import { volumeRecordRefOf, type VolumeRecordRef } from './volume-record-ref';

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

type DataPathResource = { readonly metadata?: { readonly namespace?: string; readonly name?: string; readonly uid?: string } | undefined };

// The fields every job has: identity per attempt, operation, tool, volume, repository, request time.
function jobEnvelope(
  kind: MoveJobInput['operation']['kind'],
  resource: DataPathResource,
  context: MoveJobContext,
  repository: { bsl?: string; volumeNamespace?: string },
) {
  const metadata = resource.metadata;
  return {
    v: 1 as const,
    jobId: moveJobId(kind, metadata?.uid ?? '', context.attempt),
    operation: { kind, namespace: metadata?.namespace ?? '', name: metadata?.name ?? '' },
    uploader: context.uploader,
    volume: { ...context.volume },
    repository: { backupStorageLocation: repository.bsl ?? '', volumeNamespace: repository.volumeNamespace ?? '' },
    requestedAt: context.now.toISOString(),
  };
}

/** `{ report }` when the resource names its run, else nothing. */
function reportOf(ref: VolumeRecordRef | undefined): { report?: VolumeRecordRef } {
  return ref ? { report: ref } : {};
}

function requesterTags(requester: string, uploader: MoverUploader): Record<string, string> {
  return { [KopiaSnapshotTag.Requester]: requester, [KopiaSnapshotTag.Uploader]: uploader };
}

/** The backup job of a DataUpload: source `<sourceNamespace>/<sourcePVC>`, repository of the source namespace. */
export function dataUploadMoveJob(du: DataUpload, context: MoveJobContext): MoveJobInput {
  const spec = du.spec;
  const operationId = du.metadata?.labels?.[VeleroLabel.AsyncOperationId];
  return {
    ...jobEnvelope('DataUpload', du, context, { bsl: spec?.backupStorageLocation, volumeNamespace: spec?.sourceNamespace }),
    direction: 'backup',
    sourceName: `${spec?.sourceNamespace ?? ''}/${spec?.sourcePVC ?? ''}`,
    tags: {
      ...requesterTags(KopiaSnapshotTag.RequesterDataUploadDownload, context.uploader),
      ...(operationId ? { [VeleroLabel.AsyncOperationId]: operationId } : {}),
    },
    ...(spec?.parentSnapshot ? { parentSnapshot: spec.parentSnapshot } : {}),
    ...reportOf(volumeRecordRefOf({ ...du, kind: 'DataUpload' })),
  };
}

/** The restore job of a DataDownload: snapshot `spec.snapshotID` from the repository of `spec.sourceNamespace`. */
export function dataDownloadMoveJob(dd: DataDownload, context: MoveJobContext): MoveJobInput {
  const spec = dd.spec;
  return {
    ...jobEnvelope('DataDownload', dd, context, { bsl: spec?.backupStorageLocation, volumeNamespace: spec?.sourceNamespace }),
    direction: 'restore',
    snapshotId: spec?.snapshotID ?? '',
    ...reportOf(volumeRecordRefOf({ ...dd, kind: 'DataDownload' })),
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
    ...jobEnvelope('PodVolumeBackup', pvb, context, { bsl: spec?.backupStorageLocation, volumeNamespace: podNamespace }),
    direction: 'backup',
    sourceName: `${podNamespace}/${spec?.pod.name ?? ''}/${context.claimName ?? spec?.volume ?? ''}`,
    tags: { ...(spec?.tags ?? {}), ...requesterTags(KopiaSnapshotTag.RequesterPodVolume, context.uploader) },
    ...(spec?.parentSnapshot ? { parentSnapshot: spec.parentSnapshot } : {}),
    ...reportOf(volumeRecordRefOf({ ...pvb, kind: 'PodVolumeBackup' }, context.claimName)),
  };
}

/** The restore job of a PodVolumeRestore: snapshot `spec.snapshotID` from the repository of `spec.sourceNamespace`. */
export function podVolumeRestoreMoveJob(pvr: PodVolumeRestore, context: MoveJobContext & { readonly claimName?: string }): MoveJobInput {
  const spec = pvr.spec;
  return {
    ...jobEnvelope('PodVolumeRestore', pvr, context, { bsl: spec?.backupStorageLocation, volumeNamespace: spec?.sourceNamespace }),
    direction: 'restore',
    snapshotId: spec?.snapshotID ?? '',
    ...reportOf(volumeRecordRefOf({ ...pvr, kind: 'PodVolumeRestore' }, context.claimName)),
  };
}

/** Velero's BackupRepository name: `<volumeNamespace>-<bsl>-<type>`. */
export function backupRepositoryName(volumeNamespace: string, backupStorageLocation: string, uploader: MoverUploader): string {
  return `${volumeNamespace}-${backupStorageLocation}-${uploader}`;
}
