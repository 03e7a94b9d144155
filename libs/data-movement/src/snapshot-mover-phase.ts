// Phases of OADP's VolumeSnapshotBackup / VolumeSnapshotRestore as Ferry drives
// them over a DataUpload / DataDownload: InProgress while the data path runs, SnapshotBackupDone /
// SnapshotRestoreDone once the data (and, on restore, the snapshot) exists, Cleanup while the
// intermediate objects go, then Completed; Failed from any live phase. Pure status transitions.
// OADP's phases: docs/velero-compatibility.md#oadp-volumesnapshotbackup-and-volumesnapshotrestore.
import {
  BatchingStatus,
  ConditionStatus,
  DataUploadPhase,
  VolumeSnapshotBackupPhase,
  VolumeSnapshotMoverCondition,
  type Condition,
} from '@ferry/api';
import { kubeTimestamp } from '@ferry/kube-values';

/** The status fields VolumeSnapshotBackup and VolumeSnapshotRestore share. */
export interface SnapshotMoverStatusCore {
  phase?: string | undefined;
  conditions?: Condition[] | undefined;
  batchingStatus?: string | undefined;
  startTimestamp?: string | undefined;
  completionTimestamp?: string | undefined;
}

/** What the reconciler does next for a VSB/VSR in a given phase. */
export const SnapshotMoverStep = {
  /** No phase yet: validate the inputs, then write InProgress. */
  Start: 'start',
  /** InProgress: keep the intermediate objects, follow the data path. */
  Move: 'move',
  /** SnapshotBackupDone / SnapshotRestoreDone / Cleanup: remove the intermediate objects, then Completed. */
  CleanUp: 'clean-up',
  /** Completed, Failed, PartiallyFailed: only make sure nothing is left behind. */
  Finished: 'finished',
} as const;
/** One of {@link SnapshotMoverStep}. */
export type SnapshotMoverStep = (typeof SnapshotMoverStep)[keyof typeof SnapshotMoverStep];

/** The step for `phase` (VSB and VSR phases share their spelling except the `…Done` one). */
export function snapshotMoverStep(phase: string | undefined): SnapshotMoverStep {
  switch (phase ?? '') {
    case '':
      return SnapshotMoverStep.Start;
    case VolumeSnapshotBackupPhase.InProgress:
      return SnapshotMoverStep.Move;
    case VolumeSnapshotBackupPhase.SnapshotBackupDone:
    case 'SnapshotRestoreDone':
    case VolumeSnapshotBackupPhase.Cleanup:
      return SnapshotMoverStep.CleanUp;
    default:
      return SnapshotMoverStep.Finished;
  }
}

/** Where the DataUpload / DataDownload is. */
export type DataPathOutcome =
  { readonly kind: 'running'; readonly phase: string } | { readonly kind: 'done' } | { readonly kind: 'failed'; readonly message: string };

/**
 * Reads a DU/DD status: Completed → done; Failed / Canceled → failed with a message naming the
 * resource and its `status.message`; anything else (New, Accepted, Prepared, InProgress,
 * Canceling) → running.
 */
export function dataPathOutcome(
  what: string,
  status: { phase?: string | undefined; message?: string | undefined } | undefined,
): DataPathOutcome {
  const phase = status?.phase || DataUploadPhase.New;
  const detail = status?.message ? `: ${status.message}` : '';
  switch (phase) {
    case DataUploadPhase.Completed:
      return { kind: 'done' };
    case DataUploadPhase.Failed:
      return { kind: 'failed', message: `${what} failed${detail}` };
    case DataUploadPhase.Canceled:
      return { kind: 'failed', message: `${what} was canceled${detail}` };
    default:
      return { kind: 'running', phase };
  }
}

function reconciled(current: readonly Condition[] | undefined, ok: boolean, message: string, now: Date): Condition[] {
  const status = ok ? ConditionStatus.True : ConditionStatus.False;
  const previous = current?.find((c) => c.type === VolumeSnapshotMoverCondition.Reconciled);
  const condition: Condition = {
    type: VolumeSnapshotMoverCondition.Reconciled,
    status,
    reason: ok ? VolumeSnapshotMoverCondition.ReasonComplete : VolumeSnapshotMoverCondition.ReasonError,
    message,
    lastTransitionTime: previous && previous.status === status ? previous.lastTransitionTime : kubeTimestamp(now),
  };
  return [...(current ?? []).filter((c) => c.type !== VolumeSnapshotMoverCondition.Reconciled), condition];
}

/** Moves `current` to live `phase` (InProgress, …Done, Cleanup) with a Reconciled=True condition saying `message`; sets startTimestamp once. */
export function advanceSnapshotMoverStatus<S extends SnapshotMoverStatusCore>(
  current: S | undefined,
  phase: string,
  message: string,
  now: Date,
): S {
  const base = (current ?? {}) as S;
  return {
    ...base,
    phase,
    batchingStatus: BatchingStatus.Processing,
    startTimestamp: base.startTimestamp ?? kubeTimestamp(now),
    conditions: reconciled(base.conditions, true, message, now),
  };
}

/** Completed: completion time, batching Completed, Reconciled=True/Complete saying `message`. */
export function completeSnapshotMoverStatus<S extends SnapshotMoverStatusCore>(current: S | undefined, message: string, now: Date): S {
  const base = (current ?? {}) as S;
  return {
    ...base,
    phase: VolumeSnapshotBackupPhase.Completed,
    batchingStatus: BatchingStatus.Completed,
    startTimestamp: base.startTimestamp ?? kubeTimestamp(now),
    completionTimestamp: base.completionTimestamp ?? kubeTimestamp(now),
    conditions: reconciled(base.conditions, true, message, now),
  };
}

/** Failed (or PartiallyFailed): completion time, batching Completed, Reconciled=False/Error with the cause. */
export function failSnapshotMoverStatus<S extends SnapshotMoverStatusCore>(
  current: S | undefined,
  message: string,
  now: Date,
  phase: string = VolumeSnapshotBackupPhase.Failed,
): S {
  const base = (current ?? {}) as S;
  return {
    ...base,
    phase,
    batchingStatus: BatchingStatus.Completed,
    startTimestamp: base.startTimestamp ?? kubeTimestamp(now),
    completionTimestamp: base.completionTimestamp ?? kubeTimestamp(now),
    conditions: reconciled(base.conditions, false, message, now),
  };
}

/** True for Completed, Failed and PartiallyFailed. */
export function isFinishedSnapshotMoverPhase(phase: string | undefined): boolean {
  return snapshotMoverStep(phase) === SnapshotMoverStep.Finished;
}
