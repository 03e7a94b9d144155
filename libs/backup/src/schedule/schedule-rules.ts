// Velero's schedule controller rules (pkg/controller/schedule_controller.go): validation of the
// cron expression, skipImmediately, when the next backup is due, and the in-flight check that
// keeps two backups of one schedule from overlapping. Pure: times are milliseconds since the epoch.
import { BackupPhase, SchedulePhase, type Backup, type Schedule } from '@ferry/api';
import { kubeTimestamp } from '@ferry/kube-values';
import { parseCronExpression, type CronSchedule } from './cron-schedule';
import { scheduledBackupTime } from './scheduled-backup';

/** Velero's text for an empty `spec.schedule`. */
export const emptyScheduleError = 'Schedule must be a non-empty valid Cron expression';

/** How often Velero re-checks every Schedule (its periodic enqueue); Ferry also requeues at the next run. */
export const scheduleSyncPeriodMs = 60_000;

/** A Schedule's validation: its cron schedule when valid, else the `validationErrors` Velero writes. */
export type ScheduleValidation =
  | { readonly phase: typeof SchedulePhase.Enabled; readonly cron: CronSchedule }
  | { readonly phase: typeof SchedulePhase.FailedValidation; readonly validationErrors: readonly string[] };

/**
 * Validates `spec.schedule` as Velero does: empty → `Schedule must be a non-empty valid Cron
 * expression`; unreadable → `invalid schedule: <robfig's error>`. Velero validates nothing else
 * of a Schedule: its template is validated on each Backup it creates. Pure.
 */
export function validateSchedule(schedule: Schedule): ScheduleValidation {
  const expression = schedule.spec?.schedule ?? '';
  if (expression.length === 0) return { phase: SchedulePhase.FailedValidation, validationErrors: [emptyScheduleError] };
  const parsed = parseCronExpression(expression);
  if (!parsed.ok) return { phase: SchedulePhase.FailedValidation, validationErrors: [`invalid schedule: ${parsed.message}`] };
  return { phase: SchedulePhase.Enabled, cron: parsed.schedule };
}

/** The status and spec fields a reconcile writes before deciding on a backup (Velero's first patch). */
export interface ScheduleStatusUpdate {
  readonly phase: SchedulePhase;
  readonly validationErrors?: readonly string[];
  /** Set when a skip happened now: `status.lastSkipped` (RFC 3339, whole seconds). */
  readonly lastSkipped?: string;
  /** The `spec.skipImmediately` to store: always false after a reconcile, as Velero stores it. */
  readonly skipImmediately: false;
  /** Whether anything differs from the stored Schedule (else no write). */
  readonly changed: boolean;
}

/**
 * What Velero patches on every reconcile of a Schedule that is not paused: `spec.skipImmediately`
 * (unset → the server's `--schedule-skip-immediately`) when true is consumed — set back to false
 * with `status.lastSkipped` = now; the phase and validation errors. Pure.
 */
export function scheduleStatusUpdate(
  schedule: Schedule,
  validation: ScheduleValidation,
  serverSkipImmediately: boolean,
  nowMs: number,
): ScheduleStatusUpdate {
  const stored = schedule.spec?.skipImmediately;
  const skip = stored ?? serverSkipImmediately;
  const validationErrors = validation.phase === SchedulePhase.FailedValidation ? validation.validationErrors : undefined;
  const errorsChanged = JSON.stringify(validationErrors ?? []) !== JSON.stringify(schedule.status?.validationErrors ?? []);
  const changed = skip || stored === undefined || schedule.status?.phase !== validation.phase || errorsChanged;
  return {
    phase: validation.phase,
    ...(validationErrors ? { validationErrors } : {}),
    ...(skip ? { lastSkipped: kubeTimestamp(nowMs) } : {}),
    skipImmediately: false,
    changed,
  };
}

/** When a Schedule's next backup is due, and whether it is due at `nowMs`. */
export interface ScheduleDue {
  readonly due: boolean;
  /** The next run after the last backup or skip; undefined when the expression never matches. */
  readonly nextRunMs?: number;
  /** The last run the decision is based on (ms). */
  readonly lastRunMs: number;
}

const parseTime = (text: string | null | undefined): number | undefined => {
  const ms = text ? Date.parse(text) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
};

/**
 * Velero's getNextRunTime: the last run is `status.lastBackup` (else the Schedule's creation),
 * or `status.lastSkipped` when later; due when `nowMs` is strictly after the cron's next run
 * after it. Ferry also counts the newest of `backups` (this schedule's, named
 * `<schedule>-<yyyyMMddHHmmss>`) as a run, so a restart between creating a Backup and recording
 * `lastBackup` never makes a second backup for the same due time; `createdRunMs` is a run the
 * caller made that its caches may not show yet. Velero runs no missed backups ("no catch up"):
 * one late backup, then the next cron time after it. Pure.
 */
export function scheduleDue(
  schedule: Schedule,
  cron: CronSchedule,
  backups: readonly Backup[],
  nowMs: number,
  createdRunMs?: number,
): ScheduleDue {
  const name = schedule.metadata?.name ?? '';
  const candidates = [
    parseTime(schedule.status?.lastBackup) ?? parseTime(schedule.metadata?.creationTimestamp as string | undefined) ?? 0,
    parseTime(schedule.status?.lastSkipped),
    createdRunMs,
    ...backups.map((backup) => scheduledBackupTime(name, backup.metadata?.name ?? '')),
  ];
  const lastRunMs = Math.max(...candidates.filter((ms): ms is number => ms !== undefined));
  const nextRunMs = cron.next(lastRunMs);
  return { due: nextRunMs !== undefined && nowMs > nextRunMs, lastRunMs, ...(nextRunMs === undefined ? {} : { nextRunMs }) };
}

/**
 * Velero's checkIfBackupInNewOrProgress: a backup of the schedule still New (or without a phase)
 * or InProgress holds the next one back, so scheduled backups never overlap. Pure.
 */
export function backupInFlight(backups: readonly Backup[]): Backup | undefined {
  return backups.find((backup) => {
    const phase = backup.status?.phase;
    return !phase || phase === BackupPhase.New || phase === BackupPhase.InProgress;
  });
}
