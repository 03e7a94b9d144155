// The WaitingForPluginOperations[PartiallyFailed] step (Velero's backup operations controller):
// read the volume operations' state, cancel them when `itemOperationTimeout` (counted from the
// backup's start) has passed, keep the counts and error totals in the status, and move to
// Finalizing[PartiallyFailed] once none is running. Level-based: it reads the state each time.
import { BackupPhase, type Backup, type BackupStatus } from '@ferry/api';
import {
  BackupResultsBuilder,
  effectiveDurations,
  mergeBackupResults,
  operationErrorMessage,
  operationTimedOut,
  operationTimedOutError,
  phaseAfterOperations,
  ResultLevel,
  resultCount,
  type BackupResults,
} from '@ferry/backup';
import type { VolumeOperationsState } from '../volumes/backup-volume-operations';
import { backupRef, type BackupStepContext } from './backup-context';
import { recordBackupVolumes } from './backup-volume-report';
import { statusUpdate } from './backup-writer';

const waiting = [BackupPhase.WaitingForPluginOperations, BackupPhase.WaitingForPluginOperationsPartiallyFailed];

/** The operations that outran the timeout, as Velero records them: one error each. */
function timeoutResults(state: VolumeOperationsState): BackupResults {
  const { backupItemOperationsAttempted, backupItemOperationsCompleted, backupItemOperationsFailed } = state.counts;
  const unfinished = Math.max(1, backupItemOperationsAttempted - backupItemOperationsCompleted - backupItemOperationsFailed);
  const builder = new BackupResultsBuilder();
  for (let i = 0; i < unfinished; i += 1) builder.velero(ResultLevel.Error, operationErrorMessage(operationTimedOutError));
  return builder.build();
}

/**
 * Checks `backup`'s volume operations once and writes what changed. Resolves true when none is
 * running any more (the backup moved on to finalizing), false when it should be checked again.
 * Rejects on API or bucket failures (the reconcile retries with backoff).
 */
export async function runOperationsStep(context: BackupStepContext, backup: Backup, signal: AbortSignal): Promise<boolean> {
  const status = backup.status ?? {};
  let state = await context.volumes.check(backup, signal);
  await recordBackupVolumes(context, backup, state);
  const timeoutMs = effectiveDurations(backup.spec ?? {}).itemOperationTimeout.milliseconds;
  const started = new Date(status.startTimestamp ?? context.now().toISOString());
  const { files, store } = await context.openFiles(backup);
  try {
    let collected = (await files.readCollection(signal)).results;
    if (!state.done && operationTimedOut(started, timeoutMs, context.now())) {
      context.logger.info({ backup: backupRef(backup) }, 'volume operations timed out; cancelling them');
      await context.volumes.cancel(backup, signal);
      collected = mergeBackupResults(collected, timeoutResults(state));
      await files.writeResults(collected, signal);
      state = { ...state, done: true };
    }
    const all = mergeBackupResults(collected, state.results);
    const errors = resultCount(all.errors);
    const phase = phaseAfterOperations(status.phase ?? BackupPhase.WaitingForPluginOperations, {
      newErrors: Math.max(0, errors - (status.errors ?? 0)),
      stillInProgress: !state.done,
    });
    const next: Partial<BackupStatus> = { phase, errors, warnings: resultCount(all.warnings), ...state.counts };
    const changed = Object.entries(next).some(([key, value]) => (status as Record<string, unknown>)[key] !== value);
    if (changed) {
      const { namespace = '', name = '' } = backup.metadata;
      await context.write(namespace, name, statusUpdate(backup.metadata.uid, waiting, next));
    }
    return state.done;
  } finally {
    store.close();
  }
}
