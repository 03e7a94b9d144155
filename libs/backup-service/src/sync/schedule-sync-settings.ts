// Settings of the Schedule and backup sync services, from the controller's environment: Velero's
// server flags `--schedule-skip-immediately` and `--backup-sync-period`.
import { goDurationVariable } from '@ferry/data-movement';
import { ScheduleSyncError, ScheduleSyncErrorCode } from '../errors';
import { defaultBackupSyncPeriodMs } from './backup-sync-rules';

/** What {@link readScheduleSyncSettings} reads. */
export interface ScheduleSyncSettings {
  /** `FERRY_SCHEDULE_SKIP_IMMEDIATELY`: skipImmediately of Schedules that leave it unset (default false). */
  readonly skipImmediately: boolean;
  /** `FERRY_BACKUP_SYNC_PERIOD`: sync period of locations without `spec.backupSyncPeriod` (default 1 m). */
  readonly defaultSyncPeriodMs: number;
}

/** Go's strconv.ParseBool spellings, as Velero's flag accepts them. */
const goBooleans: Readonly<Record<string, boolean>> = {
  '1': true,
  t: true,
  T: true,
  true: true,
  TRUE: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  false: false,
  FALSE: false,
  False: false,
};

/**
 * Reads `FERRY_SCHEDULE_SKIP_IMMEDIATELY` (a Go boolean: true/false, 1/0, t/f; unset = false) and
 * `FERRY_BACKUP_SYNC_PERIOD` (a positive Go duration such as `30s`; unset = 1 m). Pure. Throws a
 * {@link ScheduleSyncError} `SCHEDULE_SYNC_INVALID_SETTINGS` naming the variable and the accepted form.
 */
export function readScheduleSyncSettings(env: Readonly<Record<string, string | undefined>>): ScheduleSyncSettings {
  const skipText = env['FERRY_SCHEDULE_SKIP_IMMEDIATELY']?.trim();
  const skipImmediately = skipText ? goBooleans[skipText] : false;
  if (skipImmediately === undefined) {
    throw new ScheduleSyncError(
      ScheduleSyncErrorCode.InvalidSettings,
      `FERRY_SCHEDULE_SKIP_IMMEDIATELY=${JSON.stringify(skipText)} is not a boolean: use true or false`,
    );
  }
  try {
    return { skipImmediately, defaultSyncPeriodMs: goDurationVariable(env, 'FERRY_BACKUP_SYNC_PERIOD', defaultBackupSyncPeriodMs) };
  } catch (cause) {
    throw new ScheduleSyncError(ScheduleSyncErrorCode.InvalidSettings, (cause as Error).message, { cause });
  }
}
