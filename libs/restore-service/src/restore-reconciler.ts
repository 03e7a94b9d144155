// The Restore controller's reconcile (velero restore_controller.go Reconcile and
// restore_finalizer_controller.go): New → validated (FailedValidation, or InProgress with Velero's
// completed spec: non-restorable resources excluded, the schedule's backup named, the default
// item operation timeout); InProgress → a run started as a handle (never awaited here), also after
// a restart, at most `maxRestoreAttempts` runs in all; WaitingForPluginOperations* / Finalizing*
// that no handle of this process owns (a restart) → a finishing handle.
import { RestorePhase, type Backup, type BackupStorageLocation, type Restore } from '@ferry/api';
import { objectKey, splitObjectKey, type KubeLogger, type ReconcileFunction } from '@ferry/kube';
import { kubeTimestamp } from '@ferry/kube-values';
import {
  attemptsExhaustedReason,
  effectiveItemOperationTimeout,
  maxRestoreAttempts,
  nonRestorableResources,
  restoreAttempts,
  restoreAttemptsAnnotation,
  restoreStepOf,
  validateRestore,
  type RestoreValidation,
} from '@ferry/restore';
import { markSpanFailed, objectAttributes, traceAnnotations, withObjectSpan, withSpan } from '@ferry/telemetry';
import type { LoadedRestoreModifiers } from './run/restore-modifiers-loader';
import type { LoadedRestorePolicy } from './run/restore-policy-loader';
import type { RestoreFinishStart, RestorePatcher, RestoreRunStart } from './run/restore-runner';

/** The informer caches the reconciler reads. */
export interface RestoreCache {
  getRestore(namespace: string, name: string): Restore | undefined;
  backups(namespace: string): Backup[];
  locations(namespace: string): BackupStorageLocation[];
}

/** Collaborators of {@link createRestoreReconciler}. */
export interface RestoreReconcilerOptions {
  readonly cache: RestoreCache;
  readonly patch: RestorePatcher;
  readonly loadPolicy: (restore: Restore) => Promise<LoadedRestorePolicy>;
  readonly loadModifiers: (restore: Restore) => Promise<LoadedRestoreModifiers>;
  /** Starts a run; resolves true when its terminal phase was written. */
  readonly startRun: (start: RestoreRunStart) => Promise<boolean>;
  /** Starts finishing a Restore whose items are restored; resolves true when its terminal phase was written. */
  readonly startFinish: (start: RestoreFinishStart) => Promise<boolean>;
  /** Aborted when the service stops: running restores stay InProgress for the next leader. */
  readonly stopSignal: AbortSignal;
  readonly now: () => Date;
  readonly logger: KubeLogger;
}

interface RunEntry {
  readonly uid: string;
  written: boolean;
}

function completedSpec(restore: Restore, validation: RestoreValidation): object {
  const spec = restore.spec ?? {};
  const excluded = [...(spec.excludedResources ?? [])];
  for (const resource of nonRestorableResources) if (!excluded.includes(resource)) excluded.push(resource);
  const scheduleName = spec.scheduleName || validation.backup?.metadata?.labels?.['velero.io/schedule-name'];
  return {
    excludedResources: excluded,
    backupName: validation.backup?.metadata?.name,
    ...(scheduleName ? { scheduleName } : {}),
    itemOperationTimeout: effectiveItemOperationTimeout(spec.itemOperationTimeout).text,
  };
}

/** Validates a new Restore and stores the outcome with `annotations` (its trace context). */
async function validate(
  options: RestoreReconcilerOptions,
  restore: Restore,
  ns: string,
  name: string,
  annotations: Record<string, string>,
): Promise<void> {
  const loaded = await options.loadPolicy(restore);
  const modifiers = await options.loadModifiers(restore);
  const validation = validateRestore({
    namespace: ns,
    spec: restore.spec ?? {},
    backups: options.cache.backups(ns),
    locations: options.cache.locations(ns),
    policy: loaded.outcome,
    modifiersError: modifiers.kind === 'failed' ? modifiers.message : undefined,
  });
  // The resourceVersion makes the patch fail on a stale cache instead of validating twice.
  const resourceVersion = restore.metadata?.resourceVersion;
  if (validation.errors.length > 0) {
    markSpanFailed(validation.errors.join('; '), RestorePhase.FailedValidation);
    await options.patch(ns, name, {
      metadata: { resourceVersion, annotations },
      status: { phase: RestorePhase.FailedValidation, validationErrors: validation.errors },
    });
    return;
  }
  await options.patch(ns, name, {
    metadata: { resourceVersion, annotations: { ...annotations, [restoreAttemptsAnnotation]: '0' } },
    spec: completedSpec(restore, validation),
    status: { phase: RestorePhase.InProgress, startTimestamp: kubeTimestamp(options.now()) },
  });
}

