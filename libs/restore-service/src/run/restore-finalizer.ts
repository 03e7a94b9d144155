// Velero's restore finalizer (pkg/controller/restore_finalizer_controller.go execute) for a Restore
// in Finalizing*: the re-provisioned volumes get the backed-up PVs' reclaim policy and labels (its
// errors merged into the stored results), then the restore's volume inputs are collected (best
// effort per object, as Velero), recorded at volume-info and sealed there — volume-info writes
// `<r>-volumeinfo.json.gz`; until it has, the seal is asked again with backoff and the Restore
// stays Finalizing. Everything is read back from the bucket and the cluster, so a restarted
// controller finalizes the same way.
import type { Backup, Restore } from '@ferry/api';
import type { KubeLogger } from '@ferry/kube';
import type { ObjectStore } from '@ferry/object-store';
import { restoredClaimRefs } from '@ferry/restore';
import { sealWithRetry, type VolumeReporter } from '@ferry/volume-info-client';
import { keyedRestoreInputs } from '@ferry/volume-history';
import type { ApiObjectClient } from '../api/api-object-client';
import { readBackupVolumeFiles } from '../store/backup-volume-files';
import { addRestoreErrors, readRestoredResourceList, readRestoreItemOperations } from '../store/restore-files';
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
  /** Records the restore's volumes at volume-info and seals its report. */
  readonly volumeReporter: VolumeReporter;
  /** Called when what finalization waits for changes (`""` when nothing): the Restore's `ferry.io/waiting-for`. */
  readonly onWaiting: (waitingFor: string) => Promise<void>;
  readonly signal: AbortSignal;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The restore's volume inputs collected and sealed at volume-info, again and again until it
 * answers; rejects only when the run is aborted.
 */
async function sealVolumeReport(finalization: RestoreFinalization, collection: VolumeInfoCollection): Promise<void> {
  const { namespace = '', name = '', uid = '' } = finalization.restore.metadata ?? {};
  const answer = await sealWithRetry(
    finalization.volumeReporter,
    { kind: 'restore', namespace, name, uid },
    async () => keyedRestoreInputs(await collectRestoreVolumeInfo(collection)),
    {
      signal: finalization.signal,
      onRetry: (error, delayMs) =>
        finalization.logger.warn(
          { restore: name, error: message(error), retryInMs: delayMs },
          'volume report not sealed yet; asking again',
        ),
    },
  );
  finalization.logger.info({ restore: name, key: answer.key, volumes: answer.volumes }, 'volume report sealed');
}

/** Finalizes the Restore; resolves with the number of errors it added. Rejects when the bucket cannot be read or the run is aborted. */
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
    onWaiting: finalization.onWaiting,
    signal,
  });
  if (errors.length > 0) await addRestoreErrors(store, name, errors, signal);
  await sealVolumeReport(finalization, { api, restore, resourceList, logger: finalization.logger, signal });
  return errors.length;
}
