// Errors of the snapshot mover service (VolumeSnapshotBackup / VolumeSnapshotRestore). Every error
// has a stable `code`, the `cause` it wraps and whether trying again can help.
import { FerryError } from '@ferry/errors';

/** Stable codes of the snapshot mover's failures. */
export const SnapshotMoverErrorCode = {
  /**
   * The VSB/VSR asks for something that cannot be done as written (a missing field, secret key,
   * VolumeSnapshotContent, class or BSL); the message names the field and the fix. Written to
   * status and an Event; retrying without a change does not help.
   */
  InvalidRequest: 'SNAPSHOT_MOVER_INVALID_REQUEST',
  /** An input is not ready yet (the user's VolumeSnapshotContent): retry later. */
  NotReady: 'SNAPSHOT_MOVER_NOT_READY',
} as const;
/** One of {@link SnapshotMoverErrorCode}. */
export type SnapshotMoverErrorCode = (typeof SnapshotMoverErrorCode)[keyof typeof SnapshotMoverErrorCode];

/** A failure of the snapshot mover service; `retryable` says whether trying again can help. */
export class SnapshotMoverError extends FerryError<SnapshotMoverErrorCode> {
  /** `retryable` defaults to true for every code but InvalidRequest. */
  constructor(code: SnapshotMoverErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(code, message, { cause: options.cause, retryable: options.retryable ?? code !== SnapshotMoverErrorCode.InvalidRequest });
  }
}

/** An `InvalidRequest` error (not retryable): `message` names the field and what to do. */
export function invalidRequest(message: string): SnapshotMoverError {
  return new SnapshotMoverError(SnapshotMoverErrorCode.InvalidRequest, message);
}

/** True when `error` is a {@link SnapshotMoverError} with `code`. */
export function hasSnapshotMoverCode(error: unknown, code: SnapshotMoverErrorCode): error is SnapshotMoverError {
  return error instanceof SnapshotMoverError && error.code === code;
}
