// The long work of one Restore as a handle the reconciler starts and never awaits: open the
// location's bucket, run the restore with throttled progress, patch the final counts once more,
// write the files, then patch the outcome (Finalizing / FinalizingPartiallyFailed with counts, or
// Failed with the reason). A run aborted because the service stops writes nothing: the Restore
// stays InProgress and the next leader runs it again.
import type { Backup, BackupStorageLocation, Restore } from '@ferry/api';
import { RestorePhase } from '@ferry/api';
import { resultCount } from '@ferry/backup';
import type { KubeClient, KubeLogger } from '@ferry/kube';
import { openStorageLocation, type ObjectStore, type ObjectStoreClientOptions } from '@ferry/object-store';
import { phaseAfterRun, type RestorePriorities, type RestoreProgress } from '@ferry/restore';
import type { ResourcePolicies } from '@ferry/volume-policy';
import { putRestoreFiles } from '../store/restore-files';
import { createProgressWriter } from './progress-writer';
import type { RestoreTimeouts } from './restore-context';
import { openRestoreLog } from './restore-log';
import type { LoadedRestoreModifiers } from './restore-modifiers-loader';
import { runRestore } from './restore-run';

/** Writes part of a Restore (a JSON merge patch). */
export type RestorePatcher = (namespace: string, name: string, patch: object) => Promise<void>;

/** What every run shares. */
export interface RestoreRunnerOptions {
  readonly kube: KubeClient;
  readonly logger: KubeLogger;
  readonly namespace: string;
  readonly patch: RestorePatcher;
  readonly priorities: RestorePriorities;
  readonly parallel: number;
  readonly timeouts: RestoreTimeouts;
  readonly objectStoreClient?: ObjectStoreClientOptions | undefined;
  readonly now: () => Date;
  /** Every progress sample of a run, unthrottled (the HTTP API's rate and ETA). */
  readonly onProgress?: ((namespace: string, name: string, progress: RestoreProgress) => void) | undefined;
}

/** One run to start. */
export interface RestoreRunStart {
  readonly restore: Restore;
  readonly backup: Backup;
  readonly location: BackupStorageLocation;
  readonly policies?: ResourcePolicies | undefined;
  /** The loaded resource modifiers (a skipped default ConfigMap's warning goes to the restore log). */
  readonly modifiers?: LoadedRestoreModifiers | undefined;
  readonly signal: AbortSignal;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function restoreWithStore(options: RestoreRunnerOptions, start: RestoreRunStart, store: ObjectStore): Promise<object> {
  const { restore } = start;
  const ns = restore.metadata?.namespace ?? '';
  const name = restore.metadata?.name ?? '';
  const log = await openRestoreLog(`${ns}/${name}`, options.now);
  if (start.modifiers?.kind === 'skipped') log.write('warning', start.modifiers.warning);
  const progressPatch = (progress: RestoreProgress) => options.patch(ns, name, { status: { progress } });
  const writer = createProgressWriter(progressPatch, (error) =>
    options.logger.warn({ restore: name, error: message(error) }, "Got error trying to update restore's status.progress"),
  );
  // @ferry/kube's requester keeps its connections alive.
  const requester = options.kube.requester;
  try {
    const outcome = await runRestore({
      restore,
      backup: start.backup,
      store,
      requester,
      priorities: options.priorities,
      policies: start.policies,
      modifiers: start.modifiers?.kind === 'loaded' ? start.modifiers.modifiers : undefined,
      parallel: options.parallel,
      timeouts: options.timeouts,
      log,
      onProgress: (progress) => {
        writer.offer(progress);
        options.onProgress?.(ns, name, progress);
      },
      signal: start.signal,
    });
    await writer.close();
    await progressPatch(outcome.progress);
    const failures = await putRestoreFiles(
      store,
      name,
      { log: await log.finish(), results: outcome.results, resourceList: outcome.resourceList },
      start.signal,
    );
    for (const failure of failures) options.logger.error({ restore: name }, failure);
    const errors = resultCount(outcome.results.errors);
    const warnings = resultCount(outcome.results.warnings);
    // Velero's counters are omitempty: zero is left out.
    return {
      status: { phase: phaseAfterRun(errors), errors: errors || undefined, warnings: warnings || undefined, progress: outcome.progress },
    };
  } finally {
    await writer.close();
    await log.dispose();
  }
}

/**
 * Runs one Restore to its next phase. Resolves true when the outcome is patched, false when it
 * could not be written or the run was aborted; never rejects — failures become the Restore's
 * `Failed` phase and reason.
 */
export async function runRestoreHandle(options: RestoreRunnerOptions, start: RestoreRunStart): Promise<boolean> {
  const ns = start.restore.metadata?.namespace ?? '';
  const name = start.restore.metadata?.name ?? '';
  let patch: object;
  let store: ObjectStore | undefined;
  try {
    store = (
      await openStorageLocation({
        kube: options.kube,
        namespace: options.namespace,
        location: start.location,
        client: options.objectStoreClient,
      })
    ).store;
    patch = await restoreWithStore(options, start, store);
  } catch (error) {
    if (start.signal.aborted) return false;
    options.logger.error({ restore: name, error: message(error) }, 'restore failed');
    patch = { status: { phase: RestorePhase.Failed, failureReason: message(error), completionTimestamp: options.now().toISOString() } };
  } finally {
    store?.close();
  }
  if (start.signal.aborted) return false;
  return options.patch(ns, name, patch).then(
    () => true,
    (error: unknown) => {
      options.logger.error({ restore: name, error: message(error) }, "Error updating restore's status");
      return false;
    },
  );
}
