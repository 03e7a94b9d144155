// The Finalizing[PartiallyFailed] step (Velero's backup finalizer): the volume operations' final
// state, the volume report sealed by volume-info (it writes `<b>-volumeinfo.json.gz`; until it
// has, the step fails and is retried with backoff), the collection's results and log read back
// from the bucket, every remaining document written, `velero-backup.json` last with the final
// status, the volume step's clean-up, then the final phase — Completed, or PartiallyFailed when
// anything failed. Idempotent: a controller killed half-way writes the same files again and
// reaches the same phase.
import { BackupPhase, type Backup, type BackupStatus } from '@ferry/api';
import { mergeBackupResults, phaseAfterFinalizing, resultCount } from '@ferry/backup';
import { kubeTimestamp } from '@ferry/kube-values';
import { backupRef, type BackupStepContext } from './backup-context';
import { BackupLog } from './backup-log';
import { sealBackupVolumes } from './backup-volume-report';
import { statusUpdate } from './backup-writer';

const finalizing = [BackupPhase.Finalizing, BackupPhase.FinalizingPartiallyFailed];

/** Finishes `backup`. Rejects on API, bucket or seal failures (the reconcile retries with backoff; the phase stays). */
export async function runFinalizingStep(context: BackupStepContext, backup: Backup, signal: AbortSignal): Promise<void> {
  const status = backup.status ?? {};
  const state = await context.volumes.check(backup, signal);
  await sealBackupVolumes(context, backup, state, signal);
  const { files, store, tarballKey } = await context.openFiles(backup);
  try {
    // Before `finish`: the snapshots it removes are read into the tarball first, as Velero's finalizer does.
    const tarball = await context.finalizeTarball(backup, store, tarballKey, signal);
    if (Object.keys(tarball.resourceListAdditions).length > 0) await files.addToResourceList(tarball.resourceListAdditions, signal);
    const collected = await files.readCollection(signal);
    const results = mergeBackupResults(collected.results, state.results);
    const errors = resultCount(results.errors);
    const log = new BackupLog(backupRef(backup), context.now, collected.log);
    log.results(state.results);
    const current = status.phase ?? BackupPhase.Finalizing;
    const phase = errors > 0 ? BackupPhase.PartiallyFailed : phaseAfterFinalizing(current);
    log.info(`Backup finished with phase ${phase}`);
    const final: Partial<BackupStatus> = {
      phase,
      completionTimestamp: kubeTimestamp(context.now()),
      errors,
      warnings: resultCount(results.warnings),
      ...state.counts,
    };
    await files.writeFinal({ results, log: log.text(), volumes: state }, signal);
    await files.writeMetadata({ ...backup, status: { ...status, ...final } }, signal);
    try {
      await context.volumes.finish(backup, signal);
    } catch (error) {
      context.logger.warn({ backup: backupRef(backup), error: (error as Error).message }, 'volume clean-up after the backup failed');
    }
    const { namespace = '', name = '' } = backup.metadata;
    await context.write(namespace, name, statusUpdate(backup.metadata.uid, finalizing, final));
    context.logger.info({ backup: backupRef(backup), phase, errors }, 'backup finished');
  } finally {
    store.close();
  }
}
