// The long work of one Restore as a handle the reconciler starts and never awaits: open the
// location's bucket, run the restore with throttled progress, patch the final counts once more,
// wait for the pod volume restores, write the files, patch the outcome (WaitingForPluginOperations*
// while DataDownloads run, else Finalizing*, or Failed with the reason), then finish: wait for the
// DataDownloads, write their operations, and patch the terminal phase. A handle aborted because the
// service stops writes nothing more: the next leader resumes from the phase it left.
import type { Backup, BackupStorageLocation, Restore } from '@ferry/api';
import { RestorePhase } from '@ferry/api';
import { resultCount } from '@ferry/backup';
import type { KubeClient, KubeLogger } from '@ferry/kube';
import { kubeTimestamp } from '@ferry/kube-values';
import { openStorageLocation, type ObjectStore, type ObjectStoreClientOptions } from '@ferry/object-store';
import {
  effectiveItemOperationTimeout,
  phaseAfterFinalizing,
  phaseAfterOperations,
  phaseAfterRun,
  restoreOperationCounts,
  type RestorePriorities,
  type RestoreProgress,
} from '@ferry/restore';
import { objectAttributes, TraceAttribute, withObjectSpan } from '@ferry/telemetry';
import { createApiObjectClient } from '../api/api-object-client';
import type { ResourcePolicies } from '@ferry/volume-policy';
import { putRestoreFiles, putRestoreItemOperations } from '../store/restore-files';
import { finalizeRestore } from './restore-finalizer';
import type { VolumeReporter } from '@ferry/volume-info-client';
import { createProgressWriter } from './progress-writer';
import type { RestoreTimeouts } from './restore-context';
import { openRestoreLog } from './restore-log';
import type { LoadedRestoreModifiers } from './restore-modifiers-loader';
import { runRestore } from './restore-run';
import { waitForDataDownloads, waitingForAnnotation, type VolumeWaitOptions } from './volume-waits';

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
  /** Records each Restore's volumes at volume-info and seals its report at Finalizing. */
  readonly volumeReporter: VolumeReporter;
  /** Every progress sample of a run, unthrottled (the HTTP API's rate and ETA). */
  readonly onProgress?: ((namespace: string, name: string, progress: RestoreProgress) => void) | undefined;
}

