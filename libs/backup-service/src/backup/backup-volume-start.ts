// Starting a Backup's volume operations after its items were collected. The volume step is
// idempotent, so a failed start is retried a few times; when it keeps failing the backup goes on
// without volume operations and the failure is one of its errors (PartiallyFailed, never silent).
import type { Backup } from '@ferry/api';
import { BackupResultsBuilder, ResultLevel } from '@ferry/backup';
import { sleepUnlessAborted } from '@ferry/kube';
import type { ResourceBackupResult } from '@ferry/resource-backup';
import type { VolumeOperationsState } from '../volumes/backup-volume-operations';
import type { BackupStepContext } from './backup-context';
import type { BackupLog } from './backup-log';

const attempts = 3;
const retryDelayMs = 2000;

/** No operations, counted zero, with `message` as the one error. */
function failedStart(message: string): VolumeOperationsState {
  return {
    counts: {
      backupItemOperationsAttempted: 0,
      backupItemOperationsCompleted: 0,
      backupItemOperationsFailed: 0,
      csiVolumeSnapshotsAttempted: 0,
      csiVolumeSnapshotsCompleted: 0,
    },
    done: true,
    results: new BackupResultsBuilder().velero(ResultLevel.Error, message).build(),
    volumeInfo: [],
    podVolumeBackups: [],
    itemOperations: [],
  };
}

/** Starts the volume operations of the backed-up pods and claims; see the file comment for failures. Rejects only on abort. */
export async function startVolumes(
  context: BackupStepContext,
  backup: Backup,
  collected: ResourceBackupResult,
  log: BackupLog,
  signal: AbortSignal,
): Promise<VolumeOperationsState> {
  let lastError = '';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const state = await context.volumes.start(
        backup,
        { pods: collected.pods, persistentVolumeClaims: collected.persistentVolumeClaims },
        signal,
      );
      log.info(`Started ${state.counts.backupItemOperationsAttempted} volume operations`);
      return state;
    } catch (error) {
      if (signal.aborted) throw error;
      lastError = (error as Error).message;
      log.info(`error starting volume operations (attempt ${attempt} of ${attempts}): ${lastError}`);
      if (attempt < attempts) await sleepUnlessAborted(retryDelayMs, signal);
    }
  }
  return failedStart(`error starting volume operations: ${lastError}`);
}
