// Settings of the backup deletion service, from the controller's environment.
import { defaultGarbageCollectionFrequencyMs } from '@ferry/backup';
import { goDurationVariable } from '@ferry/data-movement';

/** What {@link readBackupDeletionSettings} reads. */
export interface BackupDeletionSettings {
  /** How often every Backup is checked for expiry (Velero's `--garbage-collection-frequency`, default 1 h). */
  readonly garbageCollectionFrequencyMs: number;
}

/**
 * Reads `FERRY_GARBAGE_COLLECTION_FREQUENCY` (a Go duration such as `1h` or `30s`; unset = 1 h).
 * Pure. Throws naming the variable and the accepted form when it is malformed or not positive.
 */
export function readBackupDeletionSettings(env: Readonly<Record<string, string | undefined>>): BackupDeletionSettings {
  return {
    garbageCollectionFrequencyMs: goDurationVariable(env, 'FERRY_GARBAGE_COLLECTION_FREQUENCY', defaultGarbageCollectionFrequencyMs),
  };
}
