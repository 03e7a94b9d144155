// Errors of the storage-location rules. Every error has a stable `code`, the `cause` it wraps and
// whether trying again can help. Messages name the object and field at fault, never a secret.
import { FerryError } from '@ferry/errors';

/** Stable codes of the storage-location rules' failures. */
export const StorageLocationErrorCode = {
  /**
   * The BackupStorageLocation cannot be used as written (no spec, unsupported provider, empty or
   * malformed bucket, no endpoint); the message names the field and the fix. Not retryable.
   */
  Invalid: 'STORAGE_LOCATION_INVALID',
} as const;
/** One of {@link StorageLocationErrorCode}. */
export type StorageLocationErrorCode = (typeof StorageLocationErrorCode)[keyof typeof StorageLocationErrorCode];

/**
 * A BackupStorageLocation that cannot be used. `message` names the BSL; `problem` is the same
 * without it (`<field> <what is wrong>`), for a status that already names the BSL.
 */
export class StorageLocationError extends FerryError<StorageLocationErrorCode> {
  readonly field: string;
  readonly problem: string;

  constructor(code: StorageLocationErrorCode, where: string, field: string, problem: string, options: { cause?: unknown } = {}) {
    super(code, `BackupStorageLocation ${where}: ${field} ${problem}`, { cause: options.cause, retryable: false });
    this.field = field;
    this.problem = `${field} ${problem}`;
  }
}
