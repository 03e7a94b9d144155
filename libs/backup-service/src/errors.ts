// Errors of the backup service. Settings problems are fatal at start; everything that happens
// while a backup runs ends in the Backup's status instead of an exception.
import { FerryError } from '@ferry/errors';

/** Stable codes of the backup service's failures; switch on these, never on messages. */
export const BackupServiceErrorCode = {
  /** An environment setting is malformed (names the variable and the fix). */
  InvalidSettings: 'BACKUP_SERVICE_INVALID_SETTINGS',
} as const;
/** One of {@link BackupServiceErrorCode}. */
export type BackupServiceErrorCode = (typeof BackupServiceErrorCode)[keyof typeof BackupServiceErrorCode];

/** A failure of the backup service. */
export class BackupServiceError extends FerryError<BackupServiceErrorCode> {
  constructor(code: BackupServiceErrorCode, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(code, message, { cause: options?.cause, retryable: options?.retryable ?? false });
  }
}
