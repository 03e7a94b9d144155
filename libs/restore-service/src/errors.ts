// Errors of the restore service. A failure here ends one run of a Restore as `Failed` with the
// message as `status.failureReason`; per-item problems are results (errors/warnings), never errors.
import { FerryError, isRetryable } from '@ferry/errors';

/** Stable codes of a restore run's failures. */
export const RestoreServiceErrorCode = {
  /** The backup tarball could not be read from the bucket (missing, not gzip'd tar). */
  TarballUnreadable: 'RESTORE_TARBALL_UNREADABLE',
  /** API discovery failed: nothing can be resolved or created. Retryable. */
  DiscoveryFailed: 'RESTORE_DISCOVERY_FAILED',
  /** The run was aborted (the service stopped); the Restore is run again by the next leader. */
  Aborted: 'RESTORE_ABORTED',
  /** A deleted Restore's files could not be deleted from its location's bucket. Retried while the location is Available. */
  FilesNotDeleted: 'RESTORE_FILES_NOT_DELETED',
} as const;
/** One of {@link RestoreServiceErrorCode}. */
export type RestoreServiceErrorCode = (typeof RestoreServiceErrorCode)[keyof typeof RestoreServiceErrorCode];

/** A failure of a whole restore run; the message names the backup or restore and what failed. */
export class RestoreServiceError extends FerryError<RestoreServiceErrorCode> {
  constructor(code: RestoreServiceErrorCode, message: string, options: { cause?: unknown } = {}) {
    const retryable =
      code === RestoreServiceErrorCode.DiscoveryFailed || (code !== RestoreServiceErrorCode.Aborted && isRetryable(options.cause));
    super(code, message, { cause: options.cause, retryable });
  }
}
