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
// --- volumes ---
/** Stable codes of the volume step's failures. */
export const BackupVolumeErrorCode = {
  /** The volume record ConfigMap of a Backup is not one this version wrote; not retryable. */
  RecordUnreadable: 'BACKUP_VOLUME_RECORD_UNREADABLE',
} as const;
/** One of {@link BackupVolumeErrorCode}. */
export type BackupVolumeErrorCode = (typeof BackupVolumeErrorCode)[keyof typeof BackupVolumeErrorCode];

/** A failure of the volume step of a Backup. */
export class BackupVolumeError extends FerryError<BackupVolumeErrorCode> {
  constructor(code: BackupVolumeErrorCode, message: string, options: { cause?: unknown; retryable: boolean }) {
    super(code, message, options);
  }
}
// --- end volumes ---

// --- schedule and sync ---
/** Stable codes of the Schedule and backup sync services' failures. */
export const ScheduleSyncErrorCode = {
  /** An environment setting is malformed (the message names the variable and the accepted form); not retryable. */
  InvalidSettings: 'SCHEDULE_SYNC_INVALID_SETTINGS',
} as const;
/** One of {@link ScheduleSyncErrorCode}. */
export type ScheduleSyncErrorCode = (typeof ScheduleSyncErrorCode)[keyof typeof ScheduleSyncErrorCode];

/** A start-up failure of the Schedule or backup sync service; what happens to one Schedule or location is logged or in its status. */
export class ScheduleSyncError extends FerryError<ScheduleSyncErrorCode> {
  constructor(code: ScheduleSyncErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, { cause: options?.cause, retryable: false });
  }
}
// --- end schedule and sync ---
