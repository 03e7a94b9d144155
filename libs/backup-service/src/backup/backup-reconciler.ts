// Reconciles one Backup (velero's backup_controller.go, backup_operations_controller.go and
// backup_finalizer_controller.go in one level-based loop): New → validated and prepared
// (FailedValidation or InProgress); InProgress → a collection runs here (started again after a
// restart, never left stuck); WaitingForPluginOperations* → the volume operations are checked
// every poll; Finalizing* → the files are completed and the final phase written. Terminal phases
// are left alone.
import { BackupPhase, type Backup } from '@ferry/api';
import { splitObjectKey, type ReconcileOutcome } from '@ferry/kube';
import { markSpanFailed, objectAttributes, withAnnotatedContext, withObjectSpan, withSpan, withTraceAnnotations } from '@ferry/telemetry';
import type { BackupStepContext } from './backup-context';
import { runCollectionStep } from './backup-collection-step';
import { runFinalizingStep } from './backup-finalizing-step';
import { runOperationsStep } from './backup-operations-step';
import { prepareNewBackup, type PreparationSources } from './backup-preparation';
import type { BackupRuns } from './backup-runs';

/** The collaborators of {@link createBackupReconciler}. */
export interface BackupReconcilerOptions {
  readonly context: BackupStepContext;
  readonly preparation: PreparationSources;
  /** The cached Backups (an informer fits). */
  readonly backups: { get(namespace: string, name: string): Backup | undefined };
  readonly runs: BackupRuns;
  /** Queues `key` again (a collection that ended hands its backup back to the loop). */
  readonly requeue: (key: string) => void;
  /** Delay between checks of running volume operations. */
  readonly operationsPollMs: number;
  /** Delay before a backup waiting for a free collection slot is looked at again. */
  readonly waitForRoomMs?: number;
}

// --- tracing: one trace per Backup ---
const traced = (backup: Backup) => ({ attributes: objectAttributes('backup', backup.metadata) });

/** The prepared Backup; a FailedValidation one marks the validation span failed with its errors. */
async function validated(sources: PreparationSources, backup: Backup): Promise<Backup> {
  const prepared = await prepareNewBackup(sources, backup);
  if (prepared.status?.phase === BackupPhase.FailedValidation)
    markSpanFailed((prepared.status.validationErrors ?? []).join('; '), BackupPhase.FailedValidation);
  return prepared;
}
// --- end tracing ---

/** The reconcile function of the Backup controller (keys `namespace/name`). */
export function createBackupReconciler(
  options: BackupReconcilerOptions,
): (key: string, signal: AbortSignal) => Promise<ReconcileOutcome | void> {
  const { context, runs } = options;
  const waitForRoom = { requeueAfterMs: options.waitForRoomMs ?? 1000 };
  /** Starts the collection, or asks to come back when another backup took the last slot meanwhile. */
  const startCollection = (key: string, backup: Backup): ReconcileOutcome | undefined => {
    const started = runs.start(
      key,
      (signal) =>
        withObjectSpan('backup.collect', backup.metadata.annotations, () => runCollectionStep(context, backup, signal), traced(backup)),
      () => options.requeue(key),
    );
    return started ? undefined : waitForRoom;
  };

  return async (key, signal) => {
    const { namespace = '', name } = splitObjectKey(key);
    const backup = options.backups.get(namespace, name);
    if (!backup || runs.has(key) || backup.metadata.deletionTimestamp) return;
    switch (backup.status?.phase ?? '') {
      case '':
      case BackupPhase.New: {
        if (!runs.hasRoom()) return waitForRoom;
        // The Backup's trace starts here; its context is stored with the prepared Backup.
        return withObjectSpan(
          'backup',
          backup.metadata.annotations,
          async () => {
            // Stored with the root span's context, so every later step joins the Backup's trace.
            const prepared = withTraceAnnotations(
              await withSpan('backup.validate', () => validated(options.preparation, backup), traced(backup)),
            );
            const stored = await context.write(namespace, name, (current) =>
              // Only the Backup that was prepared: one changed meanwhile is prepared again on its own event.
              current.metadata.resourceVersion === backup.metadata.resourceVersion ? prepared : undefined,
            );
            return stored?.status?.phase === BackupPhase.InProgress ? startCollection(key, stored) : undefined;
          },
          traced(backup),
        );
      }
      case BackupPhase.InProgress: {
        if (!runs.hasRoom()) return waitForRoom;
        // The cache may not have seen the phase a collection that just ended here wrote: only the
        // API server's answer tells a Backup whose collection died (restart, new leader) from it.
        const current = await context.read(namespace, name);
        if (current?.status?.phase !== BackupPhase.InProgress || current.metadata.uid !== backup.metadata.uid) return;
        context.logger.info({ backup: key }, 'backup InProgress without a running collection (restart or new leader): collecting again');
        return startCollection(key, current);
      }
      case BackupPhase.WaitingForPluginOperations:
      case BackupPhase.WaitingForPluginOperationsPartiallyFailed:
        // Polled: in the Backup's trace (its log lines name it) without a span per poll.
        return (await withAnnotatedContext(backup.metadata.annotations, () => runOperationsStep(context, backup, signal)))
          ? undefined
          : { requeueAfterMs: options.operationsPollMs };
      case BackupPhase.Finalizing:
      case BackupPhase.FinalizingPartiallyFailed:
        await withObjectSpan(
          'backup.finalize',
          backup.metadata.annotations,
          () => runFinalizingStep(context, backup, signal),
          traced(backup),
        );
        return;
      default:
        return;
    }
  };
}
