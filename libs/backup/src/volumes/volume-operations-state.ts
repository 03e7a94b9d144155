// The state of a Backup's volume step read back from its objects: Velero's counts
// (`backupItemOperations*` over the async operations, `csiVolumeSnapshots*` over kept snapshots),
// whether everything ended, per-volume errors, the volume-info inputs and the item operations. Pure.
import type { Backup, DataUpload, PodVolumeBackup, VolumeSnapshot, VolumeSnapshotContent } from '@ferry/api';
import { BackupResultsBuilder, ResultLevel, type BackupResults, type ResultLogFields } from '../results/backup-results';
import { operationErrorMessage } from '../status/backup-phase';
import type { ClaimRef, VolumeFacts, VolumeInfoInput } from '../volume-info/volume-info-inputs';
import { pvcNameAnnotation } from './volume-object-builders';
import {
  BackupItemActionName,
  dataUploadOperation,
  OperationPhase,
  operationRunning,
  volumeSnapshotOperation,
  type BackupOperation,
  type OperationClock,
} from './volume-item-operations';

/** A kept CSI snapshot and its content (absent until bound). */
export interface KeptSnapshot {
  readonly snapshot: VolumeSnapshot;
  readonly content?: VolumeSnapshotContent | undefined;
}

/** What `start` recorded: skipped volumes, item errors, and the PV of each claim it acted on. */
export interface VolumeRecord {
  readonly skipped: readonly Extract<VolumeInfoInput, { kind: 'skipped' }>[];
  readonly errors: readonly ResultLogFields[];
  /** PV facts by claim `namespace/name`. */
  readonly volumes: Readonly<Record<string, VolumeFacts>>;
}

/** Everything the state is computed from. */
export interface VolumeObjects {
  readonly backup: Backup;
  readonly record: VolumeRecord;
  readonly dataUploads: readonly DataUpload[];
  readonly podVolumeBackups: readonly PodVolumeBackup[];
  /** Kept snapshots (empty when the Backup moves data). */
  readonly snapshots: readonly KeptSnapshot[];
}

/** Counts as Velero's Backup status keeps them. */
export interface VolumeCounts {
  readonly backupItemOperationsAttempted: number;
  readonly backupItemOperationsCompleted: number;
  readonly backupItemOperationsFailed: number;
  readonly csiVolumeSnapshotsAttempted: number;
  readonly csiVolumeSnapshotsCompleted: number;
}

/** The computed state. */
export interface VolumeState {
  readonly counts: VolumeCounts;
  readonly done: boolean;
  readonly results: BackupResults;
  readonly volumeInfo: readonly VolumeInfoInput[];
  readonly itemOperations: readonly BackupOperation[];
}

const terminalPhases: ReadonlySet<string> = new Set(['Completed', 'Failed', 'Canceled']);

/** The phases of a PodVolumeBackup that end it. Pure. */
export function podVolumeBackupEnded(pvb: PodVolumeBackup): boolean {
  return terminalPhases.has(pvb.status?.phase ?? '');
}

function volumeOf(record: VolumeRecord, claim: ClaimRef): VolumeFacts {
  return record.volumes[`${claim.namespace}/${claim.name}`] ?? { name: '' };
}

function dataMovementInput(record: VolumeRecord, du: DataUpload): VolumeInfoInput {
  const claim = { namespace: du.spec?.sourceNamespace ?? '', name: du.spec?.sourcePVC ?? '' };
  const status = du.status;
  return {
    kind: 'data-movement',
    claim,
    volume: volumeOf(record, claim),
    operationId: du.metadata?.labels?.['velero.io/async-operation-id'] ?? '',
    dataUpload: {
      driver: du.spec?.csiSnapshot?.driver ?? '',
      volumeSnapshot: du.spec?.csiSnapshot?.volumeSnapshot,
      dataMover: du.spec?.datamover,
      phase: status?.phase,
      snapshotId: status?.snapshotID,
      totalBytes: status?.progress?.totalBytes,
      incrementalBytes: status?.incrementalBytes,
      startTimestamp: status?.startTimestamp ?? undefined,
      completionTimestamp: status?.completionTimestamp ?? undefined,
    },
  };
}

function csiSnapshotInput(record: VolumeRecord, kept: KeptSnapshot, operation: BackupOperation): VolumeInfoInput {
  const { snapshot, content } = kept;
  const claim = { namespace: snapshot.metadata?.namespace ?? '', name: snapshot.spec.source.persistentVolumeClaimName ?? '' };
  const running = operationRunning(operation);
  return {
    kind: 'csi-snapshot',
    claim,
    volume: volumeOf(record, claim),
    snapshot: {
      volumeSnapshotContentName: snapshot.status?.boundVolumeSnapshotContentName ?? '',
      restoreSize: snapshot.status?.restoreSize,
      readyToUse: snapshot.status?.readyToUse ?? null,
      creationTime: snapshot.status?.creationTime,
      driver: content?.spec.driver ?? '',
      snapshotHandle: content?.status?.snapshotHandle,
      volumeGroupSnapshotHandle: content?.status?.volumeGroupSnapshotHandle,
    },
    operation: {
      operationId: operation.spec.operationID,
      ...(running ? {} : { updated: operation.status.updated, error: operation.status.error }),
    },
  };
}

