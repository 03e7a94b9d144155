// Velero's restore finalizer (pkg/controller/restore_finalizer_controller.go execute) for a Restore
// in Finalizing*: the re-provisioned volumes get the backed-up PVs' reclaim policy and labels (its
// errors merged into the stored results), then the restore volume info is collected and written
// (best effort). Everything is read back from the bucket and the cluster, so a restarted controller
// finalizes the same way.
import type { Backup, Restore } from '@ferry/api';
import type { KubeLogger } from '@ferry/kube';
import type { ObjectStore } from '@ferry/object-store';
import { restoredClaimRefs, restoreVolumeInfos } from '@ferry/restore';
import type { ApiObjectClient } from '../api/api-object-client';
import { readBackupVolumeFiles } from '../store/backup-volume-files';
import { addRestoreErrors, putRestoreVolumeInfo, readRestoredResourceList, readRestoreItemOperations } from '../store/restore-files';
import { patchDynamicVolumes } from './dynamic-volume-patcher';
import { collectRestoreVolumeInfo, type VolumeInfoCollection } from './restore-volume-info-collector';

/** What finalization works with. */
export interface RestoreFinalization {
  readonly api: ApiObjectClient;
  readonly store: ObjectStore;
  readonly restore: Restore;
  readonly backup: Backup;
  readonly logger: KubeLogger;
  readonly pollMs: number;
  /** Velero's `--resource-timeout`: how long a re-provisioned claim may take to bind. */
  readonly resourceTimeoutMs: number;
  readonly now: () => Date;
  readonly signal: AbortSignal;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The restore volume info collected and written; failures are logged, never restore errors. */
async function writeVolumeInfo(finalization: RestoreFinalization, collection: VolumeInfoCollection): Promise<void> {
  const name = finalization.restore.metadata?.name ?? '';
  try {
    const infos = restoreVolumeInfos(await collectRestoreVolumeInfo(collection));
    const failure = await putRestoreVolumeInfo(finalization.store, name, infos, finalization.signal);
    if (failure) finalization.logger.error({ restore: name }, failure);
  } catch (error) {
    if (finalization.signal.aborted) throw error;
    finalization.logger.error({ restore: name, error: message(error) }, 'error collecting the restore volume info');
  }
}

/** Finalizes the Restore; resolves with the number of errors it added. Rejects when the bucket cannot be read. */
export async function finalizeRestore(finalization: RestoreFinalization): Promise<number> {
  const { api, store, restore, signal } = finalization;
  const name = restore.metadata?.name ?? '';
  const resourceList = await readRestoredResourceList(store, name, signal);
  const files = await readBackupVolumeFiles(store, finalization.backup.metadata?.name ?? '', signal);
  const errors = await patchDynamicVolumes({
    api,
    restore,
    volumeInfos: files.volumeInfos ?? [],
    restoredClaims: restoredClaimRefs(resourceList),
    operations: await readRestoreItemOperations(store, name, signal),
    pollMs: finalization.pollMs,
    timeoutMs: finalization.resourceTimeoutMs,
    now: finalization.now,
    log: (line) => finalization.logger.info({ restore: name }, line),
    signal,
  });
  if (errors.length > 0) await addRestoreErrors(store, name, errors, signal);
  await writeVolumeInfo(finalization, { api, restore, resourceList, logger: finalization.logger, signal });
  return errors.length;
}
