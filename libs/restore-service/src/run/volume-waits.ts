// Waiting for a Restore's volume transfers, found by the restore UID label so a resumed restore
// waits for what an interrupted run started: PodVolumeRestores before the restore leaves
// InProgress (velero podvolume restorer: their failures are restore errors), DataDownloads as the
// async operations of WaitingForPluginOperations (velero restore_operations_controller.go: each
// judged by the CSI PVC restorer's Progress, failed past itemOperationTimeout). While it waits, the
// Restore's `ferry.io/waiting-for` annotation says for what — Velero's users see only the counts.
import type { DataDownload, PodVolumeRestore, Restore } from '@ferry/api';
import { VeleroLabel } from '@ferry/api';
import { sleepUnlessAborted } from '@ferry/kube';
import { dataDownloadOperation, restoreOperationCounts, type RestoreOperation } from '@ferry/restore';
import type { ApiObjectClient } from '../api/api-object-client';
import { restoreApiResources } from '../api/api-resources';

const { dataDownloads, podVolumeRestores } = restoreApiResources;

/** Ferry's Restore annotation naming what a restore whose items are done still waits for. */
export const waitingForAnnotation = 'ferry.io/waiting-for';

const terminalPhases: readonly string[] = ['Completed', 'Failed', 'Canceled'];

/** What a wait needs. */
export interface VolumeWaitOptions {
  readonly api: ApiObjectClient;
  readonly restore: Restore;
  readonly pollMs: number;
  /** Called when what the restore waits for changes (`""` when nothing). */
  readonly onWaiting: (waitingFor: string) => Promise<void>;
  readonly now: () => Date;
  readonly signal: AbortSignal;
}

const selectorOf = (restore: Restore) => `${VeleroLabel.RestoreUid}=${restore.metadata?.uid ?? ''}`;

/** A plural-aware count: `1 PodVolumeRestore`, `2 DataDownloads`. Pure. */
export const countOf = (count: number, kind: string): string => `${count} ${kind}${count === 1 ? '' : 's'}`;

/**
 * Waits until every PodVolumeRestore of the restore ended or `timeoutMs` passed. Resolves with the
 * restore errors in Velero's words (failed, canceled, timed out).
 */
export async function waitForPodVolumeRestores(options: VolumeWaitOptions, timeoutMs: number): Promise<string[]> {
  const deadline = options.now().getTime() + timeoutMs;
  let reported = '';
  for (;;) {
    const found = (await options.api.list(
      podVolumeRestores,
      options.restore.metadata?.namespace ?? '',
      selectorOf(options.restore),
      options.signal,
    )) as PodVolumeRestore[];
    const running = found.filter((restore) => !terminalPhases.includes(restore.status?.phase ?? ''));
    const waitingFor = running.length > 0 ? `${countOf(running.length, 'PodVolumeRestore')} (fs-backup data) of ${found.length}` : '';
    if (waitingFor !== reported) await options.onWaiting((reported = waitingFor));
    if (running.length === 0)
      return found.flatMap((restore) =>
        restore.status?.phase === 'Failed'
          ? [`pod volume restore failed: ${restore.status.message ?? ''}`]
          : restore.status?.phase === 'Canceled'
            ? [`pod volume restore canceled: ${restore.status.message ?? ''}`]
            : [],
      );
    if (options.now().getTime() >= deadline) return ['timed out waiting for all PodVolumeRestores to complete'];
    await sleepUnlessAborted(options.pollMs, options.signal);
  }
}

/** Lists the restore's DataDownloads and judges each as an operation at `now`. */
export async function dataDownloadOperations(options: VolumeWaitOptions, itemOperationTimeoutMs: number): Promise<RestoreOperation[]> {
  const found = (await options.api.list(
    dataDownloads,
    options.restore.metadata?.namespace ?? '',
    selectorOf(options.restore),
    options.signal,
  )) as DataDownload[];
  return found.map((download) => dataDownloadOperation(options.restore, download, { now: options.now(), itemOperationTimeoutMs }));
}

/** Waits until no DataDownload operation of the restore still runs; resolves with the final operations. */
export async function waitForDataDownloads(options: VolumeWaitOptions, itemOperationTimeoutMs: number): Promise<RestoreOperation[]> {
  let reported = '';
  for (;;) {
    const operations = await dataDownloadOperations(options, itemOperationTimeoutMs);
    const { running, attempted } = restoreOperationCounts(operations);
    const waitingFor = running > 0 ? `${countOf(running, 'DataDownload')} (data movement) of ${attempted}` : '';
    if (waitingFor !== reported) await options.onWaiting((reported = waitingFor));
    if (running === 0) return operations;
    await sleepUnlessAborted(options.pollMs, options.signal);
  }
}

/** The restore errors of failed operations, as Velero's operations controller records them. Pure. */
export function failedOperationErrors(operations: readonly RestoreOperation[]): string[] {
  return operations
    .filter((operation) => operation.status.phase === 'Failed')
    .map(
      (operation) =>
        `Operation for ${operation.spec.resourceIdentifier.Resource} ${operation.spec.resourceIdentifier.Namespace}/${operation.spec.resourceIdentifier.Name} failed: ${operation.status.error ?? ''}`,
    );
}
