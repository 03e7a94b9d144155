// One restore run, start to end (velero pkg/controller/restore_controller.go runValidatedRestore
// and pkg/restore/restore.go execute): the tarball spooled from the bucket, discovery, the
// version choice, the CRD pass (no progress), discovery again, the ordered main pass with
// progress, the final progress; the caller writes the files and the phase.
import type { Backup, Restore } from '@ferry/api';
import { BackupResultsBuilder, buildResourceCatalog, type BackupResults } from '@ferry/backup';
import type { ObjectStore } from '@ferry/object-store';
import type { ApiRequester } from '@ferry/kube';
import { discoverApiGroups } from '@ferry/resource-backup';
import { RestoredItems, finalRestoreProgress, restoreSelectionOf, type RestorePriorities, type RestoreProgress } from '@ferry/restore';
import { backupFileKeys } from '@ferry/storage-location';
import type { ResourceModifiers } from '@ferry/resource-modifiers';
import type { ResourcePolicies } from '@ferry/volume-policy';
import { createApiObjectClient } from '../api/api-object-client';
import { RestoreServiceError, RestoreServiceErrorCode } from '../errors';
import { spoolBackupTarball } from '../store/backup-spool';
import { backupNamespaces, chooseVersionDirs, orderedCollection } from './restore-collection';
import type { RestoreContext, RestoreTimeouts } from './restore-context';
import type { RestoreLog } from './restore-log';
import { runRestorePass } from './restore-passes';

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
  /** The restore's resource modifiers, when it has any. */
  readonly modifiers?: ResourceModifiers | undefined;
  /** Items of one resource created at once. */
  readonly parallel: number;
  readonly timeouts: RestoreTimeouts;
  readonly log: RestoreLog;
  /** Called after every processed item of the main pass; the caller throttles its patches. */
  readonly onProgress: (progress: RestoreProgress) => void;
  readonly signal: AbortSignal;
}

/** What a run restored. */
export interface RestoreRunResult {
  readonly results: BackupResults;
  readonly resourceList: Record<string, string[]>;
  /** Both counters at the restored count (patched once more). */
  readonly progress: RestoreProgress;
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

/** Runs the restore. Rejects (a RestoreServiceError) only when nothing could be restored: tarball or discovery. */
export async function runRestore(request: RestoreRunRequest): Promise<RestoreRunResult> {
  const { restore, backup, signal, log } = request;
  const backupName = backup.metadata?.name ?? '';
  const tarball = await request.store
    .openObjectStream(backupFileKeys(request.store.prefix, backupName).contents, signal)
    .catch((error: unknown) => {
      throw new RestoreServiceError(
        RestoreServiceErrorCode.TarballUnreadable,
        `error downloading backup ${backupName}: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    });
  const spool = await spoolBackupTarball(tarball, backupName, signal);
  try {
    log.write('info', `Starting restore of backup ${restore.metadata?.namespace ?? ''}/${backupName}`);
    let groups = await discover(request.requester, signal);
    const catalog = buildResourceCatalog(groups);
    const spec = restore.spec ?? {};
    const context: RestoreContext = {
      restore,
      backupName,
      settings: {
        restoreName: restore.metadata?.name ?? '',
        backupName,
        preserveNodePorts: spec.preserveNodePorts === true,
        namespaceMapping: spec.namespaceMapping ?? {},
        ...(request.modifiers ? { modifiers: request.modifiers } : {}),
      },
      spool,
      versionDirs: chooseVersionDirs(spool, groups),
      catalog,
      selection: restoreSelectionOf(spec, catalog, backupNamespaces(spool), request.policies),
      api: createApiObjectClient(request.requester),
      results: new BackupResultsBuilder(),
      restored: new RestoredItems(),
      log,
      provisionedVolumes: new Set(),
      serviceAccounts: new Map(),
      namespaces: new Map(),
      timeouts: request.timeouts,
      signal,
    };
    const processed = new Set<string>();
    const crds = await orderedCollection(context, { high: ['customresourcedefinitions'], low: [] }, false, processed);
    await runRestorePass(context, crds, request.parallel);
    if (crds.some((selected) => selected.totalItems > 0)) {
      groups = await discover(request.requester, signal);
      context.catalog = buildResourceCatalog(groups);
      context.selection = restoreSelectionOf(spec, context.catalog, backupNamespaces(spool), request.policies);
    }
    const main = await orderedCollection(context, request.priorities, true, processed);
    await runRestorePass(context, main, request.parallel, request.onProgress);
    if (signal.aborted)
      throw new RestoreServiceError(RestoreServiceErrorCode.Aborted, `restore ${restore.metadata?.name ?? ''} was aborted`);
    log.write('info', 'restore completed');
    return {
      results: context.results.build(),
      resourceList: context.restored.resourceList(),
      progress: finalRestoreProgress(context.restored.size),
      apiRequests: context.api.requests(),
    };
  } finally {
    await spool.dispose();
  }
}