const failedPatch = (options: RestoreReconcilerOptions, reason: string): object => ({
  status: { phase: RestorePhase.Failed, failureReason: reason, completionTimestamp: kubeTimestamp(options.now()) },
});

async function run(
  options: RestoreReconcilerOptions,
  runs: Map<string, RunEntry>,
  restore: Restore,
  ns: string,
  name: string,
): Promise<void> {
  const key = objectKey(restore);
  const uid = restore.metadata?.uid ?? '';
  if (runs.get(key)?.uid === uid) return;
  const attempts = restoreAttempts(restore.metadata?.annotations);
  if (attempts >= maxRestoreAttempts) return options.patch(ns, name, failedPatch(options, attemptsExhaustedReason(attempts)));
  const source = sourceOf(options, restore);
  if (typeof source === 'string') return options.patch(ns, name, failedPatch(options, source));
  await options.patch(ns, name, { metadata: { annotations: { [restoreAttemptsAnnotation]: String(attempts + 1) } } });
  const loaded = await options.loadPolicy(restore);
  const modifiers = await options.loadModifiers(restore);
  if (attempts > 0) options.logger.info({ restore: key, attempt: attempts + 1 }, 'resuming an interrupted restore');
  own(options, runs, key, uid, options.startRun({ restore, ...source, policies: loaded.policies, modifiers, signal: options.stopSignal }));
}

/** The Restore's backup and its location from the caches, or why not. */
function sourceOf(options: RestoreReconcilerOptions, restore: Restore): { backup: Backup; location: BackupStorageLocation } | string {
  const ns = restore.metadata?.namespace ?? '';
  const backup = options.cache.backups(ns).find((candidate) => candidate.metadata?.name === restore.spec?.backupName);
  const location = options.cache.locations(ns).find((candidate) => candidate.metadata?.name === backup?.spec?.storageLocation);
  if (!backup) return `backup ${restore.spec?.backupName ?? ''} not found`;
  if (!location) return `backup storage location ${backup.spec?.storageLocation ?? ''} not found`;
  return { backup, location };
}

/** Records that a handle of this process owns the Restore until it wrote its terminal phase. */
function own(options: RestoreReconcilerOptions, runs: Map<string, RunEntry>, key: string, uid: string, handle: Promise<boolean>): void {
  const entry: RunEntry = { uid, written: false };
  runs.set(key, entry);
  void handle.then((written) => {
    if (written) entry.written = true;
    else if (!options.stopSignal.aborted) runs.delete(key);
  });
}

async function finish(options: RestoreReconcilerOptions, runs: Map<string, RunEntry>, restore: Restore, ns: string, name: string) {
  const key = objectKey(restore);
  const uid = restore.metadata?.uid ?? '';
  if (runs.get(key)?.uid === uid) return;
  const source = sourceOf(options, restore);
  if (typeof source === 'string') return options.patch(ns, name, failedPatch(options, source));
  options.logger.info({ restore: key, phase: restore.status?.phase }, 'finishing a restore an earlier leader left');
  own(options, runs, key, uid, options.startFinish({ restore, ...source, signal: options.stopSignal }));
}

/** The reconcile function; every write is a merge patch of the Restore (no status subresource). */
export function createRestoreReconciler(options: RestoreReconcilerOptions): ReconcileFunction {
  const runs = new Map<string, RunEntry>();
  return async (key) => {
    const { namespace: ns = '', name } = splitObjectKey(key);
    const restore = options.cache.getRestore(ns, name);
    if (!restore) {
      runs.delete(key);
      return;
    }
    const step = restoreStepOf(restore.status?.phase);
    // A finished handle's entry stays until the cache shows a terminal phase (a stale event cannot start it again).
    if (step === 'done' && runs.get(key)?.written) runs.delete(key);
    switch (step) {
      case 'validate': {
        // The Restore's trace starts here (tracing).
        const traced = { attributes: objectAttributes('restore', restore.metadata) };
        return withObjectSpan(
          'restore',
          restore.metadata?.annotations,
          // The root span's context goes into the validation's write: every later step joins the Restore's trace.
          () => {
            const annotations = traceAnnotations();
            return withSpan('restore.validate', () => validate(options, restore, ns, name, annotations), traced);
          },
          traced,
        );
      }
      case 'run':
        return run(options, runs, restore, ns, name);
      case 'finalize':
        return finish(options, runs, restore, ns, name);
      default:
        return;
    }
  };
}
