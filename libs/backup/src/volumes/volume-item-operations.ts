// A Backup's async item operations in Velero's `itemoperation.BackupOperation` JSON shape
// (pkg/itemoperation/backup_operation.go, shared.go): one per DataUpload (CSI PVC action, operation
// `du-<backup uid>.<pvc uid>`) and one per kept CSI VolumeSnapshot (VolumeSnapshot action,
// operation `<ns>/<vs>/<RFC 3339 start>`), with the phase Velero's operations controller derives
// from the action's Progress. Pure.
import type { Backup, DataUpload, VolumeSnapshot, VolumeSnapshotContent } from '@ferry/api';
import { kubeTimestamp } from '@ferry/kube-values';
import { operationTimedOut, operationTimedOutError } from '../status/backup-phase';

/** Velero's operation phases. */
export const OperationPhase = { New: 'New', InProgress: 'InProgress', Completed: 'Completed', Failed: 'Failed' } as const;
/** One of {@link OperationPhase}. */
export type OperationPhase = (typeof OperationPhase)[keyof typeof OperationPhase];

/** The backup item actions that own the operations. */
export const BackupItemActionName = {
  CsiPvc: 'velero.io/csi-pvc-backupper',
  CsiVolumeSnapshot: 'velero.io/csi-volumesnapshot-backupper',
} as const;

/** Velero's `velero.ResourceIdentifier` (the embedded GroupResource has no JSON tags: capitalised keys). */
export interface ResourceIdentifier {
  readonly Group: string;
  readonly Resource: string;
  readonly Namespace: string;
  readonly Name: string;
}

/** `itemoperation.OperationStatus`; every field omitempty. */
export interface OperationStatus {
  readonly phase?: OperationPhase;
  readonly error?: string;
  readonly nCompleted?: number;
  readonly nTotal?: number;
  readonly operationUnits?: string;
  readonly description?: string;
  readonly created?: string;
  readonly started?: string;
  readonly updated?: string;
}

/** `itemoperation.BackupOperation`, keys in Go's field order. */
export interface BackupOperation {
  readonly spec: {
    readonly backupName: string;
    readonly backupUID: string;
    readonly backupItemAction: string;
    readonly resourceIdentifier: ResourceIdentifier;
    readonly operationID: string;
    readonly postOperationItems: readonly ResourceIdentifier[] | null;
  };
  readonly status: OperationStatus;
}

/** When the operations are judged: now, and the Backup's effective itemOperationTimeout. */
export interface OperationClock {
  readonly now: Date;
  readonly itemOperationTimeoutMs: number;
}

const snapshotGroup = 'snapshot.storage.k8s.io';

/** An operation status with Velero's omitempty rules applied (empty strings and zeros left out). Pure. */
function compactOperationStatus(status: Record<string, string | number | undefined>): OperationStatus {
  return Object.fromEntries(
    Object.entries(status).filter(([, value]) => value !== undefined && value !== '' && value !== 0),
  ) as OperationStatus;
}

/** Phase and error of a running operation past the timeout: Failed, `Asynchronous action timed out`. */
function timedOut(created: string | undefined, clock: OperationClock): boolean {
  return created !== undefined && operationTimedOut(new Date(created), clock.itemOperationTimeoutMs, clock.now);
}

/** The status fields of a DataUpload or DataDownload an operation is read from. */
export interface DataMovementStatus {
  readonly phase?: string | undefined;
  readonly message?: string | undefined;
  readonly startTimestamp?: string | null | undefined;
  readonly completionTimestamp?: string | null | undefined;
  readonly progress?: { readonly bytesDone?: number | undefined; readonly totalBytes?: number | undefined } | undefined;
}

/**
 * The phase of a DataUpload's or DataDownload's operation as Velero's CSI PVC actions report it
 * (Canceled is a failure, `<kind> is canceled`). Pure.
 */
function dataMovementOperationPhase(
  kind: 'DataUpload' | 'DataDownload',
  status: DataMovementStatus | undefined,
): { phase: OperationPhase; error?: string } {
  switch (status?.phase) {
    case 'Completed':
      return { phase: OperationPhase.Completed };
    case 'Failed':
      return { phase: OperationPhase.Failed, error: status.message ?? '' };
    case 'Canceled':
      return { phase: OperationPhase.Failed, error: `${kind} is canceled` };
    default:
      return { phase: status?.startTimestamp ? OperationPhase.InProgress : OperationPhase.New };
  }
}

/**
 * The operation status of a DataUpload or DataDownload created at `created`, as Velero's CSI PVC
 * actions report it through Progress (Bytes once the data path took it), failed with "Asynchronous
 * action timed out" when still running past the item operation timeout. Pure.
 */
