// A Backup's volume report lives in the volume-info service: while the volume operations run, the
// controller records what it knows of each volume (its part of the document: snapshot, DataUpload
// or PodVolumeBackup facts, skip reasons); at Finalizing it records the final state and asks
// volume-info to seal — generate `<b>-volumeinfo.json.gz` from those records and write it. The
// controller writes no volume document itself.
import type { Backup } from '@ferry/api';
import type { VolumeReportTarget } from '@ferry/volume-info-client';
import { keyedBackupInputs } from '@ferry/volume-history';
import type { VolumeOperationsState } from '../volumes/backup-volume-operations';
import { backupRef, type BackupStepContext } from './backup-context';

/** The report target of `backup`. Pure. */
export function backupReportTarget(backup: Backup): VolumeReportTarget {
  const { namespace = '', name = '', uid = '' } = backup.metadata;
  return { kind: 'backup', namespace, name, uid };
}

/**
 * Records the volumes as `state` has them (only what changed since this process last recorded).
 * Never rejects: records of a running backup are informative (the seal sends them all again), so a
 * failure is logged.
 */
export async function recordBackupVolumes(context: BackupStepContext, backup: Backup, state: VolumeOperationsState): Promise<void> {
  try {
    await context.volumeReporter.record(backupReportTarget(backup), keyedBackupInputs(state.volumeInfo));
  } catch (error) {
    context.logger.warn(
      { backup: backupRef(backup), error: (error as Error).message },
      'volume records not stored; sent again at Finalizing',
    );
  }
}

/**
 * Records the final volumes and has volume-info seal the report; resolves once the document is in
 * the bucket. Rejects when volume-info does not seal it (down, restarting): the reconcile retries
 * with backoff and the Backup stays Finalizing — no completed backup without its report.
 */
export async function sealBackupVolumes(
  context: BackupStepContext,
  backup: Backup,
  state: VolumeOperationsState,
  signal: AbortSignal,
): Promise<void> {
  const answer = await context.volumeReporter.seal(backupReportTarget(backup), keyedBackupInputs(state.volumeInfo), signal);
  context.logger.info({ backup: backupRef(backup), key: answer.key, volumes: answer.volumes }, 'volume report sealed');
}
