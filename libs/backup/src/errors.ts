// Errors of the backup rules. Every function here is pure, so a failure is a bad input that fails
// the same way again: nothing is retryable.
import { FerryError } from '@ferry/errors';

/** Stable codes of the backup rules' failures; switch on these, never on messages. */
export const BackupRuleErrorCode = {
  /**
   * A Backup duration field (`ttl`, `csiSnapshotTimeout`, `itemOperationTimeout`) is not a Go
   * duration. `validateBackup` reports it as a validation error first; this is thrown only when a
   * caller computes durations of a Backup that was never validated.
   */
  InvalidDuration: 'BACKUP_INVALID_DURATION',
} as const;
/** One of {@link BackupRuleErrorCode}. */
export type BackupRuleErrorCode = (typeof BackupRuleErrorCode)[keyof typeof BackupRuleErrorCode];

/** A failure of the backup rules; never retryable (same input, same failure). */
export class BackupRuleError extends FerryError<BackupRuleErrorCode> {
  constructor(code: BackupRuleErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, { cause: options?.cause, retryable: false });
  }
}
