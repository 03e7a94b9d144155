// Errors of the exposer service lib. Every error has a stable `code`, the `cause` it wraps and
// whether trying again can help.
import { FerryError } from '@ferry/errors';

/** Stable codes of the exposer service's failures. */
export const ExposerServiceErrorCode = {
  /** Restore: the DataDownload is missing or lacks `spec.targetVolume` / identity. */
  RestoreOperationInvalid: 'EXPOSER_RESTORE_OPERATION_INVALID',
  /** Restore: the target PVC is already bound; restoring into it would overwrite a volume. */
  RestoreTargetBound: 'EXPOSER_RESTORE_TARGET_BOUND',
  /** Restore: the target PVC did not become Bound to the restored PV in time: retry. */
  RestoreTargetNotBound: 'EXPOSER_RESTORE_TARGET_NOT_BOUND',
  /** Restore: the handover cannot start (restorePVC not bound, nothing to hand over). */
  RestoreHandoverNotReady: 'EXPOSER_RESTORE_HANDOVER_NOT_READY',
  /** A CSI snapshot exposure cannot start: the DataUpload lacks what it needs (csiSnapshot, source PVC, snapshot handle). */
  SnapshotExposeInvalid: 'EXPOSER_SNAPSHOT_EXPOSE_INVALID',
  /** The caller's AbortSignal fired while the exposer waited. */
  Aborted: 'EXPOSER_ABORTED',
  /** An exposure job cannot be run as sent (e.g. its `acceptedAt` is not a time); redelivery cannot fix it. */
  JobInvalid: 'EXPOSER_JOB_INVALID',
  /** An exposer setting in the environment is malformed; the message names the variable and the fix. */
  InvalidSettings: 'EXPOSER_INVALID_SETTINGS',
} as const;
/** One of {@link ExposerServiceErrorCode}. */
export type ExposerServiceErrorCode = (typeof ExposerServiceErrorCode)[keyof typeof ExposerServiceErrorCode];

/** A failure of the exposer service; `retryable` says whether trying again can help. */
export class ExposerServiceError extends FerryError<ExposerServiceErrorCode> {
  /** `retryable` defaults to false: say so explicitly where a retry helps. */
  constructor(code: ExposerServiceErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(code, message, { cause: options.cause, retryable: options.retryable ?? false });
  }
}
