// Errors of the uploaders. Every error has a stable `code`, the `cause` it wraps and whether trying
// again can help. Messages name the tool, the operation and the repository, never a secret.
import { FerryError } from '@ferry/errors';

/** Stable codes of uploader failures, classified for the mover's job results. */
export const UploaderErrorCode = {
  /** The caller aborted; the tool was stopped. */
  Canceled: 'UPLOADER_CANCELED',
  /** Wrong repository password. */
  WrongPassword: 'UPLOADER_WRONG_PASSWORD',
  /** The object store could not be reached (connection refused, DNS, TLS). Retryable. */
  StorageUnreachable: 'UPLOADER_STORAGE_UNREACHABLE',
  /** The repository is locked by another process. Retryable. */
  RepositoryLocked: 'UPLOADER_REPOSITORY_LOCKED',
  /** The repository does not exist (and was not to be created). */
  RepositoryNotFound: 'UPLOADER_REPOSITORY_NOT_FOUND',
  /** `createRepository` found a repository (or other data) already there: connect to it instead. */
  RepositoryExists: 'UPLOADER_REPOSITORY_EXISTS',
  /** No space left on the target device. */
  DiskFull: 'UPLOADER_DISK_FULL',
  /** The snapshot to restore does not exist. */
  SnapshotNotFound: 'UPLOADER_SNAPSHOT_NOT_FOUND',
  /** The tool failed for another reason; its last output lines are in the message. */
  ToolFailed: 'UPLOADER_TOOL_FAILED',
  /** The tool printed something this adapter could not parse. */
  UnexpectedOutput: 'UPLOADER_UNEXPECTED_OUTPUT',
} as const;
/** One of {@link UploaderErrorCode}. */
export type UploaderErrorCode = (typeof UploaderErrorCode)[keyof typeof UploaderErrorCode];

const retryableCodes: ReadonlySet<UploaderErrorCode> = new Set([UploaderErrorCode.StorageUnreachable, UploaderErrorCode.RepositoryLocked]);

/** A failed uploader operation. */
export class UploaderError extends FerryError<UploaderErrorCode> {
  /** `retryable` defaults to true for StorageUnreachable and RepositoryLocked only. */
  constructor(code: UploaderErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(code, message, { cause: options.cause, retryable: options.retryable ?? retryableCodes.has(code) });
  }
}
