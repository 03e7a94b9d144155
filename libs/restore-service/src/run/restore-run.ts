// One restore run, start to end (velero pkg/controller/restore_controller.go runValidatedRestore
// and pkg/restore/restore.go execute): the tarball spooled from the bucket, discovery, the
// version choice, the CRD pass (no progress), discovery again, the ordered main pass with
// progress, the final progress, the DataUploadResult ConfigMaps removed, the pod volume restores
// waited for; the caller writes the files and the phase, and waits for the DataDownloads.
import type { Backup, Restore } from '@ferry/api';
import { BackupResultsBuilder, buildResourceCatalog, type BackupResults } from '@ferry/backup';
import type { ObjectStore } from '@ferry/object-store';
import type { ApiRequester } from '@ferry/kube';
import { discoverApiGroups } from '@ferry/resource-backup';

import {
  RestoredItems,
  finalRestoreProgress,
  restoreHooksFromSpec,
  restoreSelectionOf,
  type RestoreOperation,
  type RestorePriorities,
  type RestoreProgress,
} from '@ferry/restore';
import { backupFileKeys } from '@ferry/storage-location';
import type { ResourceModifiers } from '@ferry/resource-modifiers';
import type { ResourcePolicies } from '@ferry/volume-policy';
import { createApiObjectClient } from '../api/api-object-client';
import { RestoreServiceError, RestoreServiceErrorCode } from '../errors';
import { spoolBackupTarball, type SpooledBackup } from '../store/backup-spool';
import { readBackupVolumeFiles } from '../store/backup-volume-files';
import { backupNamespaces, chooseVersionDirs, orderedCollection } from './restore-collection';
import type { RestoreContext, RestoreTimeouts } from './restore-context';
import type { RestoreLog } from './restore-log';
import { runRestorePass } from './restore-passes';
import { StorageClassChecks, loadPluginConfigs } from './restore-plugin-configs';
import { backupSnapshotClaims, openRestoreVolumes } from './restore-volumes';
import { dataDownloadOperations, waitForPodVolumeRestores, type VolumeWaitOptions } from './volume-waits';

/** What discovery found. */
type DiscoveredGroups = Awaited<ReturnType<typeof discoverApiGroups>>;

/** What one run needs. */
export interface RestoreRunRequest {
  readonly restore: Restore;
  readonly backup: Backup;
  readonly store: ObjectStore;
  /** Discovery and item writes (keep-alive connections; the caller closes it). */
  readonly requester: ApiRequester;
  readonly priorities: RestorePriorities;
  /** The restore resource policy (filter sections), when it names one. */
  readonly policies?: ResourcePolicies | undefined;
  /** The restore's resource modifiers; undefined when it has none. */
  readonly modifiers?: ResourceModifiers | undefined;
  /** Items of one resource created at once. */
  readonly parallel: number;
  readonly timeouts: RestoreTimeouts;
  readonly log: RestoreLog;
  /** Called after every processed item of the main pass; the caller throttles its patches. */
  readonly onProgress: (progress: RestoreProgress) => void;
  /** Called once with the final counts when every item is processed, before the volume waits. */
  readonly onItemsRestored: (progress: RestoreProgress) => Promise<void>;
  /** Waits for the volume transfers (the restore's waiting-for report goes through it). */
  readonly waits: Omit<VolumeWaitOptions, 'api' | 'restore' | 'signal'>;
  /** The Restore's itemOperationTimeout. */
  readonly itemOperationTimeoutMs: number;
  readonly signal: AbortSignal;
}

/** What a run restored. */
export interface RestoreRunResult {
  readonly results: BackupResults;
  readonly resourceList: Record<string, string[]>;
  /** Both counters at the restored count (patched once more). */
  readonly progress: RestoreProgress;
  /** The DataDownloads started, as operations. */
  readonly operations: readonly RestoreOperation[];
  readonly apiRequests: number;
}

async function discover(requester: ApiRequester, signal: AbortSignal) {
  try {
    return await discoverApiGroups(requester, 8, signal);
  } catch (error) {
    throw new RestoreServiceError(
      RestoreServiceErrorCode.DiscoveryFailed,
      `API discovery failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** The tarball of the backup, spooled to disk. */
async function spoolTarball(request: RestoreRunRequest, backupName: string): Promise<SpooledBackup> {
  const tarball = await request.store
    .openObjectStream(backupFileKeys(request.store.prefix, backupName).contents, request.signal)
    .catch((error: unknown) => {
      throw new RestoreServiceError(
        RestoreServiceErrorCode.TarballUnreadable,
        `error downloading backup ${backupName}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    });
  return spoolBackupTarball(tarball, backupName, request.signal);
}

