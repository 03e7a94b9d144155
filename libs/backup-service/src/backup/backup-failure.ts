// Ending a Backup as Failed with its reason (Velero's `status.failureReason`): the log and, when the
// bucket could be opened, `velero-backup.json` are stored as Velero stores a failed backup's files.
import { BackupPhase, type Backup, type BackupStatus } from '@ferry/api';
import { kubeTimestamp } from '@ferry/kube-values';
import { markSpanFailed } from '@ferry/telemetry';
import type { BackupFiles } from '../storage/backup-files';
import { backupRef, type BackupStepContext } from './backup-context';
import type { BackupLog } from './backup-log';
import { statusUpdate } from './backup-writer';

/** Why and what to store. */
export interface BackupFailure {
  readonly reason: string;
  readonly log: BackupLog;
  /** The opened bucket; absent when it could not be opened or must not be written (a backup of that name exists). */
  readonly files?: BackupFiles;
}

const running = [
  BackupPhase.InProgress,
  BackupPhase.WaitingForPluginOperations,
  BackupPhase.WaitingForPluginOperationsPartiallyFailed,
  BackupPhase.Finalizing,
  BackupPhase.FinalizingPartiallyFailed,
];

/**
 * Moves `backup` to Failed with `failure.reason` and a completion time. The bucket writes are
 * best effort (a store that failed the backup may fail them too); the status write is not:
 * it rejects when the Backup cannot be written, so the next leader retries.
 */
export async function failBackup(context: BackupStepContext, backup: Backup, failure: BackupFailure): Promise<void> {
  failure.log.error(failure.reason);
  markSpanFailed(failure.reason, BackupPhase.Failed);
  const status: Partial<BackupStatus> = {
    phase: BackupPhase.Failed,
    failureReason: failure.reason,
    completionTimestamp: kubeTimestamp(context.now()),
  };
  if (failure.files) {
    try {
      await failure.files.writeLog(failure.log.text());
      await failure.files.writeMetadata({ ...backup, status: { ...backup.status, ...status } });
    } catch (error) {
      context.logger.warn({ backup: backupRef(backup), error: (error as Error).message }, 'files of the failed backup not stored');
    }
  }
  const { namespace = '', name = '' } = backup.metadata;
  await context.write(namespace, name, statusUpdate(backup.metadata.uid, running, status));
  context.logger.info({ backup: backupRef(backup), reason: failure.reason }, 'backup failed');
}