/** A Restore whose items are restored, to finish. */
export interface RestoreFinishStart {
  readonly restore: Restore;
  readonly backup: Backup;
  readonly location: BackupStorageLocation;
  readonly signal: AbortSignal;
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
const byPhase = (outcome: { phase: string }): string => outcome.phase;

/**
 * Runs `step` in span `name`, a child of the Restore's root span (its `ferry.io/traceparent`), with
 * the phase the step leads to (`phaseOf` its outcome) as `velero.phase`; a failure is recorded on
 * the span (tracing).
 */
function restoreSpan<T>(name: string, restore: Restore, step: () => Promise<T>, phaseOf: (outcome: T) => string | undefined): Promise<T> {
  return withObjectSpan(
    name,
    restore.metadata?.annotations,
    async (span) => {
      const outcome = await step();
      const phase = phaseOf(outcome);
      if (phase) span.setAttribute(TraceAttribute.Phase, phase);
      return outcome;
    },
    { attributes: objectAttributes('restore', restore.metadata) },
  );
}

/** The Restore's itemOperationTimeout in milliseconds (zero or absent: Velero's 4h default). */
const itemOperationTimeoutMs = (restore: Restore): number => effectiveItemOperationTimeout(restore.spec?.itemOperationTimeout).ms;

/** The wait options of a Restore: its `ferry.io/waiting-for` annotation patched as the wait changes. */
function waitOptions(options: RestoreRunnerOptions, restore: Restore): Omit<VolumeWaitOptions, 'api' | 'restore' | 'signal'> {
  const ns = restore.metadata?.namespace ?? '';
  const name = restore.metadata?.name ?? '';
  return {
    pollMs: options.timeouts.pollMs,
    now: options.now,
    onWaiting: (waitingFor) =>
      options.patch(ns, name, { metadata: { annotations: { [waitingForAnnotation]: waitingFor === '' ? null : waitingFor } } }),
  };
}

/** A Restore status patch. */
type StatusPatch = { readonly status: NonNullable<Restore['status']> };

async function restoreWithStore(options: RestoreRunnerOptions, start: RestoreRunStart, store: ObjectStore): Promise<StatusPatch> {
  const { restore } = start;
  const ns = restore.metadata?.namespace ?? '';
  const name = restore.metadata?.name ?? '';
  const log = await openRestoreLog(`${ns}/${name}`, options.now);
  if (start.modifiers?.kind === 'skipped') log.write('warning', start.modifiers.warning);
  const progressPatch = (progress: RestoreProgress) => options.patch(ns, name, { status: { progress } });
  const writer = createProgressWriter(progressPatch, (error) =>
    options.logger.warn({ restore: name, error: message(error) }, "Got error trying to update restore's status.progress"),
  );
  try {
    const outcome = await runRestore({
      restore,
      backup: start.backup,
      store,
      // @ferry/kube's requester keeps its connections alive.
      requester: options.kube.requester,
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
      onItemsRestored: async (progress) => {
        await writer.close();
        await progressPatch(progress);
      },
      waits: waitOptions(options, restore),
      itemOperationTimeoutMs: itemOperationTimeoutMs(restore),
      signal: start.signal,
    });
    const failures = await putRestoreFiles(
      store,
      name,
      { log: await log.finish(), results: outcome.results, resourceList: outcome.resourceList, itemOperations: outcome.operations },
      start.signal,
    );
    for (const failure of failures) options.logger.error({ restore: name }, failure);
    const errors = resultCount(outcome.results.errors);
    const warnings = resultCount(outcome.results.warnings);
    const counts = restoreOperationCounts(outcome.operations);
    // Velero's counters are omitempty: zero is left out.
    return {
      status: {
        // As in Velero, a restore that started operations waits for them (its operations controller counts them).
        phase: phaseAfterRun(errors, counts.attempted > 0),
        errors: errors || undefined,
        warnings: warnings || undefined,
        progress: outcome.progress,
        restoreItemOperationsAttempted: counts.attempted || undefined,
      },
    };
  } finally {
    await writer.close();
    await log.dispose();
  }
}

/**
 * The end of a Restore whose items are restored (velero restore_operations_controller.go and
 * restore_finalizer_controller.go): WaitingForPluginOperations* → the DataDownloads waited for,
 * their final operations written, counts and errors patched, Finalizing*; Finalizing* → the
 * terminal phase with its completion time.
 */
async function finishWithStore(options: RestoreRunnerOptions, start: RestoreFinishStart, store: ObjectStore): Promise<object> {
  const { restore } = start;
  const ns = restore.metadata?.namespace ?? '';
  const name = restore.metadata?.name ?? '';
  let phase = restore.status?.phase ?? '';
  // Each step adds its errors to the count the previous one wrote (not to the one this run began with).
  let errors = restore.status?.errors ?? 0;
  const api = createApiObjectClient(options.kube.requester);
  if (phase === RestorePhase.WaitingForPluginOperations || phase === RestorePhase.WaitingForPluginOperationsPartiallyFailed) {
    const waiting = phase;
    ({ phase, errors } = await restoreSpan(
      'restore.operations',
      restore,
      async () => {
        const waits: VolumeWaitOptions = { ...waitOptions(options, restore), api, restore, signal: start.signal };
        const operations = await waitForDataDownloads(waits, itemOperationTimeoutMs(restore));
        await putRestoreItemOperations(store, name, operations, start.signal);
        const counts = restoreOperationCounts(operations);
        const next = phaseAfterOperations(waiting, counts.failed);
        const errorsAfter = errors + counts.failed;
        await options.patch(ns, name, {
          status: {
            phase: next,
            errors: errorsAfter || undefined,
            restoreItemOperationsCompleted: counts.completed || undefined,
            restoreItemOperationsFailed: counts.failed || undefined,
          },
        });
        return { phase: next, errors: errorsAfter };
      },
      byPhase,
    ));
  }
  // A Restore being deleted has its files removed by the deletion controller: nothing more is written.
  if (!restore.metadata?.deletionTimestamp) {
    ({ phase } = await restoreSpan('restore.finalize', restore, () => finalizeWithStore(options, start, store, phase, errors), byPhase));
  }
  return { status: { phase: phaseAfterFinalizing(phase), completionTimestamp: kubeTimestamp(options.now()) } };
}

/**
 * The Finalizing step: the restored volumes patched (Velero's restore finalizer); its errors added
 * to `errorsBefore` (the status's count so far); resolves with the phase it leads to.
 */
async function finalizeWithStore(
  options: RestoreRunnerOptions,
  start: RestoreFinishStart,
  store: ObjectStore,
  phase: string,
  errorsBefore: number,
): Promise<{ phase: string }> {
  const { restore } = start;
  const ns = restore.metadata?.namespace ?? '';
  const name = restore.metadata?.name ?? '';
  const finalizeErrors = await finalizeRestore({
    api: createApiObjectClient(options.kube.requester),
    store,
    restore,
    backup: start.backup,
    logger: options.logger,
    pollMs: options.timeouts.pollMs,
    resourceTimeoutMs: options.timeouts.resourceTimeoutMs,
    now: options.now,
    volumeReporter: options.volumeReporter,
    onWaiting: waitOptions(options, restore).onWaiting,
    signal: start.signal,
  });
  if (finalizeErrors === 0) return { phase };
  await options.patch(ns, name, {
    status: { phase: RestorePhase.FinalizingPartiallyFailed, errors: errorsBefore + finalizeErrors },
  });
  return { phase: RestorePhase.FinalizingPartiallyFailed };
}

/** The location's bucket of one handle: opened on first use, closed (and opened again on the next use) by `close`. */
interface HandleBucket {
  open(): Promise<ObjectStore>;
  close(): void;
}

function handleBucket(options: RestoreRunnerOptions, start: RestoreFinishStart): HandleBucket {
  let opened: Promise<ObjectStore> | undefined;
  return {
    open: () =>
      (opened ??= restoreSpan(
        // Its own span, so a bucket that cannot be opened is an error span in the Restore's trace.
        'restore.location.open',
        start.restore,
        () =>
          openStorageLocation({
            kube: options.kube,
            namespace: options.namespace,
            location: start.location,
            client: options.objectStoreClient,
          }),
        () => undefined,
      ).then((location) => location.store)),
    close() {
      void opened?.then(
        (store) => store.close(),
        () => undefined,
      );
      opened = undefined;
    },
  };
}

/** Runs `body` over the handle's bucket and patches what it resolves with; a failure (also of the bucket) becomes `Failed`. */
async function withStore(
  options: RestoreRunnerOptions,
  start: RestoreFinishStart,
  bucket: HandleBucket,
  body: (store: ObjectStore) => Promise<object>,
): Promise<boolean> {
  const ns = start.restore.metadata?.namespace ?? '';
  const name = start.restore.metadata?.name ?? '';
  let patch: object;
  try {
    patch = await body(await bucket.open());
  } catch (error) {
    if (start.signal.aborted) return false;
    options.logger.error({ restore: name, error: message(error) }, 'restore failed');
    patch = { status: { phase: RestorePhase.Failed, failureReason: message(error), completionTimestamp: kubeTimestamp(options.now()) } };
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

/** Phases after the items in which the Restore is finalized right away (no operations to wait for). */
const finalizingPhases: readonly string[] = [RestorePhase.Finalizing, RestorePhase.FinalizingPartiallyFailed];

/**
 * Runs one Restore from InProgress to its end: the items, then (same handle) the waits and the
 * finalization. Resolves true when the terminal phase is patched, false when a phase could not be
 * written or the run was aborted; never rejects — failures become the Restore's `Failed` phase.
 */
export async function runRestoreHandle(options: RestoreRunnerOptions, start: RestoreRunStart): Promise<boolean> {
  const bucket = handleBucket(options, start);
  try {
    let status: StatusPatch['status'] | undefined;
    const ran = await withStore(options, start, bucket, async (store) => {
      const patch = await restoreSpan(
        'restore.items',
        start.restore,
        () => restoreWithStore(options, start, store),
        (outcome) => outcome.status.phase,
      );
      status = patch.status;
      return patch;
    });
    if (!ran || status?.phase === RestorePhase.Failed || status === undefined) return ran;
    // A finalization that follows right away keeps the bucket (its credentials were read moments ago);
    // operations may run for hours, and their end reads the location's credentials again.
    if (!finalizingPhases.includes(status.phase ?? '')) bucket.close();
    const finishing = { ...start, restore: { ...start.restore, status: { ...start.restore.status, ...status } } };
    return await withStore(options, finishing, bucket, (store) => finishWithStore(options, finishing, store));
  } finally {
    bucket.close();
  }
}

/** Finishes a Restore in WaitingForPluginOperations* or Finalizing* (also one a previous leader left there). */
export async function finishRestoreHandle(options: RestoreRunnerOptions, start: RestoreFinishStart): Promise<boolean> {
  const bucket = handleBucket(options, start);
  try {
    return await withStore(options, start, bucket, (store) => finishWithStore(options, start, store));
  } finally {
    bucket.close();
  }
}
