// Settings of the backup deletion service, from the controller's environment.
import { defaultGarbageCollectionFrequencyMs } from '@ferry/backup';
import { nanosecondsPerMillisecond, parseDuration } from '@ferry/kube-values';

/** The variable naming the garbage collection frequency. */
const frequencyVariable = 'FERRY_GARBAGE_COLLECTION_FREQUENCY';

/** What {@link readBackupDeletionSettings} reads. */
export interface BackupDeletionSettings {
  /** How often every Backup is checked for expiry (Velero's `--garbage-collection-frequency`, default 1 h). */
  readonly garbageCollectionFrequencyMs: number;
}

/**
 * Reads `FERRY_GARBAGE_COLLECTION_FREQUENCY`, a Go duration such as `1h` or `30s`; unset, blank,
 * zero or negative = 1 h (Velero's gc controller replaces a non-positive frequency by its default).
 * Pure. Throws a `RangeError` naming the variable and the accepted form when it is not a Go duration.
 */
export function readBackupDeletionSettings(env: Readonly<Record<string, string | undefined>>): BackupDeletionSettings {
  const text = env[frequencyVariable]?.trim();
  if (!text) return { garbageCollectionFrequencyMs: defaultGarbageCollectionFrequencyMs };
  const parsed = parseDuration(text);
  if (!parsed.ok) {
    throw new RangeError(`${frequencyVariable}=${JSON.stringify(text)} is not a Go duration: use one such as 1h, 30m or 90s`);
  }
  const ms = Number(parsed.nanoseconds / nanosecondsPerMillisecond);
  return { garbageCollectionFrequencyMs: ms > 0 ? ms : defaultGarbageCollectionFrequencyMs };
}
