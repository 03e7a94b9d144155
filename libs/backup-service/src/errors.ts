// Errors of the backup services. Each has a stable `code`, the failing object in its message and
// whether a retry can help.
import { FerryError } from '@ferry/errors';

// --- controller ---
/** Stable codes of the Backup controller's failures; switch on these, never on messages. */
export const BackupServiceErrorCode = {
  /** An environment setting is malformed (names the variable and the fix); not retryable. */
  InvalidSettings: 'BACKUP_SERVICE_INVALID_SETTINGS',
} as const;
/** One of {@link BackupServiceErrorCode}. */
export type BackupServiceErrorCode = (typeof BackupServiceErrorCode)[keyof typeof BackupServiceErrorCode];

/** A failure of the Backup controller's start-up; what happens while a backup runs ends in its status instead. */
export class BackupServiceError extends FerryError<BackupServiceErrorCode> {
  constructor(code: BackupServiceErrorCode, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(code, message, { cause: options?.cause, retryable: options?.retryable ?? false });
  }
}
// --- end controller ---
