// Reconciles one Backup (velero's backup_controller.go, backup_operations_controller.go and
// backup_finalizer_controller.go in one level-based loop): New → validated and prepared
// (FailedValidation or InProgress); InProgress → a collection runs here (started again after a
// restart, never left stuck); WaitingForPluginOperations* → the volume operations are checked
// every poll; Finalizing* → the files are completed and the final phase written. Terminal phases
// are left alone.
import { BackupPhase, type Backup } from '@ferry/api';
import { splitObjectKey, type ReconcileOutcome } from '@ferry/kube';
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
      (signal) => runCollectionStep(context, backup, signal),
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
        const prepared = await prepareNewBackup(options.preparation, backup);
        const stored = await context.write(namespace, name, (current) =>
          // Only the Backup that was prepared: one changed meanwhile is prepared again on its own event.
          current.metadata.resourceVersion === backup.metadata.resourceVersion ? prepared : undefined,
        );
        return stored?.status?.phase === BackupPhase.InProgress ? startCollection(key, stored) : undefined;
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
        return (await runOperationsStep(context, backup, signal)) ? undefined : { requeueAfterMs: options.operationsPollMs };
      case BackupPhase.Finalizing:
      case BackupPhase.FinalizingPartiallyFailed:
        await runFinalizingStep(context, backup, signal);
        return;
      default:
        return;
    }
  };
}
