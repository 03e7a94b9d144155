// The InProgress step of a Backup (Velero's `runBackup`): open the location's bucket, refuse a name
// already complete there, collect the resources into the tarball with progress patched at most
// once a second, start the volume operations, store the collection's documents, then move to
// WaitingForPluginOperations[PartiallyFailed], Finalizing[PartiallyFailed] or Failed. Re-running
// it after a crash starts the collection over: the tarball upload is atomic and every volume call
// is idempotent, so a restarted controller resumes instead of failing the backup.
import { BackupPhase, type Backup, type BackupStatus } from '@ferry/api';
import {
  emptyBackupResult,
  mergeBackupResults,
  phaseAfterCollection,
  ProgressThrottle,
  resultCount,
  specHookWarnings,
  type BackupProgress,
  type BackupResults,
} from '@ferry/backup';
import type { ResourceBackupResult } from '@ferry/resource-backup';
import { withSpan } from '@ferry/telemetry';
import { backupRef, type BackupStepContext } from './backup-context';
import { BackupLog } from './backup-log';
import { failBackup } from './backup-failure';
import { startVolumes } from './backup-volume-start';
import { statusUpdate } from './backup-writer';

/** Velero's failure text when the bucket already holds a complete backup of that name. */
export const backupExistsMessage = 'backup already exists in object storage';

const inProgress = [BackupPhase.InProgress];

/** Patches `status.progress` through a throttle: at most one write in flight, at most one a second. */
function progressWriter(context: BackupStepContext, backup: Backup): { offer(progress: BackupProgress): void; flush(): Promise<void> } {
  const throttle = new ProgressThrottle();
  let writing: Promise<unknown> = Promise.resolve();
  const send = (progress: BackupProgress | undefined): void => {
    if (!progress) return;
    const { namespace = '', name = '' } = backup.metadata;
    writing = writing
      .then(() => context.write(namespace, name, statusUpdate(backup.metadata.uid, inProgress, { progress: { ...progress } })))
      .catch((error: unknown) =>
        context.logger.warn({ backup: backupRef(backup), error: (error as Error).message }, 'progress not written'),
      );
  };
  return {
    offer: (progress) => send(throttle.offer(progress, context.now().getTime())),
    flush: async () => {
      send(throttle.flush(context.now().getTime()));
      await writing;
    },
  };
}

function collectionResults(backup: Backup, collected: ResourceBackupResult): BackupResults {
  const hookWarnings = specHookWarnings(backup.spec ?? {});
  const hooks: BackupResults = { errors: emptyBackupResult, warnings: { ...emptyBackupResult, velero: hookWarnings } };
  return mergeBackupResults(hooks, collected.results);
}

/**
 * Runs the InProgress step of `backup` (prepared, InProgress, `metadata.uid` set) to its next
 * phase. Never rejects for a backup problem — those end in the status; rejects only when the
 * status cannot be written (e.g. leadership lost), leaving the backup InProgress for the next leader.
 */
export async function runCollectionStep(context: BackupStepContext, backup: Backup, signal: AbortSignal): Promise<void> {
  const log = new BackupLog(backupRef(backup), context.now);
  log.info('Setting up backup log');
  let opened;
  try {
    opened = await context.openFiles(backup);
  } catch (error) {
    return failBackup(context, backup, { reason: (error as Error).message, log });
  }
  const { files, store, tarballKey } = opened;
  try {
    if (await files.metadataExists(signal)) return await failBackup(context, backup, { reason: backupExistsMessage, log });
    const policies = await context.loadPolicies(backup);
    const progress = progressWriter(context, backup);
    log.info('Backing up items');
    let collected: ResourceBackupResult;
    try {
      collected = await withSpan('backup.tarball', async (span) => {
        const result = await context.resourceBackup({
          backup,
          resourcePolicies: policies.policies,
          store,
          tarballKey,
          onProgress: (p) => progress.offer(p),
          signal,
        });
        span.setAttributes({ 'velero.items.backed_up': result.progress.itemsBackedUp, 'ferry.tarball.bytes': result.tarballBytes });
        return result;
      });
    } catch (error) {
      await progress.flush();
      if (signal.aborted) throw error;
      return await failBackup(context, backup, { reason: `error backing up items: ${(error as Error).message}`, log, files });
    }
    await progress.flush();
    log.info(`Backed up a total of ${collected.progress.itemsBackedUp} items`, { tarballBytes: collected.tarballBytes });
    const results = collectionResults(backup, collected);
    log.results(results);
    const volumes = await withSpan('backup.volumes', () => startVolumes(context, backup, collected, log, signal));
    await withSpan('backup.upload-files', () =>
      files.writeCollection({ resourceList: collected.resourceList, results, log: log.text() }, signal),
    );
    const all = mergeBackupResults(results, volumes.results);
    const errors = resultCount(all.errors);
    const phase = phaseAfterCollection({ fatal: false, errors, operationsInProgress: !volumes.done });
    const status: Partial<BackupStatus> = {
      phase,
      progress: { totalItems: collected.progress.totalItems, itemsBackedUp: collected.progress.itemsBackedUp },
      errors,
      warnings: resultCount(all.warnings),
      ...volumes.counts,
    };
    const { namespace = '', name = '' } = backup.metadata;
    await context.write(namespace, name, statusUpdate(backup.metadata.uid, inProgress, status));
    context.logger.info({ backup: backupRef(backup), phase, items: collected.progress.itemsBackedUp }, 'backup items collected');
  } finally {
    store.close();
  }
}
