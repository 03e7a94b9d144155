// Velero's backup metrics (backup_controller.go, backup_finalizer_controller.go) recorded at the one
// place every phase change of a Backup passes: its writer. A write that moves the phase is a fact
// (validated, started, ended); re-running a step (a restart, a second leader) writes no new phase
// and counts nothing twice.
import { BackupPhase, VeleroLabel, type Backup } from '@ferry/api';
import type { BackupEnd, FerryMetrics } from '@ferry/telemetry';
import type { BackupWriter } from './backup-writer';

/** The metrics the Backup controller records (a `ServiceContext`'s `metrics` fits). */
export type BackupMetrics = Pick<
  FerryMetrics,
  'backupAttempted' | 'backupValidationFailed' | 'backupEnded' | 'backupItems' | 'observeBackupCount'
>;

/** One metric fact of a phase change. */
export type BackupMetricEvent =
  | { readonly kind: 'attempted' }
  | { readonly kind: 'validationFailed' }
  | { readonly kind: 'items'; readonly total: number; readonly errors: number }
  | { readonly kind: 'ended'; readonly end: BackupEnd; readonly durationSeconds: number | undefined };

const ends: ReadonlySet<string> = new Set<BackupEnd>([BackupPhase.Completed, BackupPhase.PartiallyFailed, BackupPhase.Failed]);
const unstarted: ReadonlySet<string> = new Set(['', BackupPhase.New]);

/** Seconds from `startTimestamp` to `completionTimestamp`, or undefined when either is missing. */
function durationOf(backup: Backup): number | undefined {
  const { startTimestamp, completionTimestamp } = backup.status ?? {};
  if (!startTimestamp || !completionTimestamp) return undefined;
  return (Date.parse(completionTimestamp) - Date.parse(startTimestamp)) / 1000;
}

/**
 * The facts of a Backup moving from phase `before` to `after` (the stored object), as Velero
 * counts them: New → FailedValidation is a validation failure; New → InProgress an attempt;
 * leaving InProgress sets the items gauges (total collected, errors so far); reaching Completed,
 * PartiallyFailed or Failed ends it, with its duration. No phase change, no facts. Pure.
 */
export function backupMetricEvents(before: string, after: Backup): BackupMetricEvent[] {
  const phase = after.status?.phase ?? '';
  if (phase === before) return [];
  const events: BackupMetricEvent[] = [];
  if (phase === BackupPhase.FailedValidation && unstarted.has(before)) events.push({ kind: 'validationFailed' });
  if (phase === BackupPhase.InProgress && unstarted.has(before)) events.push({ kind: 'attempted' });
  if (before === BackupPhase.InProgress || ends.has(phase)) {
    events.push({ kind: 'items', total: after.status?.progress?.totalItems ?? 0, errors: after.status?.errors ?? 0 });
  }
  if (ends.has(phase) && !ends.has(before)) events.push({ kind: 'ended', end: phase as BackupEnd, durationSeconds: durationOf(after) });
  return events;
}

function record(metrics: BackupMetrics, backup: Backup, events: readonly BackupMetricEvent[]): void {
  const schedule = backup.metadata.labels?.[VeleroLabel.ScheduleName] ?? '';
  for (const event of events) {
    if (event.kind === 'attempted') metrics.backupAttempted(schedule);
    else if (event.kind === 'validationFailed') metrics.backupValidationFailed(schedule);
    else if (event.kind === 'items') metrics.backupItems(schedule, event);
    else metrics.backupEnded(schedule, event.end, event.durationSeconds);
  }
}

/**
 * `writer` with Velero's backup metrics recorded after every stored write that changed the phase
 * (the phase compared is the one `mutate` saw last, after any Conflict retry). Resolves and rejects
 * as `writer` does; a write that was declined or failed records nothing.
 */
export function meteredBackupWriter(writer: BackupWriter, metrics: BackupMetrics): BackupWriter {
  return async (namespace, name, mutate) => {
    let before = '';
    const stored = await writer(namespace, name, (current) => {
      before = current.status?.phase ?? '';
      return mutate(current);
    });
    if (stored) record(metrics, stored, backupMetricEvents(before, stored));
    return stored;
  };
}
