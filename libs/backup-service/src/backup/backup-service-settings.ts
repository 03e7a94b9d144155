// The Backup controller's settings from the environment.
import { nanosecondsPerMillisecond, parseDuration } from '@ferry/kube-values';
import { BackupServiceError, BackupServiceErrorCode } from '../errors';

/** Settings of the Backup controller. */
export interface BackupServiceSettings {
  /** `FERRY_CONCURRENT_BACKUPS`: backups collected at once; default 1 (Velero's `--concurrent-backups` default). */
  readonly concurrentBackups: number;
  /** `FERRY_ITEM_OPERATION_SYNC_FREQUENCY`: Go duration between checks of running volume operations; default 10s (Velero's). */
  readonly operationsPollMs: number;
}

/** Velero's `--item-operation-sync-frequency` default. */
export const defaultOperationsPollMs = 10_000;

function fail(message: string): never {
  throw new BackupServiceError(BackupServiceErrorCode.InvalidSettings, message);
}

/** Reads the settings from `env`. Pure. Throws BACKUP_SERVICE_INVALID_SETTINGS naming the variable and the fix. */
export function readBackupServiceSettings(env: Readonly<Record<string, string | undefined>>): BackupServiceSettings {
  const concurrencyText = env['FERRY_CONCURRENT_BACKUPS']?.trim();
  const concurrentBackups = concurrencyText ? Number(concurrencyText) : 1;
  if (!Number.isInteger(concurrentBackups) || concurrentBackups < 1 || concurrentBackups > 64) {
    fail(`FERRY_CONCURRENT_BACKUPS=${JSON.stringify(concurrencyText)} is not a backup count: use an integer from 1 to 64`);
  }
  const pollText = env['FERRY_ITEM_OPERATION_SYNC_FREQUENCY']?.trim();
  let operationsPollMs = defaultOperationsPollMs;
  if (pollText) {
    const parsed = parseDuration(pollText);
    if (!parsed.ok || parsed.nanoseconds <= 0n) {
      fail(`FERRY_ITEM_OPERATION_SYNC_FREQUENCY=${JSON.stringify(pollText)} is not a positive Go duration: use e.g. 10s`);
    }
    operationsPollMs = Number(parsed.nanoseconds / nanosecondsPerMillisecond);
  }
  return { concurrentBackups, operationsPollMs };
}