export function dataMovementOperationStatus(
  kind: 'DataUpload' | 'DataDownload',
  created: string | undefined,
  status: DataMovementStatus | undefined,
  clock: OperationClock,
): OperationStatus {
  let { phase, error } = dataMovementOperationPhase(kind, status);
  if ((phase === OperationPhase.New || phase === OperationPhase.InProgress) && timedOut(created, clock)) {
    [phase, error] = [OperationPhase.Failed, operationTimedOutError];
  }
  const reported = status?.phase !== undefined && status.phase !== 'New';
  return compactOperationStatus({
    phase,
    error,
    nCompleted: reported ? status.progress?.bytesDone : undefined,
    nTotal: reported ? status.progress?.totalBytes : undefined,
    operationUnits: reported ? 'Bytes' : undefined,
    description: reported ? status.phase : undefined,
    created,
    started: status?.startTimestamp ?? undefined,
    updated: status?.completionTimestamp ?? undefined,
  });
}

/** The operation of one DataUpload, as Velero records it after asking the action's Progress. Pure. */
export function dataUploadOperation(backup: Backup, du: DataUpload, clock: OperationClock): BackupOperation {
  return {
    spec: {
      backupName: backup.metadata?.name ?? '',
      backupUID: backup.metadata?.uid ?? '',
      backupItemAction: BackupItemActionName.CsiPvc,
      resourceIdentifier: {
        Group: '',
        Resource: 'persistentvolumeclaims',
        Namespace: du.spec?.sourceNamespace ?? '',
        Name: du.spec?.sourcePVC ?? '',
      },
      operationID: du.metadata?.labels?.['velero.io/async-operation-id'] ?? '',
      postOperationItems: [
        { Group: 'velero.io', Resource: 'datauploads', Namespace: du.metadata?.namespace ?? '', Name: du.metadata?.name ?? '' },
      ],
    },
    status: dataMovementOperationStatus('DataUpload', du.metadata?.creationTimestamp ?? undefined, du.status, clock),
  };
}

/** `<namespace>/<name>/<creation time>`: the operation ID of a kept VolumeSnapshot. Pure. */
export function volumeSnapshotOperationId(snapshot: VolumeSnapshot): string {
  return `${snapshot.metadata?.namespace ?? ''}/${snapshot.metadata?.name ?? ''}/${snapshot.metadata?.creationTimestamp ?? ''}`;
}

/**
 * The operation's phase as Velero's VolumeSnapshot action Progress reads it: still running while the
 * snapshot has no status, or is not ready and reports an error (Velero takes it as temporary: the
 * snapshot controller retries); else the content decides — ready → Completed, error → Failed.
 */
function snapshotPhase(snapshot: VolumeSnapshot, content: VolumeSnapshotContent | undefined): { phase: OperationPhase; error?: string } {
  const status = snapshot.status;
  if (!status || (status.readyToUse !== true && status.error)) return { phase: OperationPhase.InProgress };
  if (content?.status?.readyToUse === true) return { phase: OperationPhase.Completed };
  if (content?.status?.error) return { phase: OperationPhase.Failed, error: content.status.error.message ?? '' };
  return { phase: OperationPhase.InProgress };
}

/** The operation of one kept CSI VolumeSnapshot and its content. Pure. */
export function volumeSnapshotOperation(
  backup: Backup,
  snapshot: VolumeSnapshot,
  content: VolumeSnapshotContent | undefined,
  clock: OperationClock,
): BackupOperation {
  const created = snapshot.metadata?.creationTimestamp ?? undefined;
  let { phase, error } = snapshotPhase(snapshot, content);
  if (phase === OperationPhase.InProgress && timedOut(created, clock)) [phase, error] = [OperationPhase.Failed, operationTimedOutError];
  const contentName = snapshot.status?.boundVolumeSnapshotContentName ?? '';
  const finished = phase === OperationPhase.Completed || (phase === OperationPhase.Failed && error !== operationTimedOutError);
  return {
    spec: {
      backupName: backup.metadata?.name ?? '',
      backupUID: backup.metadata?.uid ?? '',
      backupItemAction: BackupItemActionName.CsiVolumeSnapshot,
      resourceIdentifier: {
        Group: snapshotGroup,
        Resource: 'volumesnapshots',
        Namespace: snapshot.metadata?.namespace ?? '',
        Name: snapshot.metadata?.name ?? '',
      },
      operationID: volumeSnapshotOperationId(snapshot),
      postOperationItems: [
        {
          Group: snapshotGroup,
          Resource: 'volumesnapshots',
          Namespace: snapshot.metadata?.namespace ?? '',
          Name: snapshot.metadata?.name ?? '',
        },
        { Group: snapshotGroup, Resource: 'volumesnapshotcontents', Namespace: '', Name: contentName },
      ],
    },
    status: compactOperationStatus({
      phase,
      error,
      created,
      started: created,
      // metav1.Time precision: the snapshot controller writes creationTime with sub-seconds.
      updated: finished ? secondsOf(snapshot.status?.creationTime ?? created) : undefined,
    }),
  };
}

/** An RFC 3339 time as metav1.Time writes it (whole seconds); undefined stays undefined. */
function secondsOf(time: string | undefined): string | undefined {
  return time === undefined || Number.isNaN(Date.parse(time)) ? time : kubeTimestamp(new Date(time));
}

/** Whether the operation still runs (New or InProgress). Pure. */
export function operationRunning(operation: BackupOperation): boolean {
  return operation.status.phase === OperationPhase.New || operation.status.phase === OperationPhase.InProgress;
}
