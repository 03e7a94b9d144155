// Errors of the resource collection. Per-item problems are results (BackupResults), never errors:
// an error here means the tarball could not be written and the collection as a whole failed.
import { FerryError, isRetryable } from '@ferry/errors';

/** Stable codes of the collection's failures. */
export const ResourceBackupErrorCode = {
  /** API discovery (`/api`, `/apis`) or the namespace list failed: nothing can be selected. Retryable. */
  DiscoveryFailed: 'RESOURCE_BACKUP_DISCOVERY_FAILED',
  /** The tarball upload to the bucket failed; no object was left. Retryable when the store's error is. */
  UploadFailed: 'RESOURCE_BACKUP_UPLOAD_FAILED',
  /** Rewriting a tarball at finalizing failed (read, patch or upload); the old object is unchanged. Retryable when the store's error is. */
  TarballRewriteFailed: 'RESOURCE_BACKUP_TARBALL_REWRITE_FAILED',
  /** The caller's signal aborted the collection; no object was left. */
  Aborted: 'RESOURCE_BACKUP_ABORTED',
} as const;
/** One of {@link ResourceBackupErrorCode}. */
export type ResourceBackupErrorCode = (typeof ResourceBackupErrorCode)[keyof typeof ResourceBackupErrorCode];

/** A failure of the whole collection; the message names the backup and what to do. */
export class ResourceBackupError extends FerryError<ResourceBackupErrorCode> {
  constructor(code: ResourceBackupErrorCode, message: string, options: { cause?: unknown } = {}) {
    const retryable =
      code === ResourceBackupErrorCode.Aborted ? false : code === ResourceBackupErrorCode.DiscoveryFailed || isRetryable(options.cause);
    super(code, message, { cause: options.cause, retryable });
  }
}
