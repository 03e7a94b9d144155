// Errors of the backup services. Each has a stable `code`, the failing object in its message and
// whether a retry can help.
import { FerryError } from '@ferry/errors';

// --- volumes ---
/** Stable codes of the volume step's failures. */
export const BackupVolumeErrorCode = {
  /** The volume record ConfigMap of a Backup is not one this version wrote; not retryable. */
  RecordUnreadable: 'BACKUP_VOLUME_RECORD_UNREADABLE',
  /** The policy service could not plan the Backup's volumes and said a retry would not help. */
  PlanRefused: 'BACKUP_VOLUME_PLAN_REFUSED',
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