function podVolumeInput(record: VolumeRecord, pvb: PodVolumeBackup): VolumeInfoInput {
  const pod = { namespace: pvb.spec?.pod.namespace ?? '', name: pvb.spec?.pod.name ?? '' };
  const claimName = pvb.metadata?.annotations?.[pvcNameAnnotation];
  const claim = claimName === undefined ? undefined : { namespace: pod.namespace, name: claimName };
  const status = pvb.status;
  return {
    kind: 'fs-backup',
    claim: claim ? { claim, volume: volumeOf(record, claim) } : undefined,
    podVolumeBackup: {
      uploaderType: pvb.spec?.uploaderType ?? '',
      volume: pvb.spec?.volume ?? '',
      pod,
      node: pvb.spec?.node,
      phase: status?.phase,
      snapshotId: status?.snapshotID,
      totalBytes: status?.progress?.totalBytes,
      incrementalBytes: status?.incrementalBytes,
      startTimestamp: status?.startTimestamp ?? undefined,
      completionTimestamp: status?.completionTimestamp ?? undefined,
    },
  };
}

function resultsOf(record: VolumeRecord, operations: readonly BackupOperation[], pvbs: readonly PodVolumeBackup[]): BackupResults {
  const builder = new BackupResultsBuilder();
  for (const fields of record.errors) builder.log(ResultLevel.Error, fields);
  for (const operation of operations) {
    if (operation.status.phase !== OperationPhase.Failed) continue;
    builder.log(ResultLevel.Error, { message: operationErrorMessage(operation.status.error ?? '', operation.spec.backupItemAction) });
  }
  for (const pvb of pvbs) {
    const phase = pvb.status?.phase;
    if (phase === 'Failed' || phase === 'Canceled') {
      const verb = phase === 'Failed' ? 'failed' : 'canceled';
      builder.log(ResultLevel.Error, { message: `pod volume backup ${verb}: ${pvb.status?.message ?? ''}` });
    }
  }
  return builder.build();
}

/**
 * The volume step's state: one operation per DataUpload and per kept snapshot (a running one past
 * `clock.itemOperationTimeoutMs` since its creation is Failed, `Asynchronous action timed out`);
 * `backupItemOperations*` count them (Failed and timed out as failed), `csiVolumeSnapshotsAttempted`
 * the kept snapshots and `csiVolumeSnapshotsCompleted` their Completed operations; `done` when no
 * operation runs and every PodVolumeBackup ended; results = recorded item errors, failed
 * operations (`<error>, plugin: <action>`) and failed or canceled PodVolumeBackups; volume-info
 * inputs = recorded skips, kept snapshots, PodVolumeBackups, DataUploads. Pure.
 */
export function volumeOperationsState(objects: VolumeObjects, clock: OperationClock): VolumeState {
  const { backup, record } = objects;
  const uploads = objects.dataUploads.map((du) => ({ du, operation: dataUploadOperation(backup, du, clock) }));
  const kept = objects.snapshots.map((snapshot) => ({
    snapshot,
    operation: volumeSnapshotOperation(backup, snapshot.snapshot, snapshot.content, clock),
  }));
  const itemOperations = [...kept.map((k) => k.operation), ...uploads.map((u) => u.operation)];
  const count = (phase: OperationPhase, action?: string): number =>
    itemOperations.filter((op) => op.status.phase === phase && (action === undefined || op.spec.backupItemAction === action)).length;
  const counts: VolumeCounts = {
    backupItemOperationsAttempted: itemOperations.length,
    backupItemOperationsCompleted: count(OperationPhase.Completed),
    backupItemOperationsFailed: count(OperationPhase.Failed),
    csiVolumeSnapshotsAttempted: kept.length,
    csiVolumeSnapshotsCompleted: count(OperationPhase.Completed, BackupItemActionName.CsiVolumeSnapshot),
  };
  const done = !itemOperations.some(operationRunning) && objects.podVolumeBackups.every(podVolumeBackupEnded);
  const volumeInfo: VolumeInfoInput[] = [
    ...record.skipped,
    ...kept.map((k) => csiSnapshotInput(record, k.snapshot, k.operation)),
    ...objects.podVolumeBackups.map((pvb) => podVolumeInput(record, pvb)),
    ...uploads.map((u) => dataMovementInput(record, u.du)),
  ];
  return { counts, done, results: resultsOf(record, itemOperations, objects.podVolumeBackups), volumeInfo, itemOperations };
}