/** The shared state of the run: discovery, selection, volumes, settings. */
async function openContext(request: RestoreRunRequest, spool: SpooledBackup, groups: DiscoveredGroups): Promise<RestoreContext> {
  const { restore, backup, signal } = request;
  const backupName = backup.metadata?.name ?? '';
  const spec = restore.spec ?? {};
  const catalog = buildResourceCatalog(groups);
  const api = createApiObjectClient(request.requester);
  const selection = restoreSelectionOf(spec, catalog, backupNamespaces(spool), request.policies);
  const files = await readBackupVolumeFiles(request.store, backupName, signal);
  const volumes = await openRestoreVolumes({
    api,
    restore,
    backup,
    files,
    snapshotClaims: files.volumeInfos === undefined ? await backupSnapshotClaims(spool) : new Set(),
    restoresVolumes: selection.includesResource('persistentvolumeclaims') && selection.includesResource('persistentvolumes'),
    signal,
  });
  const restoreNamespace = restore.metadata?.namespace ?? '';
  return {
    restore,
    backupName,
    settings: {
      restoreName: restore.metadata?.name ?? '',
      backupName,
      preserveNodePorts: spec.preserveNodePorts === true,
      namespaceMapping: spec.namespaceMapping ?? {},
      ...(request.modifiers ? { modifiers: request.modifiers } : {}),
      restoreUid: restore.metadata?.uid ?? '',
      restoreNamespace,
      storageLocation: backup.spec?.storageLocation ?? '',
      restorePVs: spec.restorePVs,
      snapshotMoveData: backup.spec?.snapshotMoveData === true,
      pluginConfigs: await loadPluginConfigs(api, restoreNamespace, signal),
      // Validation rejected a Restore whose hooks do not compile, so this does not throw.
      restoreHooks: restoreHooksFromSpec(spec.hooks),
    },
    spool,
    versionDirs: chooseVersionDirs(spool, groups),
    catalog,
    selection,
    api,
    results: new BackupResultsBuilder(),
    restored: new RestoredItems(),
    log: request.log,
    provisionedVolumes: new Set(),
    serviceAccounts: new Map(),
    namespaces: new Map(),
    timeouts: request.timeouts,
    volumes,
    storageClasses: new StorageClassChecks(api, signal),
    signal,
  };
}

/** The volume step after the items: DataUploadResults removed, pod volume restores waited for, DataDownloads read. */
async function settleVolumes(request: RestoreRunRequest, context: RestoreContext): Promise<RestoreOperation[]> {
  const { restore, log, signal } = request;
  await context.volumes.removeDataUploadResults().catch((error: unknown) => {
    log.write('error', `Fail to batch delete DataUploadResult ConfigMaps for restore ${restore.metadata?.name ?? ''}: ${String(error)}`);
  });
  const waits: VolumeWaitOptions = { ...request.waits, api: context.api, restore, signal };
  for (const error of await waitForPodVolumeRestores(waits, request.itemOperationTimeoutMs)) context.results.velero('errors', error);
  return dataDownloadOperations(waits, request.itemOperationTimeoutMs);
}

/**
 * Velero's warning for a backup without items (its parser finds no `resources` directory in the
 * extracted tarball: `zero items to be restored: directory "<dir>/resources": does not exist`).
 */
const noItemsWarning = 'zero items to be restored: directory "resources": does not exist';

/** Runs the restore. Rejects (a RestoreServiceError) only when nothing could be restored: tarball or discovery. */
export async function runRestore(request: RestoreRunRequest): Promise<RestoreRunResult> {
  const { restore, backup, signal, log } = request;
  const backupName = backup.metadata?.name ?? '';
  const aborted = () => new RestoreServiceError(RestoreServiceErrorCode.Aborted, `restore ${restore.metadata?.name ?? ''} was aborted`);
  // Discovery asks the API server while the tarball streams in; its failure counts only once the spool succeeded.
  const discovery = discover(request.requester, signal);
  discovery.catch(() => undefined);
  const spool = await spoolTarball(request, backupName);
  try {
    log.write('info', `Starting restore of backup ${restore.metadata?.namespace ?? ''}/${backupName}`);
    const context = await openContext(request, spool, await discovery);
    if (spool.entries === 0) context.results.velero('warnings', noItemsWarning);
    const processed = new Set<string>();
    const crds = await orderedCollection(context, { high: ['customresourcedefinitions'], low: [] }, false, processed);
    await runRestorePass(context, crds, request.parallel);
    if (crds.some((selected) => selected.totalItems > 0)) {
      context.catalog = buildResourceCatalog(await discover(request.requester, signal));
      context.selection = restoreSelectionOf(restore.spec ?? {}, context.catalog, backupNamespaces(spool), request.policies);
    }
    const main = await orderedCollection(context, request.priorities, true, processed);
    await runRestorePass(context, main, request.parallel, request.onProgress);
    if (signal.aborted) throw aborted();
    const progress = finalRestoreProgress(context.restored.size);
    await request.onItemsRestored(progress);
    const operations = await settleVolumes(request, context);
    if (signal.aborted) throw aborted();
    log.write('info', 'restore completed');
    return {
      results: context.results.build(),
      resourceList: context.restored.resourceList(),
      progress,
      operations,
      apiRequests: context.api.requests(),
    };
  } finally {
    await spool.dispose();
  }
}
