// Reconciles one Schedule (velero's pkg/controller/schedule_controller.go): a paused Schedule is
// left alone; otherwise the cron expression is validated (phase Enabled or FailedValidation with
// Velero's validationErrors), skipImmediately is consumed into lastSkipped, and when a run is due
// and no backup of the Schedule is still New or InProgress, the Backup is created and
// status.lastBackup recorded. Level-based: the due time comes from lastBackup, lastSkipped and
// the Schedule's existing Backups, so a restart or a repeated reconcile never makes a second
// Backup for one due time. It asks to be requeued at the next run (at most a minute away, as
// Velero's periodic enqueue).
import { SchedulePhase, type Backup, type Schedule } from '@ferry/api';
import {
  backupFromSchedule,
  backupInFlight,
  scheduleDue,
  scheduledBackupTime,
  scheduleStatusUpdate,
  scheduleSyncPeriodMs,
  validateSchedule,
  type ScheduleStatusUpdate,
} from '@ferry/backup';
import { splitObjectKey, type KubeLogger, type ReconcileOutcome } from '@ferry/kube';
import { kubeTimestamp } from '@ferry/kube-values';

/** The cached Schedules and the Backups each one created (informers fit). */
export interface ScheduleCache {
  getSchedule(namespace: string, name: string): Schedule | undefined;
  /** The Backups labelled `velero.io/schedule-name=<schedule>` in `namespace`. */
  backupsOf(namespace: string, schedule: string): Backup[];
}

/**
 * Writes one Schedule: `mutate` gets the current object (read fresh) and returns the object to
 * store, or undefined to leave it. Retries on Conflict with a fresh read.
 */
export type ScheduleWriter = (namespace: string, name: string, mutate: (current: Schedule) => Schedule | undefined) => Promise<void>;

/** Creates a Backup; a Backup already holding the name counts as created (a repeated attempt). */
export type ScheduledBackupCreator = (backup: Backup) => Promise<void>;

/** The collaborators of {@link createScheduleReconciler}. */
export interface ScheduleReconcilerOptions {
  readonly cache: ScheduleCache;
  readonly write: ScheduleWriter;
  readonly createBackup: ScheduledBackupCreator;
  readonly now: () => number;
  readonly logger: KubeLogger;
  /** Velero's `--schedule-skip-immediately`: skipImmediately of Schedules that leave it unset. */
  readonly skipImmediately: boolean;
}

/** `current` with the fields of `update` (and `lastBackup`, when given) applied. */
function withStatus(current: Schedule, update: ScheduleStatusUpdate, lastBackup?: string): Schedule {
  const status = { ...current.status, phase: update.phase };
  if (update.validationErrors) status.validationErrors = [...update.validationErrors];
  else delete status.validationErrors;
  if (update.lastSkipped) status.lastSkipped = update.lastSkipped;
  if (lastBackup) status.lastBackup = lastBackup;
  const spec = current.spec ? { ...current.spec, skipImmediately: update.skipImmediately } : current.spec;
  return { ...current, ...(spec ? { spec } : {}), status };
}

/** `current` with `status.lastBackup` set (undefined when it already is). */
function withLastBackup(current: Schedule, lastBackup: string): Schedule | undefined {
  if (current.status?.lastBackup === lastBackup) return undefined;
  return { ...current, status: { ...current.status, lastBackup } };
}

/** The time (ms) of the newest of `backups` named as a run of `schedule`. */
function newestRunMs(schedule: string, backups: readonly Backup[]): number | undefined {
  const times = backups.map((backup) => scheduledBackupTime(schedule, backup.metadata?.name ?? '')).filter((ms) => ms !== undefined);
  return times.length ? Math.max(...times) : undefined;
}

/** The reconcile function of the Schedule controller (keys `namespace/name`). */
export function createScheduleReconciler(options: ScheduleReconcilerOptions): (key: string) => Promise<ReconcileOutcome | void> {
  const { cache, write, logger } = options;
  // The run each Schedule made last in this process: the informers may not show its Backup and
  // lastBackup yet when the next reconcile of the same Schedule runs.
  const createdRuns = new Map<string, number>();
  return async (key) => {
    const { namespace = '', name } = splitObjectKey(key);
    const stored = cache.getSchedule(namespace, name);
    if (!stored) {
      createdRuns.delete(key);
      return;
    }
    // Velero's predicate drops every event of a paused Schedule: its phase stays as it was.
    if (stored.spec?.paused) return;
    const validation = validateSchedule(stored);
    const update = scheduleStatusUpdate(stored, validation, options.skipImmediately, options.now());
    if (update.changed) {
      await write(namespace, name, (current) => withStatus(current, update));
      logger.info({ schedule: key, phase: update.phase, lastSkipped: update.lastSkipped }, 'Schedule status updated');
    }
    if (validation.phase !== SchedulePhase.Enabled) return;

    const schedule = withStatus(stored, update);
    const backups = cache.backupsOf(namespace, name);
    const now = options.now();
    const due = scheduleDue(schedule, validation.cron, backups, now, createdRuns.get(key));
    const blocking = due.due ? backupInFlight(backups) : undefined;
    if (due.due && !blocking) {
      const backup = backupFromSchedule(schedule, now);
      await options.createBackup(backup);
      createdRuns.set(key, now);
      await write(namespace, name, (current) => withLastBackup(current, kubeTimestamp(new Date(now))));
      logger.info({ schedule: key, backup: backup.metadata?.name }, 'Schedule is due: created its Backup');
      return requeue(validation.cron.next(now), now);
    }
    if (blocking)
      logger.debug({ schedule: key, backup: blocking.metadata?.name }, 'Schedule is due but a backup of it is still New or InProgress');
    await recordNewestRun(schedule, backups, (lastBackup) => write(namespace, name, (current) => withLastBackup(current, lastBackup)));
    return requeue(due.nextRunMs, now);
  };
}

/** After a restart between creating a Backup and recording it: `lastBackup` catches up with the newest run. */
async function recordNewestRun(
  schedule: Schedule,
  backups: readonly Backup[],
  record: (lastBackup: string) => Promise<void>,
): Promise<void> {
  const newest = newestRunMs(schedule.metadata?.name ?? '', backups);
  const recorded = schedule.status?.lastBackup ? Date.parse(schedule.status.lastBackup) : Number.NaN;
  if (newest !== undefined && !(recorded >= newest)) await record(kubeTimestamp(new Date(newest)));
}

/** Requeue just after `nextRunMs` (due means strictly after it), at most a sync period away. */
function requeue(nextRunMs: number | undefined, now: number): ReconcileOutcome {
  const untilNext = nextRunMs === undefined ? scheduleSyncPeriodMs : nextRunMs - now + 1;
  return { requeueAfterMs: Math.max(1, Math.min(scheduleSyncPeriodMs, untilNext)) };
}
